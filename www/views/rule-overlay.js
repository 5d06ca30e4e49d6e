// The hand-written rule on the canvas: its boundary as a dashed outline over the network's (so the
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

  /** Dashed lines along every cell edge where the rule's class changes: a light halo, then dark. */
  overlay(ctx, w) {
    if (!this.cells) return;
    const { size } = this.grid;
    const cell = w / size;
    const path = new Path2D();
    for (let row = 0; row < size; row++) {
      for (let col = 0; col < size; col++) {
        const here = this.cells[row * size + col];
        if (col + 1 < size && this.cells[row * size + col + 1] !== here) {
          path.moveTo((col + 1) * cell, row * cell);
          path.lineTo((col + 1) * cell, (row + 1) * cell);
        }
        if (row + 1 < size && this.cells[(row + 1) * size + col] !== here) {
          path.moveTo(col * cell, (row + 1) * cell);
          path.lineTo((col + 1) * cell, (row + 1) * cell);
        }
      }
    }
    ctx.save();
    ctx.lineCap = 'round';
    ctx.lineWidth = Math.max(3, w / 140);
    ctx.strokeStyle = 'rgb(255 255 255 / 0.8)';
    ctx.stroke(path);
    ctx.setLineDash([Math.max(4, w / 80), Math.max(3, w / 120)]);
    ctx.lineWidth = Math.max(1.5, w / 300);
    ctx.strokeStyle = '#0f172a';
    ctx.stroke(path);
    ctx.restore();
  }
}
