// Runs into rows: each row's figure is the median of its runs' figures, with the range (fastest and
// slowest run) and every run's figure beside it. The other fields come from the median run.

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/** The figure each row is judged by, per workload (fields of one run's result). */
export const FIGURE = {
  W1a: ['msPerStep'],
  W1b: ['msPerEpoch'],
  W1c: ['msTo95', 'stepsTo95', 'msPerStep'],
  W2: ['examplesPerSecond'],
  cold: ['msPerStep'],
  calls: ['msPerStep'],
  W6: ['stepsPerSecond', 'msPerStep'],
  W6cold: ['stepsPerSecond', 'msPerStep'],
  W7: ['msPerStep'],
  W7cold: ['msPerStep'],
};

/**
 * `runs`: one result per run (W1c: the run's `best` try). A row `{ ...median run, runs: n,
 * [field]: median, [field + 'Range']: { min, max }, [field + 'Runs']: [...] }`; `{ error }` if a run failed.
 */
export function summarize(workload, runs) {
  const failed = runs.find((r) => !r || r.error);
  if (failed) return { error: (failed && failed.error) || 'no result', runs: runs.length };
  const fields = FIGURE[workload];
  const key = fields[0];
  const values = runs.map((r) => r[key]);
  const mid = runs[values.indexOf(median(values))];
  const row = { ...mid, runs: runs.length };
  for (const f of fields) {
    const xs = runs.map((r) => r[f]).filter((v) => v !== null && v !== undefined);
    if (!xs.length) continue;
    row[f] = median(xs);
    row[`${f}Range`] = { min: Math.min(...xs), max: Math.max(...xs) };
    row[`${f}Runs`] = xs;
  }
  return row;
}

/**
 * From a warm-up curve (ms per step per block of `block` steps), the steps after which the
 * contender is past its JIT warm-up: the first block from which every later window of 4 blocks
 * has a median within 15 % of the steady speed (the median of the last third of the blocks).
 * `null` where the curve is too short to say (fewer than 12 blocks).
 */
export function warmedAfter({ block, blocks }) {
  if (blocks.length < 12) return { steps: null, steadyMsPerStep: blocks.length ? median(blocks) : null, firstBlockMsPerStep: blocks[0] ?? null };
  const steady = median(blocks.slice(Math.floor((blocks.length * 2) / 3)));
  const windowOk = (i) => median(blocks.slice(i, i + 4)) <= 1.15 * steady;
  let from = blocks.length - 4;
  while (from > 0 && windowOk(from - 1)) from -= 1;
  return { steps: from * block, steadyMsPerStep: steady, firstBlockMsPerStep: blocks[0], measuredSteps: blocks.length * block };
}
