// What the training worker does around the steps: boundary grids only for a page that draws them,
// one read of the metrics per call, and the idle warm-up that gets the wasm optimized before the
// first press of Train without changing a single number.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './helpers/server.js';
import { launch } from './helpers/browser.js';

const s = {};
before(async () => {
  s.server = await serve();
  s.browser = await launch();
  s.page = await s.browser.newPage();
  s.errors = [];
  s.page.on('pageerror', (e) => s.errors.push(e.message));
  await s.page.goto(`${s.server.url}bench/index.html`);
});
after(async () => {
  await s.browser?.close();
  await s.server?.close();
});

const inPage = (fn, arg) => s.page.evaluate(fn, arg);

test('a script that does not listen gets no boundary grids; a listener gets them; train resolves the metrics after its last step', async () => {
  const r = await inPage(async () => {
    const { PlaygroundClient } = await import('/www/client.js');
    const c = new PlaygroundClient({ warmUp: false });
    await c.ready;
    const seen = { boundary: 0, progress: 0 };
    c.worker.addEventListener('message', (e) => { if (e.data.type in seen) seen[e.data.type] += 1; });
    await c.loadPreset('moons', { n: 120, seed: 2 });
    await c.configure({ backend: 'cpu', hidden: [6], seed: 3 });
    const trained = await c.train({ steps: 50 });
    const after = await c.evaluate();
    const quiet = { ...seen };
    let events = 0;
    c.addEventListener('boundary', () => { events += 1; });
    await c.train({ steps: 50 });
    await c.setData({ points: [{ x: 0.1, y: 0.2, label: 0 }, { x: -0.4, y: 0.5, label: 1 }, { x: 0.5, y: -0.5, label: 1 }] });
    await c.evaluate(); // the grid for the new data goes out before this answer
    return { trained, after, quiet, events, listened: { ...seen } };
  });
  assert.equal(r.quiet.boundary, 0, 'no grid for a script that never listened');
  assert.ok(r.quiet.progress >= 1, 'progress events still stream');
  assert.deepEqual(r.trained, r.after, 'train resolves what evaluate reads right after it');
  assert.equal(r.trained.step, 50);
  assert.ok(r.events >= 2, `a listener gets the grid after training and after a data change (${r.events})`);
  assert.equal(r.listened.boundary, r.events);
});

test('an idle worker warms up and stops, once per page and build; a page that trains at once stops it; the numbers are the same either way', async () => {
  const r = await inPage(async () => {
    const { PlaygroundClient } = await import('/www/client.js');
    const sleep = (ms) => new Promise((res) => setTimeout(res, ms));
    const run = async (c) => {
      await c.loadPreset('spiral', { n: 200, seed: 4 });
      await c.configure({ backend: 'cpu', hidden: [8, 8], activation: 'tanh', optimizer: 'adam', seed: 5 });
      const m = await c.train({ steps: 80 });
      return { loss: m.trainLoss, probs: await c.predict([[0.2, -0.3], [-0.6, 0.1]]) };
    };
    const idle = new PlaygroundClient();
    await idle.ready;
    let status = await idle.call('warmUpStatus');
    const t0 = performance.now();
    while (!status.done && performance.now() - t0 < 20000) {
      await sleep(100);
      status = await idle.call('warmUpStatus');
    }
    const warmed = await run(idle);
    const second = new PlaygroundClient();
    await second.ready;
    const secondStatus = await second.call('warmUpStatus');
    const busy = new PlaygroundClient({ cpu: 'simd' });
    await busy.ready;
    const busyNumbers = await run(busy);
    let busyStatus = await busy.call('warmUpStatus');
    for (let i = 0; i < 50 && !busyStatus.done; i++) {
      await sleep(100); // the warm-up notices the training at its next check
      busyStatus = await busy.call('warmUpStatus');
    }
    const off = new PlaygroundClient({ warmUp: false });
    await off.ready;
    const offStatus = await off.call('warmUpStatus');
    const cold = await run(off);
    [idle, second, busy, off].forEach((c) => c.worker.terminate());
    return { status, warmed, secondStatus, busyNumbers, busyStatus, offStatus, cold };
  });
  assert.ok(r.status.done, 'the warm-up ends by itself');
  assert.ok(r.status.spent > 500, `an idle worker warms up for most of its budget (${r.status.spent} ms)`);
  assert.ok(r.status.spent < 2500, `and stays within it (${r.status.spent} ms)`);
  assert.deepEqual(r.secondStatus, { spent: 0, done: true }, 'a second playground of the same build on the page leaves it to the first');
  assert.ok(r.busyStatus.done && r.busyStatus.spent < 100, `a worker that trains at once stops warming (${r.busyStatus.spent} ms)`);
  assert.deepEqual(r.offStatus, { spent: 0, done: true }, 'warmUp: false turns it off');
  assert.equal(r.warmed.loss, r.cold.loss, 'the same loss after warming up as without');
  assert.deepEqual(r.warmed.probs, r.cold.probs);
  assert.equal(r.busyNumbers.loss, r.cold.loss);
  assert.deepEqual(s.errors, []);
});
