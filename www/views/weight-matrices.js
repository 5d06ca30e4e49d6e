// The binary laid out: every layer's weight matrix (and bias row) as a heatmap on one shared colour
// scale, histograms of the weights and of their latest gradients, and the size of it all.

import { h } from '../dom.js';
import { divergingRgb, paintValues, NEGATIVE_RGB, POSITIVE_RGB } from './heatmap.js';

const MAX_CELL = 14; // px per matrix cell on screen, at most

function formatBytes(n) {
  return n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 ** 2).toFixed(2)} MB`;
}

/** Draws a histogram `{ min, max, counts }` into a canvas. */
function drawHistogram(canvas, hist, colour) {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.round((canvas.clientWidth || 220) * dpr);
  const hgt = Math.round((canvas.clientHeight || 70) * dpr);
  canvas.width = w;
  canvas.height = hgt;
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, w, hgt);
  const top = Math.max(1, ...hist.counts);
  const bar = w / hist.counts.length;
  hist.counts.forEach((c, i) => {
    const centre = hist.min + ((i + 0.5) * (hist.max - hist.min)) / hist.counts.length;
    const [r, g, b] = colour(centre).map(Math.round);
    ctx.fillStyle = `rgb(${r} ${g} ${b})`;
    const bh = (Math.sqrt(c) / Math.sqrt(top)) * (hgt - 2);
    ctx.fillRect(i * bar + 0.5, hgt - bh, Math.max(1, bar - 1), bh);
  });
  if (hist.min < 0 && hist.max > 0) {
    const x = ((0 - hist.min) / (hist.max - hist.min)) * w;
    ctx.fillStyle = 'rgb(0 0 0 / 0.35)';
    ctx.fillRect(x, 0, dpr, hgt);
  }
}

/** The matrices-and-histograms view; `show(summary)` takes `weightSummary()`'s result. */
export class WeightMatrices {
  constructor() {
    this.size = h('p', { class: 'binary-size' });
    this.matrices = h('div', { class: 'matrices' });
    this.weightHist = h('canvas', { class: 'histogram', 'aria-label': 'Histogram of all weights' });
    this.gradHist = h('canvas', { class: 'histogram', 'aria-label': 'Histogram of the latest gradients' });
    this.weightRange = h('small', {});
    this.gradRange = h('small', {});
    this.legend = h('div', { class: 'legend' },
      h('span', { class: 'scale-swatch', style: `background: rgb(${NEGATIVE_RGB.join(' ')})` }), ' negative ',
      h('span', { class: 'scale-swatch', style: `background: rgb(${POSITIVE_RGB.join(' ')})` }), ' positive');
    this.element = h('div', { class: 'weights-view' },
      this.size,
      this.matrices,
      this.legend,
      h('div', { class: 'histograms' },
        h('figure', {}, h('figcaption', {}, 'Weights'), this.weightHist, this.weightRange),
        h('figure', {}, h('figcaption', {}, 'Latest gradients'), this.gradHist, this.gradRange)));
  }

  show(summary) {
    if (!summary) {
      this.size.textContent = '';
      this.matrices.replaceChildren();
      return;
    }
    const { parameters, bytes, scale } = summary;
    this.size.replaceChildren(
      h('strong', {}, `${parameters.toLocaleString('en-US')} parameters`),
      ` · ${formatBytes(bytes)} as 32-bit floats — the size of the binary (step ${summary.step})`);
    const s = scale || 1;
    const colour = (v) => divergingRgb(v, s);
    this.matrices.replaceChildren(...summary.weights.filter((w) => w.name.endsWith('.weight')).map((w) => {
      const rows = w.shape[0];
      const cols = w.shape.slice(1).reduce((a, b) => a * b, 1); // kernels [out, in, 3, 3] as [out, in·9]
      const bias = summary.weights.find((b) => b.name === w.name.replace('.weight', '.bias'));
      const matrix = paintValues(document.createElement('canvas'), w.values, 0, cols, rows, colour);
      const biasRow = bias ? paintValues(document.createElement('canvas'), bias.values, 0, cols, 1, colour) : null;
      const cell = Math.max(2, Math.min(MAX_CELL, Math.floor(200 / Math.max(rows, cols))));
      for (const [c, r] of [[matrix, rows], [biasRow, 1]]) {
        if (!c) continue;
        c.style.width = `${cols * cell}px`;
        c.style.height = `${r * cell}px`;
        c.className = 'matrix';
      }
      matrix.title = `${w.name}: ${rows}×${cols}`;
      matrix.addEventListener('mousemove', (e) => {
        const r = matrix.getBoundingClientRect();
        const i = Math.min(rows - 1, Math.floor(((e.clientY - r.top) / r.height) * rows));
        const j = Math.min(cols - 1, Math.floor(((e.clientX - r.left) / r.width) * cols));
        matrix.title = `${w.name}[${i}, ${j}] = ${w.values[i * cols + j].toPrecision(4)}`;
      });
      return h('figure', { class: 'matrix-figure' },
        h('figcaption', {}, `${w.name.replace('.weight', '')} · ${rows}×${cols}`),
        matrix, biasRow ? h('small', {}, 'bias') : null, biasRow);
    }));
    drawHistogram(this.weightHist, summary.weightHistogram, colour);
    const g = summary.gradientHistogram;
    const gScale = Math.max(Math.abs(g.min), Math.abs(g.max)) || 1;
    drawHistogram(this.gradHist, g, (v) => divergingRgb(v, gScale));
    const range = (hist) => `${hist.min.toPrecision(3)} … ${hist.max.toPrecision(3)}`;
    this.weightRange.textContent = range(summary.weightHistogram);
    this.gradRange.textContent = range(g);
  }
}
