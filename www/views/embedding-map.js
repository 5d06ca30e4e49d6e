// The characters as the program sees them: each one drawn at its place on the core's 2D map of its
// embedding (the embedding itself when it is 2 wide, else its first two principal components), as
// in the lecture's plot. Characters the program treats alike land close together. Both axes share
// one scale, so distances on the map are distances in the projection.

import { h } from '../dom.js';
import { keepCanvasSized } from './canvas-size.js';

const DOT = '#2563eb';
const DOT_PICKED = '#f97316';
const PAD = 0.09; // share of the canvas kept free around the outermost characters

/** What the readout says about one character and its place. */
export function describePlace(char, [x, y]) {
  const name = char === '.' ? "'.' (start and end of a word)" : `'${char}'`;
  return `${name} at (${x.toFixed(2)}, ${y.toFixed(2)})`;
}

/**
 * The map view. `element` holds the canvas, its axes' names and a readout; `show(map)` draws
 * `embeddings()`'s `{ chars, dims, projection }`; `clear(note)` says why there is no map.
 */
export class EmbeddingMap {
  constructor() {
    this.chars = [];
    this.places = [];
    this.picked = null;
    this.canvas = h('canvas', {
      class: 'embedding-map', tabindex: 0,
      'aria-label': 'Map of the characters: each at its place from the core; characters used alike sit close. Left and right arrows step through them.',
    });
    this.axes = h('p', { class: 'hint map-axes' });
    this.readout = h('p', { class: 'bigram-readout idle', 'aria-live': 'polite' }, 'Hover or focus a character to read its place.');
    this.note = h('p', { class: 'hint', hidden: true });
    this.element = h('figure', { class: 'map-figure' }, this.canvas, this.axes, this.readout, this.note);
    this.ctx = this.canvas.getContext('2d');
    keepCanvasSized(this.canvas, () => this.draw());
    this.canvas.addEventListener('mousemove', (e) => this.pick(this.nearest(e)));
    this.canvas.addEventListener('keydown', (e) => {
      const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
      if (!step || !this.chars.length) return;
      e.preventDefault();
      e.stopPropagation();
      const n = this.chars.length;
      this.pick(((this.picked ?? -step) + step + n) % n);
    });
  }

  /** Draws `embeddings()`'s answer: `chars` at `projection`, axes named after `dims`. */
  show({ chars, dims, projection }) {
    this.chars = chars;
    this.places = projection;
    this.canvas.hidden = false;
    this.readout.hidden = false;
    // An untrained bigram starts as all zeros: every character on one spot, which deserves a word.
    const together = projection.every(([x, y]) => x === projection[0][0] && y === projection[0][1]);
    this.note.hidden = !together;
    this.note.textContent = together ? 'Every character sits on one spot: the program has not told them apart yet. Train it and watch them move.' : '';
    this.axes.textContent = dims === 2
      ? 'Across: embedding dimension 1 · up: dimension 2 (the embedding is 2 wide, drawn as it is).'
      : `Across: the 1st principal component · up: the 2nd, of the ${dims}-wide embeddings.`;
    if (this.picked !== null && this.picked >= chars.length) this.picked = null;
    this.draw();
    if (this.picked !== null) this.say();
  }

  /** No map (no word program yet): says `note` instead. */
  clear(note) {
    this.chars = [];
    this.places = [];
    this.canvas.hidden = true;
    this.axes.textContent = '';
    this.readout.hidden = true;
    this.note.hidden = false;
    this.note.textContent = note;
  }

  /** Data → canvas pixels: one scale for both axes, centred on the points' extent. */
  frame() {
    const { width: w, height: ht } = this.canvas;
    const xs = this.places.map((p) => p[0]);
    const ys = this.places.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const span = Math.max(x1 - x0, y1 - y0) || 1;
    const usable = Math.min(w, ht) * (1 - 2 * PAD);
    const scale = usable / span;
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    return { x: (v) => w / 2 + (v - cx) * scale, y: (v) => ht / 2 - (v - cy) * scale };
  }

  nearest(e) {
    if (!this.chars.length) return null;
    const r = this.canvas.getBoundingClientRect();
    const s = this.canvas.width / r.width;
    const mx = (e.clientX - r.left) * s;
    const my = (e.clientY - r.top) * s;
    const f = this.frame();
    let best = null;
    let bestD = 24 * s;
    this.places.forEach(([x, y], i) => {
      const d = Math.hypot(f.x(x) - mx, f.y(y) - my);
      if (d < bestD) { bestD = d; best = i; }
    });
    return best;
  }

  pick(i) {
    if (i === null || i === this.picked) return;
    this.picked = i;
    this.draw();
    this.say();
  }

  say() {
    this.readout.classList.remove('idle');
    this.readout.textContent = describePlace(this.chars[this.picked], this.places[this.picked]);
  }

  draw() {
    const { ctx, canvas } = this;
    const { width: w, height: ht } = canvas;
    ctx.clearRect(0, 0, w, ht);
    if (!w || !this.chars.length) return;
    const dpr = window.devicePixelRatio || 1;
    const f = this.frame();
    // The origin's axes, faint: where "no preference" would sit.
    ctx.strokeStyle = 'rgb(15 23 42 / 0.12)';
    ctx.lineWidth = dpr;
    ctx.beginPath(); ctx.moveTo(0, f.y(0)); ctx.lineTo(w, f.y(0)); ctx.moveTo(f.x(0), 0); ctx.lineTo(f.x(0), ht); ctx.stroke();
    const radius = Math.max(8 * dpr, Math.min(w, ht) * 0.028);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.font = `600 ${Math.round(radius * 1.1)}px ui-monospace, monospace`;
    const order = this.chars.map((_, i) => i).filter((i) => i !== this.picked);
    if (this.picked !== null) order.push(this.picked); // the picked one on top
    for (const i of order) {
      const x = f.x(this.places[i][0]);
      const y = f.y(this.places[i][1]);
      ctx.fillStyle = i === this.picked ? DOT_PICKED : DOT;
      ctx.globalAlpha = 0.9;
      ctx.beginPath(); ctx.arc(x, y, radius, 0, 2 * Math.PI); ctx.fill();
      ctx.globalAlpha = 1;
      ctx.fillStyle = '#fff';
      ctx.fillText(this.chars[i], x, y + dpr * 0.5);
    }
  }
}
