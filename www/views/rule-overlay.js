// The hand-written rule on the canvas: its boundary as an outline over the network's (so the
// two programs can be compared at a glance), or its whole map instead of the network's.

import { paintBoundary } from './boundary-view.js';

/** The class of each cell of a one-hot rule grid (-1 where the rule answers nothing). */
function cellClasses({ size, classes, probabilities }) {
  const out = new Int16Array(size * size).fill(-1);
  for (let cell = 0; cell < size * size; cell++) {
    for (let c = 0; c < classes; c++) if (probabilities[cell * classes + c] === 1) out[cell] = c;
  }
  return out;
}

/** A layer of `BoundaryView`: empty until `setGrid` gets the rule's grid. */
export class RuleOverlay {
  constructor(view) {
    this.view = view;
    this.grid = null;
    this.cells = null;
    this.filled = false;
    this.canvas = document.createElement('canvas');
    view.addLayer(this);
  }

  /** The rule's grid from `ruleBoundary` (`null`: no rule, nothing drawn). */
  setGrid(grid) {
    this.grid = grid;
    this.cells = grid && grid.probabilities ? cellClasses(grid) : null;
    if (grid) paintBoundary(this.canvas, grid);
    this.view.draw();
  }

  /** Whether the rule's map replaces the network's (otherwise only its outline shows). */
  fill(on) {
    this.filled = on;
    this.view.draw();
  }

  underlay(ctx, w) {
    if (!this.grid || !this.filled) return;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.canvas, 0, 0, w, w);
    ctx.imageSmoothingEnabled = true;
  }

  /**
   * The rule's boundary as a contour (marching squares over the cell centres): where two
   * neighbouring centres differ in class the line crosses midway, so diagonals come out smooth.
   * Drawn as a dark line on a light halo, readable on every class colour.
   */
  overlay(ctx, w) {
    if (!this.cells) return;
    const { size } = this.grid;
    const c = this.cells;
    const step = w / size;
    const at = (row, col) => [(col + 0.5) * step, (row + 0.5) * step];
    const mid = (p, q) => [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
    const path = new Path2D();
    const line = (p, q) => { path.moveTo(p[0], p[1]); path.lineTo(q[0], q[1]); };
    for (let row = 0; row + 1 < size; row++) {
      for (let col = 0; col + 1 < size; col++) {
        const a = c[row * size + col];
        const b = c[row * size + col + 1];
        const d = c[(row + 1) * size + col + 1];
        const e = c[(row + 1) * size + col];
        const crossings = [];
        if (a !== b) crossings.push(mid(at(row, col), at(row, col + 1)));
        if (b !== d) crossings.push(mid(at(row, col + 1), at(row + 1, col + 1)));
        if (d !== e) crossings.push(mid(at(row + 1, col + 1), at(row + 1, col)));
        if (e !== a) crossings.push(mid(at(row + 1, col), at(row, col)));
        if (crossings.length === 2) line(crossings[0], crossings[1]);
        else if (crossings.length === 4 && a === d) { line(crossings[0], crossings[1]); line(crossings[2], crossings[3]); }
        else if (crossings.length === 4) { line(crossings[0], crossings[3]); line(crossings[1], crossings[2]); }
        else if (crossings.length === 3) {
          const centre = mid(at(row, col), at(row + 1, col + 1));
          for (const p of crossings) line(p, centre);
        }
      }
    }
    ctx.save();
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = Math.max(4, w / 110);
    ctx.strokeStyle = 'rgb(255 255 255 / 0.85)';
    ctx.stroke(path);
    ctx.lineWidth = Math.max(1.5, w / 260);
    ctx.strokeStyle = '#0f172a';
    ctx.stroke(path);
    ctx.restore();
  }
}
