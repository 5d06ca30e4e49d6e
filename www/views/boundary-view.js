// The main view: the decision boundary (or predicted values) behind the points, a diff's marks
// and the brush cursor.

import { CLASS_RGB, classColor } from '../palette.js';
import { valueCss, valueRgb } from './heatmap.js';

/** Colour scale of value points before the core has told the dataset's range. */
const DEFAULT_RANGE = [-1, 1];

/**
 * Draws the grid of class probabilities (colour by class, lightness by confidence) or, for
 * regression, of predicted values (the dataset's value scale), the points (train filled, test
 * hollow; coloured by class or by value), a diff's marks and the brush cursor. Editing lives in
 * `brush.js`.
 */
export class BoundaryView {
  constructor(canvas) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.grid = null;
    this.overlay = null;
    this.diff = null;
    this.points = [];
    this.testMask = [];
    this.range = null;
    this.cursor = null;
    this.layers = [];
    this.gridCanvas = document.createElement('canvas');
    new ResizeObserver(() => this.resize()).observe(canvas);
  }

  resize() {
    const dpr = window.devicePixelRatio || 1;
    const size = Math.round(this.canvas.clientWidth * dpr);
    if (size > 0 && this.canvas.width !== size) {
      this.canvas.width = size;
      this.canvas.height = size;
      this.draw();
    }
  }

  /** Canvas event → data coordinates in [-1, 1]², y up. */
  toData(e) {
    const r = this.canvas.getBoundingClientRect();
    const x = ((e.clientX - r.left) / r.width) * 2 - 1;
    const y = 1 - ((e.clientY - r.top) / r.height) * 2;
    return { x: Math.max(-1, Math.min(1, x)), y: Math.max(-1, Math.min(1, y)) };
  }

  /** The brush outline at `{ x, y, r }` (data units), or none. */
  setCursor(cursor) {
    this.cursor = cursor;
    this.draw();
  }

  /** New dataset from the core; `range` is `[min, max]` of a regression dataset's values. */
  setPoints(points, testMask, range) {
    this.points = points;
    this.testMask = Array.from(testMask || []);
    this.range = range || null;
    this.draw();
  }

  /** The colour of point `p`: its class, or its value on the dataset's scale. */
  pointColour(p) {
    return p.value === undefined ? classColor(p.label) : valueCss(p.value, this.range || DEFAULT_RANGE);
  }

  /** Shows `canvas` (one neuron's heatmap) instead of the boundary; `null` shows the boundary again. */
  setOverlay(canvas) {
    this.overlay = canvas;
    this.draw();
  }

  /** Adds a layer drawn with the view: `underlay(ctx, w)` beneath the points, `overlay(ctx, w, radius)` above. */
  addLayer(layer) {
    this.layers.push(layer);
    this.draw();
  }

  /** Marks a diff's examples: + added, − removed, ~ relabelled (`null` clears the marks). */
  setDiff(diff) {
    this.diff = diff;
    this.draw();
  }

  /** New boundary grid from the core (`null` clears it). */
  setGrid(grid) {
    this.grid = grid;
    if (grid) this.paintGrid();
    this.draw();
  }

  paintGrid() {
    paintBoundary(this.gridCanvas, this.grid);
  }

  draw() {
    const { ctx, canvas } = this;
    const w = canvas.width;
    if (!w) return;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, w);
    const background = this.overlay || (this.grid ? this.gridCanvas : null);
    if (background) {
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(background, 0, 0, w, w);
    }
    for (const layer of this.layers) layer.underlay?.(ctx, w);
    this.drawAxes(w);
    const radius = Math.max(3, w / 110);
    this.points.forEach((p, i) => {
      const px = ((p.x + 1) / 2) * w;
      const py = ((1 - p.y) / 2) * w;
      ctx.beginPath();
      ctx.arc(px, py, radius, 0, Math.PI * 2);
      const colour = this.pointColour(p);
      const valued = p.value !== undefined;
      if (this.testMask[i]) {
        ctx.fillStyle = '#fff';
        ctx.fill();
        ctx.lineWidth = Math.max(1.5, radius / 2);
        ctx.strokeStyle = colour;
      } else {
        ctx.fillStyle = colour;
        ctx.fill();
        ctx.lineWidth = Math.max(1, radius / 3);
        // A pale value would vanish on a pale background: value points get a dark rim.
        ctx.strokeStyle = valued ? 'rgb(15 23 42 / 0.55)' : '#fff';
      }
      ctx.stroke();
    });
    if (this.range && this.points.some((p) => p.value !== undefined)) this.drawScale(w);
    if (this.diff) this.drawDiff(w, radius);
    for (const layer of this.layers) layer.overlay?.(ctx, w, radius);
    if (this.cursor && this.cursor.r > 0) {
      ctx.beginPath();
      ctx.arc(((this.cursor.x + 1) / 2) * w, ((1 - this.cursor.y) / 2) * w, (this.cursor.r / 2) * w, 0, Math.PI * 2);
      ctx.strokeStyle = 'rgb(15 23 42 / 0.55)';
      ctx.lineWidth = Math.max(1, w / 400);
      ctx.setLineDash([4, 4]);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }

  drawDiff(w, radius) {
    const { ctx } = this;
    const mark = (p, glyph, colour) => {
      if (p.x === undefined) return; // image examples have no place on the square
      const px = ((p.x + 1) / 2) * w;
      const py = ((1 - p.y) / 2) * w;
      ctx.font = `700 ${Math.round(radius * 3.6)}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.lineWidth = Math.max(2, radius / 1.5);
      ctx.strokeStyle = '#fff';
      ctx.strokeText(glyph, px, py - radius * 2.2);
      ctx.fillStyle = colour;
      ctx.fillText(glyph, px, py - radius * 2.2);
      ctx.beginPath();
      ctx.arc(px, py, radius * 1.8, 0, Math.PI * 2);
      ctx.strokeStyle = colour;
      ctx.lineWidth = Math.max(1.5, radius / 2.5);
      ctx.stroke();
    };
    for (const p of this.diff.removed) mark(p, '−', '#dc2626');
    for (const p of this.diff.added) mark(p, '+', '#16a34a');
    for (const p of this.diff.relabelled) mark(p, '~', '#a16207');
  }

  /** The value colour scale, bottom right: what the colours of a regression dataset mean. */
  drawScale(w) {
    const { ctx } = this;
    const [lo, hi] = this.range;
    const bw = Math.round(w * 0.3);
    const bh = Math.max(8, Math.round(w / 60));
    const x0 = w - bw - Math.round(w / 40);
    const y0 = w - bh - Math.round(w / 25);
    const gradient = ctx.createLinearGradient(x0, 0, x0 + bw, 0);
    for (const t of [0, 0.25, 0.5, 0.75, 1]) gradient.addColorStop(t, valueCss(lo + t * (hi - lo), this.range));
    ctx.fillStyle = 'rgb(255 255 255 / 0.85)';
    ctx.fillRect(x0 - 6, y0 - bh * 2.4, bw + 12, bh * 3.6);
    ctx.fillStyle = gradient;
    ctx.fillRect(x0, y0, bw, bh);
    ctx.strokeStyle = 'rgb(15 23 42 / 0.4)';
    ctx.lineWidth = 1;
    ctx.strokeRect(x0, y0, bw, bh);
    ctx.fillStyle = '#0f172a';
    ctx.font = `${Math.max(10, Math.round(bh * 1.1))}px system-ui, sans-serif`;
    ctx.textBaseline = 'bottom';
    const fmt = (v) => (Math.abs(v) >= 100 || v === Math.round(v) ? String(Math.round(v * 100) / 100) : v.toFixed(2));
    ctx.textAlign = 'left';
    ctx.fillText(fmt(lo), x0, y0 - 2);
    ctx.textAlign = 'right';
    ctx.fillText(fmt(hi), x0 + bw, y0 - 2);
    ctx.textAlign = 'center';
    ctx.fillText('value', x0 + bw / 2, y0 - 2);
  }

  drawAxes(w) {
    const { ctx } = this;
    ctx.strokeStyle = 'rgb(0 0 0 / 0.08)';
    ctx.lineWidth = 1;
    for (let k = 1; k < 4; k++) {
      const v = (k * w) / 4;
      ctx.beginPath();
      ctx.moveTo(v, 0); ctx.lineTo(v, w);
      ctx.moveTo(0, v); ctx.lineTo(w, v);
      ctx.stroke();
    }
  }
}

/**
 * Paints a boundary grid (`boundary()`'s or `ruleBoundary()`'s) onto `canvas`, one pixel per cell:
 * class colour with lightness by confidence (a coin flip is white), or a regression's values on
 * the data's colour scale, softened so the points stand out against it.
 */
export function paintBoundary(canvas, { size, classes, probabilities, values, range }) {
  canvas.width = size;
  canvas.height = size;
  const gctx = canvas.getContext('2d');
  const img = gctx.createImageData(size, size);
  if (values) {
    for (let cell = 0; cell < size * size; cell++) {
      const [r, g, b] = Number.isFinite(values[cell]) ? valueRgb(values[cell], range || DEFAULT_RANGE) : [255, 255, 255];
      img.data.set([255 + (r - 255) * 0.75, 255 + (g - 255) * 0.75, 255 + (b - 255) * 0.75, 255], cell * 4);
    }
    gctx.putImageData(img, 0, 0);
    return canvas;
  }
  const present = Math.max(2, classes);
  for (let cell = 0; cell < size * size; cell++) {
    let best = 0;
    let p = -1;
    for (let c = 0; c < classes; c++) {
      const v = probabilities[cell * classes + c];
      if (v > p) { p = v; best = c; }
    }
    const t = Math.max(0, Math.min(1, (p - 1 / present) / (1 - 1 / present))) * 0.62;
    const rgb = CLASS_RGB[best];
    img.data.set([255 + (rgb[0] - 255) * t, 255 + (rgb[1] - 255) * t, 255 + (rgb[2] - 255) * t, 255], cell * 4);
  }
  gctx.putImageData(img, 0, 0);
  return canvas;
}
