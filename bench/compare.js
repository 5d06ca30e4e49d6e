// `--compare`: for each workload, every playground row against the best peer (ConvNetJS, TF.js) in
// the same run, as one ratio where above 1 means the playground is faster.

/** How each workload's speed is read: the number, and whether lower is better. */
const SPEED = {
  W1a: { read: (r) => r.msPerStep, lower: true, unit: 'ms/step' },
  W1b: { read: (r) => r.msPerEpoch, lower: true, unit: 'ms/epoch' },
  W1c: { read: (r) => r.best?.msTo95, lower: true, unit: 'ms to 95 %' },
  W2: { read: (r) => r.examplesPerSecond, lower: false, unit: 'examples/s' },
};

const isPlayground = (c) => c.startsWith('playground-');

/**
 * `[{ workload, contender, value, unit, bestPeer, peerValue, ratio }]`: `ratio` is how many times
 * faster the playground row is than the best peer (below 1: slower); `null` where either is missing.
 */
export function compare(workloads) {
  const rows = [];
  for (const [w, how] of Object.entries(SPEED)) {
    const results = workloads[w];
    if (!results) continue;
    const value = (c) => (results[c] && !results[c].error ? how.read(results[c]) ?? null : null);
    const peers = Object.keys(results).filter((c) => !isPlayground(c) && value(c) !== null);
    const best = peers.sort((a, b) => (how.lower ? value(a) - value(b) : value(b) - value(a)))[0] ?? null;
    for (const c of Object.keys(results).filter(isPlayground)) {
      const v = value(c);
      const p = best === null ? null : value(best);
      const ratio = v === null || p === null ? null : how.lower ? p / v : v / p;
      rows.push({ workload: w, contender: c, value: v, unit: how.unit, bestPeer: best, peerValue: p, ratio });
    }
  }
  return rows;
}

/** The comparison as text lines for the terminal. */
export function compareLines(rows) {
  const n = (v) => (v === null ? '–' : Number(v) >= 100 ? Number(v).toFixed(0) : Number(v).toFixed(3));
  return rows.map((r) => `${r.workload.padEnd(4)} ${r.contender.padEnd(22)} ${n(r.value).padStart(9)} ${r.unit.padEnd(11)} vs ${String(r.bestPeer).padEnd(10)} ${n(r.peerValue).padStart(9)}  → ${r.ratio === null ? '–' : `${r.ratio.toFixed(2)}×`}`);
}
