// The data map (Dataset Cartography): every training example as a dot, its variability across
// training on x and its mean confidence in its own label on y. Easy examples sit top left,
// ambiguous ones to the right, hard-to-learn ones at the bottom; clicking a dot picks it.

export const REGION_COLOUR = { easy: '#2563eb', ambiguous: '#b45309', hard: '#dc2626' };
const MAX_VARIABILITY = 0.5; // the largest standard deviation a probability can have

/** A scatter plot on `canvas`; `onPick(index)` gets the example under a click. */
export class DataMapPlot {
  constructor(canvas, onPick) {
    this.canvas = canvas;
    this.points = [];
    this.flagged = new Set();
    this.picked = null;
    new ResizeObserver(() => this.resize()).observe(canvas);
    canvas.addEventListener('click', (e) => {
      const hit = this.at(e);
      if (hit) onPick(hit.index);
    });
  }

  resize() {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(this.canvas.clientWidth * dpr);
    const ht = Math.round(this.canvas.clientHeight * dpr);
    if (w > 0 && (this.canvas.width !== w || this.canvas.height !== ht)) {
      this.canvas.width = w;
      this.canvas.height = ht;
      this.draw();
    }
  }

  /** New map `[{ index, confidence, variability, region }]`; `flagged` indices get a ring. */
  show(points, flagged = []) {
    this.points = points;
    this.flagged = new Set(flagged);
    this.draw();
  }

  /** Highlights one example (or none). */
  pick(index) {
    this.picked = index;
    this.draw();
  }

  frame() {
    const { width: w, height: ht } = this.canvas;
    const pad = Math.round(w * 0.1);
    return { x: (v) => pad + (v / MAX_VARIABILITY) * (w - pad * 1.3), y: (c) => ht - pad - c * (ht - pad * 1.6), pad, w, ht };
  }

  at(e) {
    const r = this.canvas.getBoundingClientRect();
    const scale = this.canvas.width / r.width;
    const mx = (e.clientX - r.left) * scale;
    const my = (e.clientY - r.top) * scale;
    const f = this.frame();
    let best = null;
    let bestD = 10 * scale;
    for (const p of this.points) {
      const d = Math.hypot(f.x(p.variability) - mx, f.y(p.confidence) - my);
      if (d < bestD) { best = p; bestD = d; }
    }
    return best;
  }

  draw() {
    const ctx = this.canvas.getContext('2d');
    const f = this.frame();
    if (!f.w) return;
    ctx.clearRect(0, 0, f.w, f.ht);
    const font = Math.max(10, Math.round(f.w / 34));
    ctx.strokeStyle = '#cbd5e1';
    ctx.lineWidth = 1;
    ctx.strokeRect(f.x(0), f.y(1), f.x(MAX_VARIABILITY) - f.x(0), f.y(0) - f.y(1));
    ctx.fillStyle = '#64748b';
    ctx.font = `${font}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.fillText('variability →', (f.x(0) + f.x(MAX_VARIABILITY)) / 2, f.ht - font * 0.4);
    ctx.textAlign = 'right';
    ctx.fillText('1', f.x(0) - 4, f.y(1) + font * 0.35);
    ctx.fillText('0', f.x(0) - 4, f.y(0) + font * 0.35);
    ctx.textAlign = 'center';
    ctx.fillText('0', f.x(0), f.y(0) + font * 1.2);
    ctx.fillText(String(MAX_VARIABILITY), f.x(MAX_VARIABILITY), f.y(0) + font * 1.2);
    ctx.save();
    ctx.translate(font, (f.y(0) + f.y(1)) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText('confidence →', 0, 0);
    ctx.restore();
    const r = Math.max(2, f.w / 160);
    for (const p of this.points) {
      ctx.beginPath();
      ctx.arc(f.x(p.variability), f.y(p.confidence), r, 0, Math.PI * 2);
      ctx.fillStyle = `${REGION_COLOUR[p.region]}aa`;
      ctx.fill();
    }
    for (const p of this.points) {
      if (!this.flagged.has(p.index) && p.index !== this.picked) continue;
      ctx.beginPath();
      ctx.arc(f.x(p.variability), f.y(p.confidence), r * 2.4, 0, Math.PI * 2);
      ctx.strokeStyle = p.index === this.picked ? '#0f172a' : '#7c3aed';
      ctx.lineWidth = Math.max(1.5, r / 1.5);
      ctx.stroke();
    }
  }
}
