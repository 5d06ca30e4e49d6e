// The workloads on the real page (index.html), once each: W3 cold start (bytes shipped, time to
// `ready` and to the first finished step), W4 smoothness while W1a trains with the boundary on
// screen, W5 the debugger's long jobs. run.js calls these with a browser and the server's URL.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../tests/helpers/server.js';

/** W3: bytes shipped and time to `ready` and to the first finished step, on a fresh page. */
export async function coldStart(browser, url, backend) {
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
export async function smoothness(browser, url, quick) {
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
export async function debugging(browser, url, quick) {
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
