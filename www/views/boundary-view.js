// The main view: the decision boundary behind the points, a diff's marks and the brush cursor.

import { CLASS_RGB, classColor } from '../palette.js';

/**
 * Draws the grid of class probabilities (colour by class, lightness by confidence), the points
 * (train filled, test hollow), a diff's marks and the brush cursor. Editing lives in `brush.js`.
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
    this.cursor = null;
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

  /** New dataset from the core. */
  setPoints(points, testMask) {
    this.points = points;
    this.testMask = Array.from(testMask || []);
    this.draw();
  }

  /** Shows `canvas` (one neuron's heatmap) instead of the boundary; `null` shows the boundary again. */
  setOverlay(canvas) {
    this.overlay = canvas;
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
    const { size, classes, probabilities } = this.grid;
    this.gridCanvas.width = size;
    this.gridCanvas.height = size;
    const gctx = this.gridCanvas.getContext('2d');
    const img = gctx.createImageData(size, size);
    const present = Math.max(2, classes);
    for (let cell = 0; cell < size * size; cell++) {
      let best = 0;
      let p = -1;
      for (let c = 0; c < classes; c++) {
        const v = probabilities[cell * classes + c];
        if (v > p) { p = v; best = c; }
      }
      // Confidence 1/present (a coin flip) draws white; certainty draws the class colour, softened.
      const t = Math.max(0, Math.min(1, (p - 1 / present) / (1 - 1 / present))) * 0.62;
      const rgb = CLASS_RGB[best];
      img.data.set([255 + (rgb[0] - 255) * t, 255 + (rgb[1] - 255) * t, 255 + (rgb[2] - 255) * t, 255], cell * 4);
    }
    gctx.putImageData(img, 0, 0);
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
    this.drawAxes(w);
    const radius = Math.max(3, w / 110);
    this.points.forEach((p, i) => {
      const px = ((p.x + 1) / 2) * w;
      const py = ((1 - p.y) / 2) * w;
      ctx.beginPath();
      ctx.arc(px, py, radius, 0, Math.PI * 2);
      if (this.testMask[i]) {
        ctx.fillStyle = '#fff';
        ctx.fill();
        ctx.lineWidth = Math.max(1.5, radius / 2);
        ctx.strokeStyle = classColor(p.label);
      } else {
        ctx.fillStyle = classColor(p.label);
        ctx.fill();
        ctx.lineWidth = Math.max(1, radius / 3);
        ctx.strokeStyle = '#fff';
      }
      ctx.stroke();
    });
    if (this.diff) this.drawDiff(w, radius);
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
