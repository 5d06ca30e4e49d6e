// Turns bench results into the committed markdown (bench/RESULTS.md).

import { compare } from './compare.js';
import { SOFTWARE_GPU } from './contenders.js';

const f = (v, d = 2) => (v === null || v === undefined ? '–' : Number(v).toFixed(d));
const pct = (v) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)} %`);
const kb = (b) => `${(b / 1e6).toFixed(2)} MB`;
/** A ratio with two decimals, or two significant digits below 0.1 (software WebGPU against a CPU). */
const times = (v) => (v < 0.1 ? v.toPrecision(2) : v.toFixed(2));
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

/** The warm-up curves of `name` (`W1a`: blocks of 25 steps, up to 3,000 or 10 s; `W6`: 100, 6,000, 15 s). */
function warmupSection(w, p, { name, block, steps, seconds }) {
  const cell = (m) => (!m ? '–' : m.error ? `error: ${m.error}` : m.steps === null ? `? (${m.blocks.length * m.block} steps measured)` : `${m.steps}`);
  return [`## How many untimed steps: each contender's JIT warm-up on ${name}`, '',
    `${name} from a fresh network in blocks of ${block} steps (up to ${steps} steps or ${seconds} s), in a fresh context, after the ${p.idleMs} ms idle time and with none. "Past warm-up after" is the first step from which every later window of 4 blocks runs within 15 % of the steady speed (the median block of the last third). The protocol's ${p.warmupSteps} untimed steps must cover every CPU contender's figure after the idle time.`, '',
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

/** A cold row's figure beside a warm row's: `[median, range]`, or dashes. */
const coldCells = (cold, field, d) => (!cold ? ['–', '–'] : cold.error ? [`error: ${cold.error}`, '–'] : mr(cold, field, d));

function wordSections(w, p) {
  const parts = [];
  if (w.W6) {
    const coldSteps = Object.values(w.W6cold || {}).map((r) => r.steps).filter(Boolean);
    const short = Object.entries(w.W6).filter(([c, r]) => !SOFTWARE_GPU.includes(c) && r.warmupSteps < p.warmupSteps).map(([c]) => c);
    parts.push('## W6 — makemore\'s names, the *Zero to Hero* MLP: 3 characters × 10 → 200 tanh → 27, batch 32, SGD lr 0.1', '',
      'Every contender trains on the same windows: the 31,033 training names of `loadPreset(\'names\')`\'s split, each position of each name (its end included) with the 3 characters before it. TF.js runs the same network (embedding 27 × 10, flatten, dense 200 tanh, dense 27, softmax cross-entropy, the playground\'s initialisation), the batches in one seeded shuffle. Warm: 7 blocks of 200 steps after the equal treatment (median block; fewer steps per block on software WebGL/WebGPU); the loss is read only at block ends (the playground: a `nextChars` read). '
      + `Cold: a fresh context, the engine loaded, the data and network built, then the first ${[...new Set(coldSteps)].join(' or ') || '–'} steps in one call, no idle time. `
      + 'The playground steps through its worker\'s own training call (`trainFor`, what `train({ steps })` runs in its slices): a `train({ steps })` call also evaluates both splits at its end, whose cost is the last column.'
      + (short.length ? ` ${short.join(', ')} took fewer untimed steps than ${p.warmupSteps} within the ${p.warmupCapMs / 1000} s cap (see the W6 warm-up table for whether they were past their warm-up).` : ''), '',
      table(['contender', 'steps / s, warm (median of runs)', 'range', 'steps / s, cold (median)', 'range', 'runs', 'untimed steps', 'test loss (after steps)', 'one evaluate()', 'what ran'],
        rowsOf(w.W6, (c, r) => [c, ...mr(r, 'stepsPerSecond', 0), ...coldCells(w.W6cold?.[c], 'stepsPerSecond', 0), r.runs, r.warmupSteps,
          `${f(r.testLoss, 3)} (${r.afterSteps})`, r.evaluationMs ? `${f(r.evaluationMs, 0)} ms` : '–', r.optimizer])), '');
  }
  if (w.W7) {
    const engine = (r) => (r.torch ? `torch ${r.torch}, ${r.threads} thread${r.threads === 1 ? '' : 's'}, makemore.py ${r.makemoreBlob.slice(0, 8)}`
      : `${r.optimizer}${r.evaluationMs ? `; one evaluate(): ${f(r.evaluationMs / 1000, 1)} s` : ''}`);
    parts.push('## W7 — makemore\'s names, makemore\'s transformer: 4 blocks, 4 heads, width 64, whole names (16 positions), batch 32, AdamW lr 5e-4', '',
      'The playground\'s rows: the public API\'s `configure({ architecture: \'transformer\' })` on the names, stepped through the worker\'s own training call as in W6; after the page\'s idle time, 50 untimed steps on a throwaway network (at most 30 s of them), then 10 blocks of 10 steps of a fresh one (median block; on software WebGPU blocks of 2 steps, stopped after 30 s once 3 are done). '
      + 'The PyTorch rows: Karpathy\'s `makemore.py`, unmodified (its git blob hash in the last column), `--type transformer` on the CPU with its defaults, in a fresh process per run with torch\'s threads set (`OMP_NUM_THREADS`), through `bench/pytorch-makemore.py`; it prints one step\'s time every 10 steps: the times printed during its first 50 steps are dropped, the row is the median of the 10 printed during the next 100. '
      + 'Cold: the first 50 steps right after load (the playground: one call, 2 on software WebGPU; PyTorch: the mean of the 5 step times it printed in them, its first step included).', '',
      table(['contender', 'ms / step, warm (median of runs)', 'range', 'ms / step, cold (median)', 'range', 'runs', 'untimed steps', 'what ran'],
        rowsOf(w.W7, (c, r) => [c, ...mr(r, 'msPerStep', 1), ...coldCells(w.W7cold?.[c], 'msPerStep', 1), r.runs, r.warmupSteps ?? r.untimedSteps, engine(r)])), '');
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
  if (w.warmup) parts.push(...warmupSection(w.warmup, res.protocol, { name: 'W1a', block: 25, steps: '3,000', seconds: 10 }));
  if (w.warmupW6) parts.push(...warmupSection(w.warmupW6, res.protocol, { name: 'W6', block: 100, steps: '6,000', seconds: 15 }));
  parts.push(...speedSections(w), ...coldSections(w), ...wordSections(w, res.protocol), ...pageSections(w));
  const ratios = compare(w).filter((r) => r.ratio !== null);
  if (ratios.length) {
    parts.push('## Against the best peer (same run)', '',
      'How many times faster each playground row\'s median is than the fastest peer\'s median (ConvNetJS and the TF.js backends; for W7, PyTorch) on that workload (below 1×: slower); the range pits the playground\'s slowest run against the peer\'s fastest, and its fastest against the peer\'s slowest. `cold`, `W6cold` and `W7cold` compare the cold rows.', '',
      table(['workload', 'playground', 'its median', 'best peer', "peer's median", 'ratio', 'range'],
        ratios.map((r) => [r.workload, r.contender, `${f(r.value, r.value >= 100 ? 0 : 3)} ${r.unit}`, r.bestPeer, `${f(r.peerValue, r.peerValue >= 100 ? 0 : 3)} ${r.unit}`,
          `${times(r.ratio)}×`, `${times(r.ratioRange.min)}–${times(r.ratioRange.max)}×`])), '');
  }
  return `${parts.join('\n')}\n`;
}
