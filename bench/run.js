// `cargo xtask bench` drives this: serve the repo, open headless Chromium (WebGPU on) and run the
// equal-treatment protocol (workloads.js): every timed run in a fresh browser context (a first
// visit), the same idle time after load and the same untimed steps for every contender, `runs` runs
// per row, interleaved across contenders; plus a cold row per contender (train right after load),
// the element against a bare client, the warm-up curves behind the protocol's step count, the
// real page's W3–W5, and the word programs: W6 (the names MLP against TF.js) and W7 (the names
// transformer beside PyTorch's own makemore.py, see pytorch.js). Writes bench/results.json and
// bench/RESULTS.md.
//
// Usage: node bench/run.js [--quick] [--only W1a,cold] [--contenders playground-cpu,convnetjs] [--runs 5] [--compare] [--out dir/]
//   [--no-quiet-guard]
// --quick: a smoke test of the harness (tiny budgets, one run), never timing.
// Every timed run waits for a quiet machine and is run again if other work overlapped it (quiet.js);
//   --no-quiet-guard turns that off (--quick always does).
// --only: just those workloads (W1a W1b W1c W2 cold calls warmup W3 W4 W5 W6 W7 warmupW6), merged into the existing
//   results.json when it was measured in the same browser and machine.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { serve } from '../tests/helpers/server.js';
import { launch } from '../tests/helpers/browser.js';
import { PROTOCOL, QUICK, DATA_OF, W1C_GRID, W6, W7, W7_PROTOCOL } from './workloads.js';
import { SOFTWARE_GPU, WORD_PROGRAMS } from './contenders.js';
import { PYTORCH, makemore } from './pytorch.js';
import { summarize, warmedAfter } from './aggregate.js';
import { coldStart, smoothness, debugging } from './real-page.js';
import { toMarkdown } from './report.js';
import { compare, compareLines } from './compare.js';
import { quietGuard } from './quiet.js';

const args = process.argv.slice(2);
const flag = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : null; };
const quick = args.includes('--quick');
const comparing = args.includes('--compare');
const only = flag('--only')?.split(',');
const onlyContenders = flag('--contenders')?.split(',');
const out = flag('--out') || new URL('./', import.meta.url).pathname;
const protocol = { ...(quick ? QUICK : PROTOCOL), ...(flag('--runs') ? { runs: Number(flag('--runs')) } : {}) };
const wanted = (w) => !only || only.includes(w);
const log = (...m) => console.error('[bench]', ...m);
const guard = quietGuard({ off: quick || args.includes('--no-quiet-guard'), say: (m) => log(`  ${m}`) });

/**
 * Contenders run only when `--contenders` names them: the playground's WebGPU build on SwiftShader
 * compiles its shaders afresh in every fresh context (tens of seconds to minutes a run here); its
 * figures are in bench/webgpu-fusion/.
 */
const OPT_IN = ['playground-webgpu'];
/** Steps of the cold row, and of a cold row on software WebGPU/WebGL (~0.2–1 s a step there). */
const COLD_STEPS = quick ? 5 : 300;
const COLD_STEPS_SOFTWARE_GPU = quick ? 2 : 20;
/** The element against a bare client: calls of 70 steps, as a lesson's script makes them. */
const CALLS = { calls: quick ? 2 : 10, steps: 70 };
/** W6's cold row: its first steps right after load (W1a's count), fewer on software WebGPU/WebGL. */
const W6_COLD_STEPS = quick ? 5 : 300;
const W6_COLD_STEPS_SOFTWARE_GPU = quick ? 2 : 20;
/** W7's cold row: the steps its warm rows leave untimed (PyTorch's: the times makemore.py prints in them). */
const W7_COLD_STEPS = quick ? 2 : W7_PROTOCOL.warmupSteps;
const W7_COLD_STEPS_SOFTWARE_GPU = 2;
/** W7's PyTorch runs: untimed steps and timed steps, the playground's. */
const W7_MAKEMORE = quick ? { warmup: 2, steps: 10 } : { warmup: W7_PROTOCOL.warmupSteps, steps: W7_PROTOCOL.timedSteps };

const server = await serve();
const browser = await launch();

/** Runs `f(page)` in a fresh browser context (no cache, no compiled code from earlier runs). */
async function fresh(path, f) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && log('page error:', m.text()));
  try {
    await page.goto(`${server.url}bench/${path}`);
    await page.waitForFunction(() => window.bench || window.elementBench);
    return await f(page);
  } catch (e) {
    return { error: e.message.split('\n')[0] };
  } finally {
    await context.close();
  }
}
const inBench = (method, ...a) => guard.run(() => fresh('index.html', (page) => page.evaluate(([m, a]) => window.bench[m](...a), [method, a])));
const inElement = (method, ...a) => guard.run(() => fresh('element.html', (page) => page.evaluate(([m, a]) => window.elementBench[m](...a), [method, a])));

const brief = (r) => JSON.stringify(r).slice(0, 150);

/** `runs` rounds, each over every contender in turn: `{ contender: [result per run] }`. */
async function rounds(names, once) {
  const runs = Object.fromEntries(names.map((c) => [c, []]));
  for (let i = 0; i < protocol.runs; i++) {
    for (const c of names) {
      const t0 = Date.now();
      const r = await once(c, i);
      runs[c].push(r);
      log(`  run ${i + 1} · ${c}: ${brief(r)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
  }
  return runs;
}

const previous = () => { try { return JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')); } catch { return null; } };

try {
  const data = await fresh('index.html', (page) => page.evaluate(() => window.bench.datasets()));
  if (data.error) throw new Error(`datasets: ${data.error}`);
  const contenders = await fresh('index.html', (page) => page.evaluate(() => window.bench.contenders));
  const names = contenders.filter((c) => (onlyContenders ? onlyContenders.includes(c) : !OPT_IN.includes(c)));
  const results = {
    date: new Date().toISOString(),
    machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()}` },
    browser: `Chromium ${browser.version()} (headless, --enable-unsafe-webgpu${process.env.SW2_EXTRA_FLAGS ? ` ${process.env.SW2_EXTRA_FLAGS}` : ''})`,
    quick,
    protocol: { ...protocol, coldSteps: COLD_STEPS, coldStepsSoftwareGpu: COLD_STEPS_SOFTWARE_GPU, calls: CALLS },
    workloads: {},
  };
  const earlier = only ? previous() : null;
  if (earlier && earlier.browser === results.browser && earlier.machine?.os === results.machine.os && earlier.quick === quick) {
    Object.assign(results, earlier, { protocol: results.protocol, workloads: { ...earlier.workloads }, runDates: { ...earlier.runDates },
      runCommands: { ...earlier.runCommands } });
    // The command that re-ran them, without where it wrote.
    const command = ['node bench/run.js', ...args.filter((a, i) => a !== '--out' && args[i - 1] !== '--out')].join(' ');
    for (const w of only) {
      results.runDates[w] = new Date().toISOString();
      results.runCommands[w] = command;
    }
  }
  // What the quiet guard did, per workload measured in this invocation.
  results.quiet = { ...(results.quiet || {}) };
  let counted = { ...guard.log };
  const noteQuiet = (w) => {
    const now = guard.log;
    results.quiet[w] = Object.fromEntries(Object.keys(now).map((k) => [k, k === 'quietMs' ? now[k] : now[k] - counted[k]]));
    counted = { ...now };
  };
  const save = () => writeFileSync(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const attempt = (fn) => guard.run(() => fn().catch((e) => ({ error: e.message.split('\n')[0] })));

  // The real page first, on a fresh browser.
  if (wanted('W3')) {
    log('W3 · cold start (cpu, webgpu)');
    results.workloads.W3 = { cpu: await attempt(() => coldStart(browser, server.url, 'cpu')), webgpu: await attempt(() => coldStart(browser, server.url, 'webgpu')) };
    noteQuiet('W3');
  }
  if (wanted('W4')) {
    log('W4 · smoothness');
    results.workloads.W4 = { 'playground-cpu': await attempt(() => smoothness(browser, server.url, quick)) };
    noteQuiet('W4');
  }
  if (wanted('W5')) {
    log('W5 · debugging jobs');
    results.workloads.W5 = { 'playground-cpu': await attempt(() => debugging(browser, server.url, quick)) };
    noteQuiet('W5');
  }
  save();

  /** Warm-up curves of `spec` on `dataset` for `contenders`: after the idle time, and cold. */
  async function curves(contenders, dataset, opts) {
    const out = {};
    for (const c of contenders) {
      out[c] = {};
      for (const [mode, idleMs] of [['afterIdle', protocol.idleMs], ['cold', 0]]) {
        const r = await inBench('curve', c, dataset, { ...opts, idleMs });
        out[c][mode] = r.error ? r : { ...r, ...warmedAfter(r) };
        log(`  ${c} ${mode}: past warm-up after ${out[c][mode].steps} steps (${brief(out[c][mode].blocks)})`);
      }
    }
    return out;
  }

  if (wanted('warmup')) {
    log('warmup · W1a in blocks of 25 steps from a fresh network: after the idle time, and cold');
    results.workloads.warmup = await curves(names, data.spiral, { maxSteps: quick ? 50 : 3000, block: 25, capMs: quick ? 500 : 10000 });
    noteQuiet('warmup');
    save();
  }

  if (wanted('warmupW6')) {
    log('warmupW6 · W6 in blocks of 100 steps from a fresh network: do its untimed steps cover the JIT warm-up?');
    results.workloads.warmupW6 = await curves(names.filter((c) => WORD_PROGRAMS.mlp.includes(c)), data.names,
      { maxSteps: quick ? 20 : 6000, block: quick ? 5 : 100, capMs: quick ? 500 : 15000, spec: W6 });
    noteQuiet('warmupW6');
    save();
  }

  for (const w of ['W1a', 'W1b', 'W2'].filter(wanted)) {
    log(`${w} · ${protocol.runs} runs`);
    const runs = await rounds(names, (c) => inBench('run', w, c, data[DATA_OF[w]], { protocol, quick }));
    results.workloads[w] = Object.fromEntries(names.map((c) => [c, summarize(w, runs[c])]));
    noteQuiet(w);
    save();
  }

  if (wanted('W1c')) {
    log('W1c · the grid once per contender, then the best setting timed in every run');
    const limitMs = quick ? 500 : 8000;
    const grid = quick ? [W1C_GRID[4]] : W1C_GRID;
    const search = {};
    for (const c of names) {
      search[c] = await inBench('run', 'W1c', c, data.spiral, { protocol, quick, grid, limitMs });
      log(`  search · ${c}: ${brief(search[c].best || search[c])}`);
    }
    const found = names.filter((c) => search[c].best);
    const runs = await rounds(found, (c) => inBench('run', 'W1c', c, data.spiral,
      { protocol, quick, grid: [{ batch: search[c].best.batch, learningRate: search[c].best.learningRate }], limitMs }));
    results.workloads.W1c = Object.fromEntries(names.map((c) => {
      if (search[c].error) return [c, search[c]];
      if (!search[c].best) return [c, { best: null, tries: search[c].tries, limitMs }];
      const row = summarize('W1c', runs[c].map((r) => (r.error ? r : r.best ? { ...r.best, warmupSteps: r.warmupSteps } : { error: `not reached in ${limitMs} ms in this run` })));
      return [c, { ...row, tries: search[c].tries, limitMs }];
    }));
    noteQuiet('W1c');
    save();
  }

  if (wanted('cold')) {
    log(`cold · the first W1a steps right after load, fresh context each (${protocol.runs} runs)`);
    const runs = await rounds([...names, 'playground-element'], (c) => {
      if (c === 'playground-element') return inElement('cold', data.spiral.payload, { steps: COLD_STEPS });
      return inBench('cold', c, data.spiral, { steps: SOFTWARE_GPU.includes(c) ? COLD_STEPS_SOFTWARE_GPU : COLD_STEPS });
    });
    results.workloads.cold = Object.fromEntries(Object.entries(runs).map(([c, r]) => [c, summarize('cold', r)]));
    noteQuiet('cold');
    save();
  }

  if (wanted('calls')) {
    log(`calls · train({ steps: ${CALLS.steps} }) through the element and a bare client, after the equal treatment`);
    const variants = {
      'bare client': () => inBench('calls', data.spiral, { protocol, ...CALLS, grids: false }),
      'bare client, boundary listened for': () => inBench('calls', data.spiral, { protocol, ...CALLS, grids: true }),
      element: () => inElement('calls', data.spiral.payload, { protocol, ...CALLS }),
    };
    const runs = await rounds(Object.keys(variants), (v) => variants[v]());
    results.workloads.calls = Object.fromEntries(Object.entries(runs).map(([v, r]) => [v, summarize('calls', r)]));
    noteQuiet('calls');
    save();
  }

  const withRate = (r) => (r.error ? r : { ...r, stepsPerSecond: 1000 / r.msPerStep });

  if (wanted('W6')) {
    const w6 = names.filter((c) => WORD_PROGRAMS.mlp.includes(c));
    log(`W6 · names MLP, batch 32: ${protocol.runs} runs, then the cold row`);
    const runs = await rounds(w6, (c) => inBench('run', 'W6', c, data.names, { protocol, quick }));
    results.workloads.W6 = Object.fromEntries(w6.map((c) => [c, summarize('W6', runs[c])]));
    const steps = (c) => (SOFTWARE_GPU.includes(c) ? W6_COLD_STEPS_SOFTWARE_GPU : W6_COLD_STEPS);
    const cold = await rounds(w6, (c) => inBench('cold', c, data.names, { steps: steps(c), spec: W6 }).then(withRate));
    results.workloads.W6cold = Object.fromEntries(w6.map((c) => [c, summarize('W6cold', cold[c])]));
    noteQuiet('W6');
    save();
  }

  if (wanted('W7')) {
    // WebGPU is W7's to measure, so it runs unless --contenders leaves it out; the plain build only when named.
    const all = [...WORD_PROGRAMS.transformer, ...Object.keys(PYTORCH)];
    const w7 = onlyContenders ? all.filter((c) => onlyContenders.includes(c)) : all.filter((c) => c !== 'playground-cpu-nosimd');
    const torch = (c) => guard.run(() => makemore(PYTORCH[c], W7_MAKEMORE));
    log(`W7 · names transformer, batch 32: ${protocol.runs} runs, then the cold row`);
    const runs = await rounds(w7, (c) => (PYTORCH[c] ? torch(c)
      : inBench('run', 'W7', c, data.names, { protocol, quick, software: SOFTWARE_GPU.includes(c), evaluation: !quick && c === 'playground-cpu' })));
    results.workloads.W7 = Object.fromEntries(w7.map((c) => [c, summarize('W7', runs[c])]));
    const steps = (c) => (SOFTWARE_GPU.includes(c) ? W7_COLD_STEPS_SOFTWARE_GPU : W7_COLD_STEPS);
    const cold = await rounds(w7, (c) => (PYTORCH[c]
      ? torch(c).then((r) => (r.error ? r : { ...r, msPerStep: r.coldMsPerStep, steps: r.untimedSteps, stepTimes: r.coldStepTimes }))
      : inBench('cold', c, data.names, { steps: steps(c), spec: W7 })));
    results.workloads.W7cold = Object.fromEntries(w7.map((c) => [c, summarize('W7cold', cold[c])]));
    noteQuiet('W7');
    save();
  }

  writeFileSync(join(out, 'RESULTS.md'), toMarkdown(results));
  if (comparing) console.log(['speed against the best peer in this run (above 1×: the playground is faster):', ...compareLines(compare(results.workloads))].join('\n'));
  log(`wrote ${join(out, 'results.json')} and ${join(out, 'RESULTS.md')}`);
} finally {
  guard.stop();
  await browser.close();
  await server.close();
}
