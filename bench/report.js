// Turns bench results into the committed markdown table (bench/RESULTS.md).

import { compare } from './compare.js';

const f = (v, d = 2) => (v === null || v === undefined ? '–' : Number(v).toFixed(d));
const pct = (v) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)} %`);
const kb = (b) => `${(b / 1e6).toFixed(2)} MB`;

function table(head, rows) {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function rowsOf(results, make) {
  return Object.entries(results || {}).map(([c, r]) => (r.error ? [c, `error: ${r.error}`] : make(c, r)));
}

/** The whole report. */
export function toMarkdown(res) {
  const w = res.workloads;
  const parts = [
    '# Benchmark results',
    '',
    `Measured ${res.date.slice(0, 10)} with \`cargo xtask bench\`${res.quick ? ' (quick mode: smoke numbers only)' : ''}${
      res.runDates ? `; ${Object.entries(res.runDates).map(([w, d]) => `${w} re-run ${d.slice(0, 10)} with \`node bench/run.js --only ${w}\``).join(', ')}` : ''}.`,
    `Machine: ${res.machine.cpu}, ${res.machine.cores} cores, ${res.machine.memoryGiB} GiB, ${res.machine.os}. Browser: ${res.browser}.`,
    'No GPU on this machine: WebGPU and WebGL run on SwiftShader (software) and are reported, not tuned for.',
    'Timings are medians over timed blocks after warm-up (spread = fastest and slowest block); losses are read only at block ends.',
    res.cold
      ? 'Cold run (`--cold`): each playground trained the moment it loaded, without its idle warm-up, so its first steps ran before the browser optimized the wasm.'
      : 'Each playground on the CPU first sat idle after load, as a visitor\'s page does before the first Train, while its worker warmed the wasm up (at most 5 s; the peers do nothing while idle, so they get no such pause).',
    '',
  ];
  if (w.W1a) {
    parts.push('## W1a — spiral, 500 points (400 train), MLP 2-16-16-2 tanh, full batch, Adam lr 0.02', '',
      table(['contender', 'ms / step (median)', 'spread', 'steps per block', 'test accuracy', 'after steps', 'optimizer really run'],
        rowsOf(w.W1a, (c, r) => [c, f(r.msPerStep, 3), `${f(r.spread.min, 3)}–${f(r.spread.max, 3)}`, r.stepsPerBlock, pct(r.testAccuracy), r.accuracyAfterSteps, r.optimizer])), '');
  }
  if (w.W1b) {
    parts.push('## W1b — TF Playground defaults: circle, 250 train / 250 test, 2-4-2 tanh, batch 10, SGD lr 0.03', '',
      table(['contender', 'ms / epoch (median)', 'spread', 'epochs to 95 % test accuracy', 'optimizer'],
        rowsOf(w.W1b, (c, r) => [c, f(r.msPerEpoch, 3), `${f(r.spread.min, 3)}–${f(r.spread.max, 3)}`, r.epochsTo95 ?? `not reached in ${r.epochsRun}`, r.optimizer])), '');
  }
  if (w.W1c) {
    parts.push('## W1c — wall time from Train to 95 % test accuracy on the spiral (best of batch {full, 32} × lr {0.01, 0.03, 0.1}, Adam)', '',
      table(['contender', 'best time to 95 %', 'with batch', 'lr', 'steps', 'optimizer'],
        rowsOf(w.W1c, (c, r) => (r.best
          ? [c, `${f(r.best.msTo95, 0)} ms`, r.best.batch, r.best.learningRate, r.best.steps, r.best.optimizer]
          : [c, `not reached in ${r.limitMs} ms`, '–', '–', '–', '–']))), '');
  }
  if (w.W2) {
    parts.push('## W2 — digits: 1,797 8×8 images (1,438 train), MLP 64-128-10 relu, batch 64, Adam lr 0.001', '',
      table(['contender', 'examples / s (median epoch)', 'spread', 'epochs run', 'test accuracy', 'optimizer really run'],
        rowsOf(w.W2, (c, r) => [c, f(r.examplesPerSecond, 0), `${f(r.spread.min, 0)}–${f(r.spread.max, 0)}`, r.epochs, pct(r.testAccuracy), r.optimizer])), '');
  }
  if (w.W3) {
    parts.push('## W3 — cold start (fresh page, first visit)', '',
      table(['path', 'files', 'bytes (raw)', 'bytes (gzip)', 'navigation → ready', 'navigation → first finished step', 'backend'],
        Object.entries(w.W3).map(([p, r]) => (r.error ? [p, `error: ${r.error}`] : [p, r.files, kb(r.bytesRaw), kb(r.bytesGzip), `${f(r.readyMs, 0)} ms`, `${f(r.firstStepMs, 0)} ms`, r.backend]))), '');
  }
  if (w.W4) {
    parts.push('## W4 — smoothness while W1a trains with the boundary on screen', '',
      table(['contender', 'longest main-thread task', 'long tasks', 'frames / s', 'boundary redraws / s'],
        Object.entries(w.W4).map(([c, r]) => (r.error ? [c, `error: ${r.error}`] : [c, `${f(r.longestTaskMs, 0)} ms`, r.longTasks, f(r.framesPerSecond, 1), f(r.boundaryRedrawsPerSecond, 1)]))), '');
  }
  if (w.W5) {
    parts.push('## W5 — the debugger: label errors (5-fold k-fold + confident learning) and influence (TracIn), playground CPU', '',
      '5 % of the labels flipped by the harness; each fold network trains the configuration below for the steps shown.', '',
      table(['dataset', 'examples', 'configuration', 'steps per fold', 'labelIssues (5 folds)', 'flagged / planted', 'precision', 'recall', 'influence', 'checkpoints'],
        Object.values(w.W5).flatMap((r) => (r.error ? [['–', `error: ${r.error}`]] : Object.entries(r).map(([name, d]) => [name, d.examples,
          `${d.config.hidden.join('-')} ${d.config.activation}, ${d.config.features ? d.config.features.join('+') : 'pixels'}, batch ${d.config.batchSize}, Adam ${d.config.learningRate}`,
          d.foldSteps, `${f(d.labelIssuesMs / 1000, 2)} s`, `${d.flagged} / ${d.planted}`, f(d.precision), f(d.recall), `${f(d.influenceMs, 0)} ms`, d.checkpoints])))), '');
  }
  const ratios = compare(w).filter((r) => r.ratio !== null);
  if (ratios.length) {
    parts.push('## Against the best peer (same run)', '',
      'How many times faster each playground row is than the fastest of ConvNetJS and the TF.js backends on that workload (below 1×: slower).', '',
      table(['workload', 'playground', 'its speed', 'best peer', "peer's speed", 'ratio'],
        ratios.map((r) => [r.workload, r.contender, `${f(r.value, r.value >= 100 ? 0 : 3)} ${r.unit}`, r.bestPeer, `${f(r.peerValue, r.peerValue >= 100 ? 0 : 3)} ${r.unit}`, `${r.ratio.toFixed(2)}×`])), '');
  }
  return `${parts.join('\n')}\n`;
}
