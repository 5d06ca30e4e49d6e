// `cargo xtask bench` drives this: serve the repo, open headless Chromium (WebGPU on), run every
// workload for every contender in one page, measure cold start and smoothness on the real page,
// and write bench/results.json and bench/RESULTS.md.
//
// Usage: node bench/run.js [--quick] [--cold] [--only W1a,W3] [--contenders playground-cpu,convnetjs] [--compare]
// (--cold: the playground trains the moment it is loaded, without its idle warm-up.)
// (--compare prints each playground row's speed against the best peer's, as a ratio).
// (--only replaces just those workloads in the existing results.json and records when they were re-run;
// the other workloads' results are kept, if they were measured in the same browser, machine and mode.)

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import { ROOT, serve } from '../tests/helpers/server.js';
import { launch } from '../tests/helpers/browser.js';
import { toMarkdown } from './report.js';
import { compare, compareLines } from './compare.js';

const args = process.argv.slice(2);
const flag = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : null; };
const quick = args.includes('--quick');
const cold = args.includes('--cold');
const comparing = args.includes('--compare');
const only = flag('--only')?.split(',');
const onlyContenders = flag('--contenders')?.split(',');
const out = flag('--out') || new URL('./', import.meta.url).pathname;

const wanted = (w) => !only || only.includes(w);

/** The results an `--only` run merges into, or `null` without a readable results.json. */
function previousResults() {
  try {
    return JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  } catch {
    return null;
  }
}
const log = (...m) => console.error('[bench]', ...m);

/** W1a–W1c for each contender, in the benchmark page. */
async function pageWorkloads(browser, url) {
  const page = await browser.newPage();
  page.on('console', (m) => m.type() === 'error' && log('page error:', m.text()));
  await page.goto(`${url}bench/index.html`);
  await page.waitForFunction(() => window.bench);
  const { contenders, workloads } = await page.evaluate(() => ({ contenders: window.bench.contenders, workloads: window.bench.workloads }));
  const results = {};
  for (const w of workloads.filter(wanted)) {
    results[w] = {};
    for (const c of contenders.filter((c) => !onlyContenders || onlyContenders.includes(c))) {
      log(`${w} · ${c}`);
      const t0 = Date.now();
      results[w][c] = await page.evaluate(([w, c, quick, cold]) => window.bench.run(w, c, { quick, cold }), [w, c, quick, cold]);
      log(`  ${JSON.stringify(results[w][c]).slice(0, 160)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
  }
  await page.close();
  return results;
}

/** W3: bytes shipped and time to `ready` and to the first finished step, on a fresh page. */
async function coldStart(browser, url, backend) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const urls = new Set();
  // Bodies of worker-fetched wasm are not always readable through the protocol, so sizes come from
  // the files the server sent (it serves the repo as is).
  context.on('response', (r) => { if (r.url().startsWith(url) && r.status() === 200) urls.add(r.url()); });
  await page.addInitScript((backend) => {
    customElements.whenDefined('sw2-playground').then(async () => {
      const pg = document.querySelector('sw2-playground');
      await pg.ready;
      window.readyAt = performance.now();
      if (backend === 'webgpu') await pg.configure({ backend: 'webgpu' });
      await pg.train({ steps: 1 });
      window.firstStepAt = performance.now();
      window.backendUsed = pg.backend;
    });
  }, backend);
  await page.goto(`${url}index.html`);
  await page.waitForFunction(() => window.firstStepAt, null, { timeout: 180000 });
  const timing = await page.evaluate(() => ({ readyMs: window.readyAt, firstStepMs: window.firstStepAt, backend: window.backendUsed }));
  const files = [...urls].map((u) => ({ url: u, b: readFileSync(join(ROOT, decodeURIComponent(new URL(u).pathname))) }));
  const raw = files.reduce((s, f) => s + f.b.length, 0);
  const gzip = files.reduce((s, f) => s + gzipSync(f.b, { level: 9 }).length, 0);
  await context.close();
  return { ...timing, files: files.length, bytesRaw: raw, bytesGzip: gzip };
}

/** W4: longest main-thread task, frames and boundary redraws per second while W1a trains on the page. */
async function smoothness(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${url}index.html`);
  const r = await page.evaluate(async (seconds) => {
    const pg = document.querySelector('sw2-playground');
    await pg.ready;
    await pg.configure({ backend: 'cpu', hidden: [16, 16], activation: 'tanh', optimizer: 'adam', learningRate: 0.02, batchSize: 'full' });
    await pg.loadPreset('spiral', { n: 500, testFraction: 0.2 });
    const tasks = [];
    new PerformanceObserver((l) => tasks.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
    let frames = 0;
    let grids = 0;
    pg.client.addEventListener('boundary', () => { grids += 1; });
    let on = true;
    const tick = () => { frames += 1; if (on) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    pg.train();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    on = false;
    await pg.pause();
    return { longestTaskMs: Math.max(0, ...tasks), longTasks: tasks.length, framesPerSecond: frames / seconds, boundaryRedrawsPerSecond: grids / seconds };
  }, quick ? 1 : 5);
  await page.close();
  return r;
}

/**
 * W5: the debugger's long jobs on the real page — `labelIssues` (5 folds) and `influence` on the
 * spiral (500 points) and the digits, timed end to end through the public API.
 */
async function debugging(browser, url) {
  const page = await browser.newPage();
  await page.goto(`${url}index.html`);
  const r = await page.evaluate(async (quick) => {
    const pg = document.querySelector('sw2-playground');
    await pg.ready;
    const time = async (f) => { const t0 = performance.now(); const out = await f(); return { ms: performance.now() - t0, out }; };
    // 5 % of the labels flipped (seeded), so the timing is of a search that finds something.
    const plantFlips = async (kind, classes) => {
      const data = await pg.getData();
      const examples = data[kind];
      let state = 12345;
      const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
      const order = examples.map((_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      const flipped = order.slice(0, Math.round(examples.length * 0.05));
      for (const i of flipped) examples[i] = { ...examples[i], label: (examples[i].label + 1 + Math.floor(random() * (classes - 1))) % classes };
      await pg.setData({ [kind]: examples, testFraction: 0 });
      return new Set(flipped);
    };
    const runs = [
      { name: 'spiral', kind: 'points', classes: 2, load: () => pg.loadPreset('spiral', { n: 500, noise: 0.05, seed: 4 }),
        config: { hidden: [16, 16], activation: 'tanh', features: ['x', 'y', 'sinX', 'sinY'], optimizer: 'adam', learningRate: 0.05, batchSize: 'full', seed: 1 },
        steps: quick ? 10 : 150, query: [0.1, 0.2] },
      { name: 'digits', kind: 'images', classes: 10, load: () => pg.loadPreset('digits'),
        config: { hidden: [64], activation: 'relu', optimizer: 'adam', learningRate: 0.01, batchSize: 64, seed: 1 },
        steps: quick ? 10 : 600, query: null },
    ];
    const out = {};
    for (const run of runs) {
      await run.load();
      const flipped = await plantFlips(run.kind, run.classes);
      await pg.configure({ backend: 'cpu', ...run.config });
      const label = await time(() => pg.labelIssues({ folds: 5, steps: run.steps }));
      const found = label.out.filter((i) => flipped.has(i.index)).length;
      await pg.train({ steps: run.steps });
      const query = run.query || (await pg.getData()).images[0].pixels;
      const influence = await time(() => pg.influence(query, { top: 10 }));
      out[run.name] = { examples: (await pg.getData())[run.kind].length, foldSteps: run.steps, config: run.config,
        labelIssuesMs: label.ms, flagged: label.out.length, planted: flipped.size,
        precision: found / Math.max(1, label.out.length), recall: found / flipped.size,
        influenceMs: influence.ms, checkpoints: (await pg.history()).length };
    }
    return out;
  }, quick);
  await page.close();
  return r;
}

const server = await serve();
const browser = await launch();
try {
  const results = {
    date: new Date().toISOString(),
    machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()}` },
    browser: `Chromium ${browser.version()} (headless, --enable-unsafe-webgpu)`,
    quick,
    cold,
    workloads: {},
  };
  const earlier = only ? previousResults() : null;
  const sameSetting = earlier && earlier.browser === results.browser && earlier.machine?.os === results.machine.os && earlier.cold === cold;
  if (sameSetting && Object.keys(earlier.workloads).some((w) => !only.includes(w))) {
    Object.assign(results, earlier, { workloads: { ...earlier.workloads }, runDates: { ...earlier.runDates } });
    for (const w of only) results.runDates[w] = new Date().toISOString();
  }
  const save = () => writeFileSync(`${out}/results.json`, `${JSON.stringify(results, null, 2)}\n`);
  const attempt = (fn) => fn().catch((e) => ({ error: e.message.split('\n')[0] }));
  // The real page first, on a fresh browser: cold start is only cold once.
  if (wanted('W3')) {
    log('W3 · cold start (cpu, webgpu)');
    results.workloads.W3 = {
      cpu: await attempt(() => coldStart(browser, server.url, 'cpu')),
      webgpu: await attempt(() => coldStart(browser, server.url, 'webgpu')),
    };
  }
  if (wanted('W4')) {
    log('W4 · smoothness');
    results.workloads.W4 = { 'playground-cpu': await attempt(() => smoothness(browser, server.url)) };
  }
  if (wanted('W5')) {
    log('W5 · debugging jobs');
    results.workloads.W5 = { 'playground-cpu': await attempt(() => debugging(browser, server.url)) };
  }
  save(); // keep what was measured even if a later stage fails
  Object.assign(results.workloads, await pageWorkloads(browser, server.url));
  save();
  writeFileSync(`${out}/RESULTS.md`, toMarkdown(results));
  if (comparing) console.log(['speed against the best peer in this run (above 1×: the playground is faster):', ...compareLines(compare(results.workloads))].join('\n'));
  log(`wrote ${out}results.json and ${out}RESULTS.md`);
} finally {
  await browser.close();
  await server.close();
}
