// The main view: the decision boundary behind the points, and the pointer tools that edit them.

import { CLASS_RGB, classColor } from '../palette.js';

const ERASE_RADIUS = 0.08; // in data units (the square is 2 wide)

/**
 * Draws the grid of class probabilities (colour by class, lightness by confidence) and the
 * points (train filled, test hollow), and turns clicks into dataset edits.
 */
export class BoundaryView {
  /** `onAdd({x, y})` adds a point; `onErase(indices)` removes points. */
  constructor(canvas, { onAdd, onErase }) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.grid = null;
    this.overlay = null;
    this.diff = null;
    this.points = [];
    this.testMask = [];
    this.tool = 'add';
    this.gridCanvas = document.createElement('canvas');
    this.onAdd = onAdd;
    this.onErase = onErase;
    this.erasing = false;
    canvas.addEventListener('pointerdown', (e) => this.pointerDown(e));
    canvas.addEventListener('pointermove', (e) => this.erasing && this.eraseAt(e));
    const stop = () => { this.erasing = false; };
    canvas.addEventListener('pointerup', stop);
    canvas.addEventListener('pointerleave', stop);
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

  pointerDown(e) {
    e.preventDefault();
    if (this.tool === 'erase') {
      this.erasing = true;
      this.canvas.setPointerCapture?.(e.pointerId);
      this.eraseAt(e);
    } else {
      this.onAdd(this.toData(e));
    }
  }

  eraseAt(e) {
    const { x, y } = this.toData(e);
    const hit = [];
    this.points.forEach((p, i) => {
      if ((p.x - x) ** 2 + (p.y - y) ** 2 <= ERASE_RADIUS ** 2) hit.push(i);
    });
    if (hit.length) {
      const gone = new Set(hit);
      this.points = this.points.filter((_, i) => !gone.has(i));
      this.testMask = this.testMask.filter((_, i) => !gone.has(i));
      this.draw();
      this.onErase(hit);
    }
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
