// Turns bench results into the committed markdown (bench/RESULTS.md).

import { compare } from './compare.js';

const f = (v, d = 2) => (v === null || v === undefined ? '–' : Number(v).toFixed(d));
const pct = (v) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)} %`);
const kb = (b) => `${(b / 1e6).toFixed(2)} MB`;
/** A median with its range over the runs, `d` decimals. */
const mr = (row, field, d) => [f(row[field], d), row[`${field}Range`] ? `${f(row[`${field}Range`].min, d)}–${f(row[`${field}Range`].max, d)}` : '–'];

function table(head, rows) {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function rowsOf(results, make) {
  return Object.entries(results || {}).map(([c, r]) => (r.error ? [c, `error: ${r.error}`] : make(c, r)));
}

/** What the quiet guard (quiet.js) did, in words: which workloads it watched, and the runs it ran again. */
function quietLine(quiet) {
  const measured = Object.entries(quiet || {}).filter(([, q]) => q.runs > 0);
  const guarded = measured.filter(([, q]) => q.quietMs > 0);
  if (!guarded.length) return '';
  const redone = guarded.map(([w, q]) => `${w} ${q.redone}${q.disturbed ? ` (and ${q.disturbed} kept though other work overlapped them)` : ''}`).join(', ');
  return `Quiet machine (${guarded.map(([w]) => w).join(', ')}; bench/quiet.js): a timed run started only once, for ${guarded[0][1].quietMs / 1000} s, no \`rustc\` or \`cargo\` process had run and processes other than the benchmark's had used under a tenth of a core (checked every 0.5 s); a run during which that changed was thrown away and run again. Runs run again: ${redone}.`;
}

/** How many runs the rows had: `3 runs per row`, and the workloads that re-runs gave another count. */
function runsPerRow(res) {
  const counts = Object.entries(res.workloads).flatMap(([w, rows]) => [...new Set(Object.values(rows).map((r) => r && r.runs).filter(Number.isFinite))].map((n) => [w, n]));
  const often = (n) => counts.filter(([, m]) => m === n).length;
  const main = [...new Set(counts.map(([, n]) => n))].sort((a, b) => often(b) - often(a))[0] ?? res.protocol.runs;
  const others = [...new Set(counts.map(([, n]) => n))].filter((n) => n !== main)
    .map((n) => `${n} for ${counts.filter(([, m]) => m === n).map(([w]) => w).join(' and ')}`);
  return `${main} runs per row${others.length ? ` (${others.join('; ')})` : ''}`;
}

/** What the protocol was, in words. */
function protocolLines(res) {
  const p = res.protocol;
  const wasm = res.workloads.W1a?.['tfjs-wasm']?.engine || res.workloads.W2?.['tfjs-wasm']?.engine;
  return [
    `Protocol (the same for every contender): each run in a fresh browser context (a first visit: no cache, no compiled code from an earlier run); the contender's engine is loaded, then the page sits idle ${p.idleMs} ms (the playground's worker warms its wasm up in that time, as it does on a visitor's page; the peers have nothing to do), then takes ${p.warmupSteps} untimed steps of the workload's own network on a throwaway copy (at most ${p.warmupCapMs / 1000} s of them: only the contenders on software WebGPU/WebGL stop short, their rows say how many they took), then a fresh network is timed.`,
    `${runsPerRow(res)}, interleaved (run 1 of every contender, then run 2, …); a row's figure is the median of its runs' figures, the range is the fastest and the slowest run. Within a run, W1a times 7 blocks of 40 steps (median block), W1b and W2 whole epochs (median epoch); losses are read only at block ends.`,
    `Cold rows: a fresh context, the engine loaded and W1a's network built, then its first ${p.coldSteps} steps at once in one call (${p.coldStepsSoftwareGpu} on software WebGPU/WebGL), no idle time, no untimed steps.`,
    wasm ? `TF.js wasm ran the binary \`${wasm.binary}\` on ${wasm.threads} thread(s) (SIMD ${wasm.simd ? 'yes' : 'no'}; multithreading ${wasm.multithread ? 'yes' : 'no'}: the page is ${wasm.crossOriginIsolated ? '' : 'not '}cross-origin isolated, which TF.js's threaded binary needs). The playground's worker runs one thread too.` : '',
  ].filter(Boolean);
}

function warmupSection(w, p) {
  const cell = (m) => (!m ? '–' : m.error ? `error: ${m.error}` : m.steps === null ? `? (${m.blocks.length * m.block} steps measured)` : `${m.steps}`);
  return ['## How many untimed steps: each contender\'s JIT warm-up on W1a', '',
    `W1a from a fresh network in blocks of 25 steps (up to 3,000 steps or 10 s), in a fresh context, after the ${p.idleMs} ms idle time and with none. "Past warm-up after" is the first step from which every later window of 4 blocks runs within 15 % of the steady speed (the median block of the last third). The protocol's ${p.warmupSteps} untimed steps must cover every CPU contender's figure after the idle time.`, '',
    table(['contender', 'first block, ms / step', 'steady ms / step', 'past warm-up after (idle first)', 'past warm-up after (cold)', `covered by ${p.warmupSteps}?`],
      Object.entries(w).map(([c, m]) => {
        const a = m.afterIdle || {};
        const covered = a.steps === null || a.steps === undefined ? '–' : a.steps <= p.warmupSteps ? 'yes' : 'no';
        return [c, f(a.firstBlockMsPerStep, 3), f(a.steadyMsPerStep, 3), cell(m.afterIdle), cell(m.cold), covered];
      })), ''];
}

function speedSections(w) {
  const parts = [];
  if (w.W1a) {
    parts.push('## W1a — spiral, 500 points (400 train), MLP 2-16-16-2 tanh, full batch, Adam lr 0.02', '',
      table(['contender', 'ms / step (median of runs)', 'range', 'runs', 'untimed steps', 'test accuracy', 'after steps', 'optimizer really run'],
        rowsOf(w.W1a, (c, r) => [c, ...mr(r, 'msPerStep', 3), r.runs, r.warmupSteps, pct(r.testAccuracy), r.accuracyAfterSteps, r.optimizer])), '');
  }
  if (w.W1b) {
    parts.push('## W1b — TF Playground defaults: circle, 250 train / 250 test, 2-4-2 tanh, batch 10, SGD lr 0.03', '',
      table(['contender', 'ms / epoch (median of runs)', 'range', 'runs', 'untimed steps', 'epochs to 95 % test accuracy', 'optimizer'],
        rowsOf(w.W1b, (c, r) => [c, ...mr(r, 'msPerEpoch', 2), r.runs, r.warmupSteps, r.epochsTo95 ?? `not reached in ${r.epochsRun}`, r.optimizer])), '');
  }
  if (w.W1c) {
    parts.push('## W1c — from Train to 95 % test accuracy on the spiral (best of batch {full, 32} × lr {0.01, 0.03, 0.1}, Adam)', '',
      'The grid is searched once per contender (after the same treatment); every run then times the best setting from a fresh network. Accuracy is checked every 25 steps, so steps to 95 % come in 25s; ms / step is the training time alone (the checks left out), so time to 95 % ≈ steps × ms / step + the checks.', '',
      table(['contender', 'time to 95 % (median)', 'range', 'steps to 95 %', 'ms / step (median)', 'range', 'runs', 'with batch', 'lr', 'untimed steps', 'optimizer'],
        rowsOf(w.W1c, (c, r) => (r.msTo95 !== undefined && r.msTo95 !== null
          ? [c, `${f(r.msTo95, 0)} ms`, `${f(r.msTo95Range.min, 0)}–${f(r.msTo95Range.max, 0)} ms`, r.stepsTo95Range.min === r.stepsTo95Range.max ? r.stepsTo95 : `${r.stepsTo95} (${r.stepsTo95Range.min}–${r.stepsTo95Range.max})`,
            ...mr(r, 'msPerStep', 3), r.runs, r.batch || 'full', r.learningRate, r.warmupSteps, r.optimizer]
          : [c, `not reached in ${r.limitMs} ms with any setting`, '–', '–', '–', '–', '–', '–', '–', '–', r.tries?.[0]?.optimizer ?? '–']))), '');
  }
  if (w.W2) {
    parts.push('## W2 — digits: 1,797 8×8 images (1,438 train), MLP 64-128-10 relu, batch 64, Adam lr 0.001', '',
      table(['contender', 'examples / s (median of runs)', 'range', 'runs', 'untimed steps', 'epochs run', 'test accuracy', 'optimizer really run'],
        rowsOf(w.W2, (c, r) => [c, ...mr(r, 'examplesPerSecond', 0), r.runs, r.warmupSteps, r.epochsRun, pct(r.testAccuracy), r.optimizer])), '');
  }
  return parts;
}

function coldSections(w) {
  const parts = [];
  if (w.cold) {
    parts.push('## Cold — W1a\'s first steps right after load (fresh context, no idle time, no untimed steps)', '',
      '`playground-element` is the `<sw2-playground>` element on a page (bench/element.html): `setData`, `configure`, then `train({ steps })` right after `ready`, its canvas on screen; the other playground rows are a bare `PlaygroundClient`. Load = the engine up (`ready`; for TF.js `setBackend`), build = data and network.', '',
      table(['contender', 'ms / step over the first steps (median of runs)', 'range', 'steps', 'runs', 'load', 'build', 'navigation → done'],
        rowsOf(w.cold, (c, r) => [c, ...mr(r, 'msPerStep', 3), r.steps, r.runs, `${f(r.loadMs, 0)} ms`, `${f(r.buildMs, 0)} ms`, `${f(r.doneSinceNavigationMs, 0)} ms`])), '');
  }
  if (w.calls) {
    const bare = w.calls['bare client']?.msPerStep;
    parts.push('## A script\'s `train({ steps: 70 })` calls: the element against a bare client', '',
      'W1a, after the same idle time and untimed steps as every contender; 10 calls of 70 steps per run, the median call.', '',
      table(['through', 'ms / step (median of runs)', 'range', 'runs', 'against the bare client'],
        rowsOf(w.calls, (c, r) => [c, ...mr(r, 'msPerStep', 3), r.runs, bare ? `${((r.msPerStep / bare - 1) * 100).toFixed(0)} % slower` : '–'])), '');
  }
  return parts;
}

function pageSections(w) {
  const parts = [];
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
  return parts;
}

/** The whole report. */
export function toMarkdown(res) {
  const w = res.workloads;
  const parts = [
    '# Benchmark results',
    '',
    `Measured ${res.date.slice(0, 10)} with \`cargo xtask bench\` (\`node bench/run.js\`)${res.quick ? ' (quick mode: smoke numbers only, not timing)' : ''}${
      res.runDates ? `; ${Object.entries(res.runDates).map(([w, d]) => `${w} re-run ${d.slice(0, 10)} with \`${res.runCommands?.[w] ?? `node bench/run.js --only ${w}`}\``).join(', ')}` : ''}.`,
    `Machine: ${res.machine.cpu}, ${res.machine.cores} cores, ${res.machine.memoryGiB} GiB, ${res.machine.os}. Browser: ${res.browser}.`,
    'No GPU on this machine: WebGPU and WebGL run on SwiftShader (software) and are reported, not tuned for.',
    ...[quietLine(res.quiet)].filter(Boolean),
    '',
    ...protocolLines(res).flatMap((l) => [l, '']),
  ];
  if (w.warmup) parts.push(...warmupSection(w.warmup, res.protocol));
  parts.push(...speedSections(w), ...coldSections(w), ...pageSections(w));
  const ratios = compare(w).filter((r) => r.ratio !== null);
  if (ratios.length) {
    parts.push('## Against the best peer (same run)', '',
      'How many times faster each playground row\'s median is than the fastest peer\'s median (ConvNetJS and the TF.js backends) on that workload (below 1×: slower); the range pits the playground\'s slowest run against the peer\'s fastest, and its fastest against the peer\'s slowest. `cold` compares the cold rows.', '',
      table(['workload', 'playground', 'its median', 'best peer', "peer's median", 'ratio', 'range'],
        ratios.map((r) => [r.workload, r.contender, `${f(r.value, r.value >= 100 ? 0 : 3)} ${r.unit}`, r.bestPeer, `${f(r.peerValue, r.peerValue >= 100 ? 0 : 3)} ${r.unit}`,
          `${r.ratio.toFixed(2)}×`, `${r.ratioRange.min.toFixed(2)}–${r.ratioRange.max.toFixed(2)}×`])), '');
  }
  return `${parts.join('\n')}\n`;
}
