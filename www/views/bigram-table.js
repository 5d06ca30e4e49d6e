// The bigram program as the table it is: one row per character before, one column per character
// after, each cell as dark as the probability the core gives that pair (the lecture's plot of
// N[i, j]). Readable cell by cell: hover, click or move with the arrow keys, and the readout says
// "after 'e': 'm' 4.2 %". Every probability is one the core reported; this file only draws them.

import { h } from '../dom.js';
import { keepCanvasSized } from './canvas-size.js';
import { percent, tokenName } from './next-chars.js';

const INK = [30, 58, 138];   // the likeliest pairs
const PAPER = [255, 255, 255];
const NUMBERS_FROM_PX = 24;  // cells at least this wide (CSS pixels) also print their percentage

/** `[r, g, b]` for probability `p`: white at 0, deep blue at 1, on a square-root scale so rare pairs still show. */
export function cellRgb(p) {
  const t = Math.sqrt(Math.max(0, Math.min(1, p)));
  return PAPER.map((c, i) => Math.round(c + (INK[i] - c) * t));
}

/** What the readout says about one cell: the character before, then the next one and its probability. */
export function describeCell(before, next, p) {
  const where = before === '.' ? 'at the start of a word' : `after '${before}'`;
  return `${where}: ${tokenName(next)} ${percent(p)}`;
}

/**
 * The table view. `element` holds the canvas, its readout and legend; `show(chars, probabilities)`
 * draws `probabilities[row][column]` for the vocabulary `chars` (`'.'` first); `clear(note)` says why
 * there is no table.
 */
export class BigramTable {
  constructor() {
    this.chars = [];
    this.p = [];
    this.cursor = { row: 0, col: 0 };
    this.canvas = h('canvas', {
      class: 'bigram-table', tabindex: 0,
      'aria-label': 'The bigram table: rows are the character before, columns the next one. Arrow keys move between cells; the readout below says each cell.',
    });
    this.readout = h('p', { class: 'bigram-readout idle', 'aria-live': 'polite' }, 'Hover or focus a cell to read it.');
    this.note = h('p', { class: 'hint', hidden: true });
    this.caption = h('figcaption', { class: 'hint' }, 'Rows: the character before. Columns: the next one. ',
      h('code', {}, '.'), ' is the start of a word (row) or its end (column).');
    this.legend = h('p', { class: 'scale-legend', 'aria-hidden': 'true' }, h('span', {}, '0 %'), h('i', { class: 'bigram-scale' }), h('span', {}, '100 %'),
      h('span', {}, '(square-root scale: mid-blue is 25 %)'));
    this.element = h('figure', { class: 'bigram-figure' }, this.caption, this.canvas, this.readout, this.note, this.legend);
    this.ctx = this.canvas.getContext('2d');
    keepCanvasSized(this.canvas, () => this.draw(), { square: true });
    this.canvas.addEventListener('mousemove', (e) => { this.pointer = e; this.moveTo(this.cellAt(e)); });
    this.canvas.addEventListener('mouseleave', () => { this.pointer = null; });
    this.canvas.addEventListener('click', (e) => { this.moveTo(this.cellAt(e)); this.canvas.focus(); });
    this.canvas.addEventListener('keydown', (e) => this.key(e));
  }

  /** New probabilities from the core: `probabilities[row][column]`, both over `chars`. */
  show(chars, probabilities) {
    this.chars = chars;
    this.p = probabilities;
    for (const el of [this.canvas, this.caption, this.legend, this.readout]) el.hidden = false;
    this.note.hidden = true;
    this.cursor.row = Math.min(this.cursor.row, chars.length - 1);
    this.cursor.col = Math.min(this.cursor.col, chars.length - 1);
    this.draw();
    // A pointer already resting on the table reads its cell as soon as there is a table to read.
    if (!this.touched && this.pointer) this.moveTo(this.cellAt(this.pointer));
    else if (this.touched) this.say();
  }

  /** No table to show (another architecture, no data): says `note` instead. */
  clear(note) {
    this.chars = [];
    this.p = [];
    for (const el of [this.canvas, this.caption, this.legend, this.readout]) el.hidden = true;
    this.note.hidden = false;
    this.note.textContent = note;
  }

  /** Cell geometry in canvas pixels: the label gutter and the side of one cell. */
  frame() {
    const w = this.canvas.width;
    const gutter = Math.round(w * 0.055);
    return { gutter, cell: this.chars.length ? (w - gutter) / this.chars.length : 0 };
  }

  /** The cell under a mouse event, or null over the labels. */
  cellAt(e) {
    const r = this.canvas.getBoundingClientRect();
    const scale = this.canvas.width / r.width;
    const { gutter, cell } = this.frame();
    const col = Math.floor(((e.clientX - r.left) * scale - gutter) / cell);
    const row = Math.floor(((e.clientY - r.top) * scale - gutter) / cell);
    const n = this.chars.length;
    return row >= 0 && col >= 0 && row < n && col < n ? { row, col } : null;
  }

  moveTo(cell) {
    if (!cell) return;
    this.cursor = cell;
    this.touched = true;
    this.draw();
    this.say();
  }

  key(e) {
    const n = this.chars.length;
    if (!n) return;
    const { row, col } = this.cursor;
    const next = {
      ArrowUp: { row: row - 1, col }, ArrowDown: { row: row + 1, col },
      ArrowLeft: { row, col: col - 1 }, ArrowRight: { row, col: col + 1 },
      Home: { row, col: 0 }, End: { row, col: n - 1 },
    }[e.key];
    if (!next) return;
    e.preventDefault();
    e.stopPropagation(); // arrows here walk the table; they are no editor shortcut
    this.moveTo({ row: (next.row + n) % n, col: (next.col + n) % n });
  }

  say() {
    const { row, col } = this.cursor;
    const p = this.p[row]?.[col];
    if (p === undefined) return;
    this.readout.classList.remove('idle');
    this.readout.textContent = describeCell(this.chars[row], this.chars[col], p);
  }

  draw() {
    const { ctx, canvas, chars } = this;
    const w = canvas.width;
    ctx.clearRect(0, 0, w, w);
    if (!w || !chars.length) return;
    const { gutter, cell } = this.frame();
    const dpr = window.devicePixelRatio || 1;
    const numbers = cell / dpr >= NUMBERS_FROM_PX;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    chars.forEach((before, r) => {
      chars.forEach((_, c) => {
        const p = this.p[r][c] ?? 0;
        const [red, green, blue] = cellRgb(p);
        ctx.fillStyle = `rgb(${red} ${green} ${blue})`;
        ctx.fillRect(gutter + c * cell, gutter + r * cell, Math.ceil(cell), Math.ceil(cell));
        if (numbers && p >= 0.01) {
          ctx.font = `${Math.round(cell * 0.34)}px system-ui, sans-serif`;
          ctx.fillStyle = p > 0.2 ? '#fff' : '#1e293b';
          ctx.fillText(String(Math.round(p * 100)), gutter + (c + 0.5) * cell, gutter + (r + 0.5) * cell);
        }
      });
    });
    // Grid lines keep the cells apart where neighbours are equally pale.
    ctx.strokeStyle = 'rgb(15 23 42 / 0.08)';
    ctx.lineWidth = 1;
    for (let i = 0; i <= chars.length; i++) {
      const at = Math.round(gutter + i * cell) + 0.5;
      ctx.beginPath(); ctx.moveTo(at, gutter); ctx.lineTo(at, w); ctx.stroke();
      ctx.beginPath(); ctx.moveTo(gutter, at); ctx.lineTo(w, at); ctx.stroke();
    }
    const { row, col } = this.cursor;
    ctx.font = `${Math.max(9 * dpr, Math.round(Math.min(cell, gutter) * 0.62))}px ui-monospace, monospace`;
    chars.forEach((ch, i) => {
      ctx.fillStyle = i === row ? '#2563eb' : '#475569';
      ctx.fillText(ch, gutter / 2, gutter + (i + 0.5) * cell);
      ctx.fillStyle = i === col ? '#2563eb' : '#475569';
      ctx.fillText(ch, gutter + (i + 0.5) * cell, gutter / 2);
    });
    if (this.touched) {
      ctx.strokeStyle = '#f97316';
      ctx.lineWidth = Math.max(2, 2 * dpr);
      ctx.strokeRect(gutter + col * cell, gutter + row * cell, cell, cell);
    }
  }
}
