// `--compare`: for each workload, every playground row against the best peer (ConvNetJS, TF.js; W7: PyTorch) in
// the same run, as one ratio of medians where above 1 means the playground is faster, with the
// ratio's range over the runs (the playground's slowest run against the peer's fastest, and back).

/** How each workload's speed is read: the number (a row's median), and whether lower is better. */
const SPEED = {
  W1a: { field: 'msPerStep', lower: true, unit: 'ms/step' },
  W1b: { field: 'msPerEpoch', lower: true, unit: 'ms/epoch' },
  W1c: { field: 'msTo95', lower: true, unit: 'ms to 95 %' },
  W2: { field: 'examplesPerSecond', lower: false, unit: 'examples/s' },
  cold: { field: 'msPerStep', lower: true, unit: 'ms/step, first steps after load' },
  W6: { field: 'stepsPerSecond', lower: false, unit: 'steps/s' },
  W6cold: { field: 'stepsPerSecond', lower: false, unit: 'steps/s, first steps after load' },
  W7: { field: 'msPerStep', lower: true, unit: 'ms/step' },
  W7cold: { field: 'msPerStep', lower: true, unit: 'ms/step, first steps after load' },
};

const isPlayground = (c) => c.startsWith('playground-');

/**
 * `[{ workload, contender, value, unit, bestPeer, peerValue, ratio, ratioRange }]`: `ratio` is how
 * many times faster the playground row's median is than the best peer's (below 1: slower); `null`
 * where either is missing.
 */
export function compare(workloads) {
  const rows = [];
  for (const [w, how] of Object.entries(SPEED)) {
    const results = workloads[w];
    if (!results) continue;
    const ok = (c) => results[c] && !results[c].error && results[c][how.field] !== null && results[c][how.field] !== undefined;
    const value = (c) => (ok(c) ? results[c][how.field] : null);
    const range = (c) => results[c][`${how.field}Range`] || { min: value(c), max: value(c) };
    const peers = Object.keys(results).filter((c) => !isPlayground(c) && value(c) !== null);
    const best = peers.sort((a, b) => (how.lower ? value(a) - value(b) : value(b) - value(a)))[0] ?? null;
    const faster = (mine, theirs) => (how.lower ? theirs / mine : mine / theirs);
    for (const c of Object.keys(results).filter(isPlayground)) {
      const v = value(c);
      const p = best === null ? null : value(best);
      const both = v !== null && p !== null;
      const [mine, theirs] = both ? [range(c), range(best)] : [];
      const ratioRange = both
        ? how.lower
          ? { min: faster(mine.max, theirs.min), max: faster(mine.min, theirs.max) }
          : { min: faster(mine.min, theirs.max), max: faster(mine.max, theirs.min) }
        : null;
      rows.push({ workload: w, contender: c, value: v, unit: how.unit, bestPeer: best, peerValue: p, ratio: both ? faster(v, p) : null, ratioRange });
    }
  }
  return rows;
}

/** The comparison as text lines for the terminal. */
export function compareLines(rows) {
  const n = (v) => (v === null ? '–' : Number(v) >= 100 ? Number(v).toFixed(0) : Number(v).toFixed(3));
  return rows.map((r) => `${r.workload.padEnd(4)} ${r.contender.padEnd(22)} ${n(r.value).padStart(9)} ${r.unit.padEnd(11)} vs ${String(r.bestPeer).padEnd(10)} ${n(r.peerValue).padStart(9)}  → ${
    r.ratio === null ? '–' : `${r.ratio.toFixed(2)}× (${r.ratioRange.min.toFixed(2)}–${r.ratioRange.max.toFixed(2)})`}`);
}
