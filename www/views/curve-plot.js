// A small line chart of world score against labels spent: the rounds a person ran, or the curves
// of several strategies with their spread over seeds as a band.

const COLOURS = ['#7c3aed', '#64748b', '#0e7490', '#b45309'];
const PAD = { left: 36, right: 8, top: 8, bottom: 22 };

/**
 * Draws `series` (`[{ name, x: [...], y: [...], spread?: [...] }]`) on `canvas`; `percent` formats
 * the y axis as a percentage (accuracy) instead of a number (MSE).
 */
export function drawCurves(canvas, series, { percent = true } = {}) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || 320;
  const height = canvas.clientHeight || 160;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  if (!series.length) return;
  const xs = series.flatMap((s) => s.x);
  const ys = series.flatMap((s) => s.y.map((v, i) => [v - (s.spread?.[i] || 0), v + (s.spread?.[i] || 0)]).flat()).filter(Number.isFinite);
  if (!xs.length || !ys.length) return;
  const [x0, x1] = [Math.min(...xs), Math.max(...xs, Math.min(...xs) + 1)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (y1 - y0 < 1e-6) { y0 -= 0.05; y1 += 0.05; }
  const px = (x) => PAD.left + ((x - x0) / (x1 - x0)) * (width - PAD.left - PAD.right);
  const py = (y) => height - PAD.bottom - ((y - y0) / (y1 - y0)) * (height - PAD.top - PAD.bottom);
  ctx.strokeStyle = '#cbd5e1';
  ctx.fillStyle = '#475569';
  ctx.font = '11px system-ui, sans-serif';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(PAD.left, PAD.top);
  ctx.lineTo(PAD.left, height - PAD.bottom);
  ctx.lineTo(width - PAD.right, height - PAD.bottom);
  ctx.stroke();
  const fmt = (v) => (percent ? `${Math.round(v * 100)}%` : v.toPrecision(2));
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of [y0, (y0 + y1) / 2, y1]) ctx.fillText(fmt(v), PAD.left - 4, py(v));
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const v of [x0, Math.round((x0 + x1) / 2), x1]) ctx.fillText(String(v), px(v), height - PAD.bottom + 4);
  series.forEach((s, k) => {
    const colour = COLOURS[k % COLOURS.length];
    if (s.spread) {
      ctx.beginPath();
      s.x.forEach((x, i) => ctx.lineTo(px(x), py(s.y[i] + s.spread[i])));
      [...s.x].reverse().forEach((x, j) => { const i = s.x.length - 1 - j; ctx.lineTo(px(x), py(s.y[i] - s.spread[i])); });
      ctx.closePath();
      ctx.fillStyle = `${colour}33`;
      ctx.fill();
    }
    ctx.beginPath();
    s.x.forEach((x, i) => (i ? ctx.lineTo(px(x), py(s.y[i])) : ctx.moveTo(px(x), py(s.y[i]))));
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.stroke();
    for (let i = 0; i < s.x.length; i++) {
      ctx.beginPath();
      ctx.arc(px(s.x[i]), py(s.y[i]), 2.5, 0, Math.PI * 2);
      ctx.fillStyle = colour;
      ctx.fill();
    }
  });
}

/** The colour `drawCurves` gives series `k`, for a legend. */
export const curveColour = (k) => COLOURS[k % COLOURS.length];
