// The data engine's marks on the main canvas: each flagged stream example waiting for a label is
// a hollow ? marker; once labelled it shows the class (or value) it will go in with.

import { classColor } from '../palette.js';

const FLAG_COLOUR = '#0e7490';
const REACH = 0.06; // how close (in data units) a click must land to pick a marker

/** A layer of `BoundaryView` drawing the engine's queue. */
export class EngineOverlay {
  constructor(view) {
    this.view = view;
    this.items = []; // [{ id, x, y, label?: number, value?: number }]
    view.addLayer(this);
  }

  /** Shows the queued points (items without `x` are images and are not drawn). */
  setItems(items) {
    this.items = items.filter((i) => i.x !== undefined && i.x !== null);
    this.view.draw();
  }

  /** The queued item under a pointer event, or null. */
  itemAt(e) {
    if (!this.items.length) return null;
    const { x, y } = this.view.toData(e);
    let best = null;
    for (const it of this.items) {
      const d = Math.hypot(it.x - x, it.y - y);
      if (d <= REACH && (!best || d < best.d)) best = { it, d };
    }
    return best ? best.it : null;
  }

  underlay() {}

  overlay(ctx, w, radius) {
    const px = (x) => ((x + 1) / 2) * w;
    const py = (y) => ((1 - y) / 2) * w;
    for (const it of this.items) {
      const labelled = it.label !== undefined || it.value !== undefined || it.byWorld;
      ctx.beginPath();
      ctx.arc(px(it.x), py(it.y), radius * 2, 0, Math.PI * 2);
      ctx.fillStyle = labelled && it.label !== undefined ? classColor(it.label) : '#fff';
      ctx.fill();
      ctx.lineWidth = Math.max(2, radius / 2);
      ctx.strokeStyle = FLAG_COLOUR;
      ctx.stroke();
      ctx.fillStyle = labelled && it.label !== undefined ? '#fff' : FLAG_COLOUR;
      ctx.font = `700 ${Math.round(radius * 2.6)}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      const text = it.label !== undefined ? String(it.label) : it.value !== undefined ? it.value.toFixed(1) : it.byWorld ? '✓' : '?';
      ctx.fillText(text, px(it.x), py(it.y) + 1);
    }
  }
}
