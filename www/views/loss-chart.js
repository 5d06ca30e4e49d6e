// The training curve: train and test loss against optimizer steps, drawn from the core's metrics.

const TRAIN = '#0f172a';
const TEST = '#f97316';
const MAX_POINTS = 2000;

/** A small line chart of the loss history. */
export class LossChart {
  constructor(canvas) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.history = [];
    new ResizeObserver(() => this.resize()).observe(canvas);
  }

  resize() {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(this.canvas.clientWidth * dpr);
    const h = Math.round(this.canvas.clientHeight * dpr);
    if (w > 0 && (this.canvas.width !== w || this.canvas.height !== h)) {
      this.canvas.width = w;
      this.canvas.height = h;
      this.draw();
    }
  }

  /** Appends one metrics sample (ignored if its step is not new). */
  add(m) {
    const last = this.history[this.history.length - 1];
    // Going back (restore, reset) drops the future the weights no longer have.
    if (last && m.step < last.step) this.history = this.history.filter((p) => p.step < m.step);
    if (last && m.step === last.step) return;
    this.history.push({ step: m.step, train: m.trainLoss, test: m.testLoss });
    if (this.history.length > MAX_POINTS) this.history = this.history.filter((_, i) => i % 2 === 0);
    this.draw();
  }

  /** Whether there is no curve to draw yet (fewer than two samples with a finite loss). */
  get empty() {
    return this.history.length < 2 || !this.history.some((p) => Number.isFinite(p.train) || Number.isFinite(p.test));
  }

  /** Forgets the curve (new weights). */
  clear() {
    this.history = [];
    this.draw();
  }

  draw() {
    const { ctx, canvas, history } = this;
    const { width: w, height: h } = canvas;
    ctx.clearRect(0, 0, w, h);
    if (!w) return;
    const finite = history.flatMap((p) => [p.train, p.test]).filter((v) => Number.isFinite(v));
    if (this.empty) return; // the metrics panel says what to do instead
    const maxY = Math.max(...finite) * 1.05 || 1;
    const first = history[0].step;
    const span = Math.max(1, history[history.length - 1].step - first);
    const line = (key, color) => {
      ctx.beginPath();
      let started = false;
      for (const p of history) {
        if (!Number.isFinite(p[key])) continue;
        const x = ((p.step - first) / span) * (w - 4) + 2;
        const y = h - 2 - (Math.min(p[key], maxY) / maxY) * (h - 4);
        started ? ctx.lineTo(x, y) : ctx.moveTo(x, y);
        started = true;
      }
      ctx.strokeStyle = color;
      ctx.lineWidth = 2 * (window.devicePixelRatio || 1);
      ctx.stroke();
    };
    line('train', TRAIN);
    line('test', TEST);
  }
}
