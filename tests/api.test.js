// The public JS API, end to end in headless Chromium on the CPU backend.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePlayground } from './helpers/playground.js';

const session = usePlayground((page) => page.evaluate(() => document.querySelector('sw2-playground').configure({ backend: 'cpu' })));

const inPage = (fn, arg) => session.page.evaluate(fn, arg);

/** Three hand-placed clusters, as a person would click them; built in the test, not by the page. */
function threeClusters() {
  const centres = [[-0.6, 0.5], [0.6, 0.5], [0.0, -0.6]];
  const points = [];
  centres.forEach(([cx, cy], label) => {
    for (let k = 0; k < 30; k++) {
      const a = k * 2.4;
      const r = 0.04 + 0.01 * k;
      points.push({ x: cx + r * Math.cos(a), y: cy + r * Math.sin(a), label });
    }
  });
  return points;
}

test('ready resolves and reports the CPU backend', async () => {
  assert.equal(await inPage(() => document.querySelector('sw2-playground').backend), 'cpu');
});

test('a hand-made 3-class dataset trains to at least 90 % test accuracy through the API', async () => {
  const points = threeClusters();
  const m = await inPage(async (pts) => {
    const pg = document.querySelector('sw2-playground');
    await pg.configure({ hidden: [16, 16], activation: 'tanh', learningRate: 0.03, optimizer: 'adam', batchSize: 16, seed: 3 });
    await pg.setData({ points: pts, testFraction: 0.3 });
    return pg.train({ steps: 200 });
  }, points);
  assert.equal(m.step, 200);
  assert.ok(m.testAccuracy >= 0.9, `test accuracy ${m.testAccuracy}`);
  const e = await inPage(() => document.querySelector('sw2-playground').evaluate());
  assert.deepEqual(Object.keys(e).sort(), ['diverged', 'peakTrainLoss', 'step', 'testAccuracy', 'testLoss', 'trainAccuracy', 'trainLoss'].sort());
  assert.equal(e.step, 200);
  assert.ok(e.peakTrainLoss > 0 && e.peakTrainLoss < 100, `peak train loss ${e.peakTrainLoss}`);
  assert.ok(e.trainLoss < 0.5, `train loss ${e.trainLoss}`);
});

test('getData returns exactly the points that were set', async () => {
  const points = threeClusters();
  const got = await inPage(async (pts) => {
    const pg = document.querySelector('sw2-playground');
    await pg.setData({ points: pts, testFraction: 0.25 });
    return pg.getData();
  }, points);
  assert.deepEqual(got, { points });
});

test('invalid data is rejected with the offending index and the old data is kept', async () => {
  const good = threeClusters();
  const cases = [
    [{ x: NaN, y: 0, label: 0 }, /point 2.*x/],
    [{ x: 0, y: Infinity, label: 0 }, /point 2.*y/],
    [{ x: 1.5, y: 0, label: 0 }, /point 2.*outside \[-1, 1\]/],
    [{ x: 0, y: 0, label: 8 }, /point 2.*label 8/],
    [{ x: 0, y: 0, label: -1 }, /point 2.*label -1/],
    [{ x: 0, y: 0, label: 1.5 }, /point 2.*not an integer/],
    [{ x: '0.1', y: 0, label: 1 }, /point 2.*x/],
  ];
  await inPage((pts) => document.querySelector('sw2-playground').setData({ points: pts }), good);
  for (const [bad, pattern] of cases) {
    const message = await inPage(async (pts) => {
      try {
        await document.querySelector('sw2-playground').setData({ points: pts });
        return null;
      } catch (e) {
        return e instanceof Error ? e.message : `not an Error: ${e}`;
      }
    }, [good[0], good[1], bad, good[3]]);
    assert.match(message ?? 'resolved', pattern);
  }
  const empty = await inPage(() => document.querySelector('sw2-playground').setData({ points: [] }).then(() => 'resolved', (e) => e.message));
  assert.match(empty, /empty/);
  const after = await inPage(() => document.querySelector('sw2-playground').getData());
  assert.deepEqual(after.points, good, 'the previous dataset is untouched');
});

test('presets load with their options and unknown names are refused', async () => {
  const n = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('moons', { n: 120, noise: 0.2, seed: 4 });
    return (await pg.getData()).points.length;
  });
  assert.equal(n, 120);
  const err = await inPage(() => document.querySelector('sw2-playground').loadPreset('nope').then(() => null, (e) => e.message));
  assert.match(err, /unknown preset 'nope'/);
});

test('predict returns one probability distribution per input, indexed by label', async () => {
  const probs = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('gaussian', { n: 200, noise: 0.1, seed: 1 });
    await pg.configure({ seed: 1, batchSize: 32 });
    await pg.train({ steps: 100 });
    return pg.predict([[0.5, 0.5], [-0.5, -0.5], [0, 0]]);
  });
  assert.equal(probs.length, 3);
  for (const p of probs) {
    assert.equal(p.length, 2);
    assert.ok(Math.abs(p[0] + p[1] - 1) < 1e-5);
  }
  assert.ok(probs[0][0] > 0.9 && probs[1][1] > 0.9, JSON.stringify(probs));
});

test('weights expose every layer with names, shapes and values', async () => {
  const w = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.configure({ hidden: [5, 3], features: ['x', 'y', 'x2'] });
    return pg.weights();
  });
  assert.deepEqual(w.map((t) => t.name), ['layers.0.weight', 'layers.0.bias', 'layers.1.weight', 'layers.1.bias', 'layers.2.weight', 'layers.2.bias']);
  assert.deepEqual(w.map((t) => t.shape), [[3, 5], [5], [5, 3], [3], [3, 2], [2]]);
  for (const t of w) assert.equal(t.values.length, t.shape.reduce((a, b) => a * b, 1));
});

test('setWeight changes exactly one value and refuses indices that are not whole numbers', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('gaussian', { n: 60 });
    await pg.configure({ hidden: [3] });
    const before = await pg.weights();
    await pg.setWeight('layers.0.weight', 4, 0.75);
    const after = await pg.weights();
    const bad = await pg.setWeight('layers.0.weight', 2.7, 1).then(() => null, (e) => e.message);
    const unknown = await pg.setWeight('layers.7.weight', 0, 1).then(() => null, (e) => e.message);
    return { before: before[0].values, after: after[0].values, bad, unknown };
  });
  const changed = r.after.map((v, i) => (v !== r.before[i] ? i : -1)).filter((i) => i >= 0);
  assert.deepEqual(changed, [4]);
  assert.equal(r.after[4], 0.75);
  assert.match(r.bad, /index 2.7/);
  assert.match(r.unknown, /layers.7.weight/);
});

test('the same seed gives the same weights; configure rejects bad values and keeps the config', async () => {
  const same = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('xor', { n: 100, seed: 2 });
    await pg.configure({ hidden: [8], seed: 11 });
    await pg.train({ steps: 20 });
    const a = await pg.weights();
    await pg.configure({ seed: 11 });
    await pg.train({ steps: 20 });
    const b = await pg.weights();
    return JSON.stringify(a) === JSON.stringify(b);
  });
  assert.ok(same);
  const errors = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    const out = [];
    for (const patch of [{ hidden: [4, 0] }, { learningRate: -1 }, { activation: 'swish' }, { features: [] }, { backend: 'tpu' }, { learnigRate: 0.1 }]) {
      out.push(await pg.configure(patch).then(() => null, (e) => e.message));
    }
    return { out, config: await pg.getConfig() };
  });
  errors.out.forEach((m, i) => assert.ok(m, `patch ${i} should be rejected`));
  assert.match(errors.out[0], /hidden\[1\]/);
  assert.deepEqual(errors.config.hidden, [8]);
});

test('a network too big for the tab is refused with its size, and the playground keeps working', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('xor', { n: 50 });
    await pg.configure({ hidden: [8] });
    const error = await pg.configure({ hidden: [60000, 60000] }).then(() => null, (e) => e.message);
    const wide = await pg.configure({ hidden: [3000000] }).then(() => null, (e) => e.message);
    const m = await pg.train({ steps: 5 });
    return { error, wide, step: m.step, hidden: (await pg.getConfig()).hidden };
  });
  assert.match(r.error, /GB/);
  assert.match(r.wide, /GB/);
  assert.equal(r.step, 5);
  assert.deepEqual(r.hidden, [8]);
});

test('progress events stream while training and pause stops it', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('spiral', { n: 300 });
    await pg.configure({ hidden: [16, 16], batchSize: 'full', learningRate: 0.02 });
    const events = [];
    pg.addEventListener('progress', (e) => events.push(e.detail));
    pg.train();
    await new Promise((r) => setTimeout(r, 1500));
    await pg.pause();
    const stepAtPause = (await pg.evaluate()).step;
    await new Promise((r) => setTimeout(r, 500));
    return { events, stepAtPause, later: (await pg.evaluate()).step };
  });
  assert.ok(r.events.length >= 3, `${r.events.length} progress events`);
  const last = r.events[r.events.length - 1];
  assert.ok(last.step > 0 && Number.isFinite(last.trainLoss) && last.stepsPerSecond > 0, JSON.stringify(last));
  assert.equal(last.backend, 'cpu');
  assert.ok(r.later - r.stepAtPause <= 1, `kept training after pause: ${r.stepAtPause} → ${r.later}`);
});

test('a learning rate that explodes pauses training with a message', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('spiral', { n: 200 });
    await pg.configure({ optimizer: 'sgd', learningRate: 1e6, activation: 'relu', batchSize: 'full' });
    const diverged = new Promise((resolve) => pg.addEventListener('diverged', (e) => resolve(e.detail.message), { once: true }));
    const m = await pg.train();
    return { m, message: await diverged };
  });
  assert.ok(r.m.diverged);
  assert.match(r.message, /^Training diverged by step \d+ \(the loss reached [^)]+\)\..*lower the learning rate/);
});

test('the page requests nothing outside its own origin', async () => {
  const foreign = session.requests.filter((u) => !u.startsWith(session.server.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
});

test('the built-in digits load on demand and train an MLP past 90 % on the CPU', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('digits', { testFraction: 0.2, seed: 1 });
    const data = await pg.getData();
    await pg.configure({ backend: 'cpu', hidden: [128], activation: 'relu', optimizer: 'adam', learningRate: 0.001, batchSize: 64, seed: 1 });
    const m = await pg.train({ steps: 230 });
    const probs = await pg.predict([data.images[0].pixels]);
    const wrongSize = await pg.predict([[0.5, 0.5]]).then(() => null, (e) => e.message);
    return { n: data.images.length, first: data.images[0], m, probs, wrongSize };
  });
  assert.equal(r.n, 1500, "the digits preset leaves 297 of the 1,797 out, for worlds");
  assert.equal(r.first.width, 8);
  assert.equal(r.first.pixels.length, 64);
  assert.ok(r.m.testAccuracy >= 0.9, `digits test accuracy ${r.m.testAccuracy}`);
  assert.equal(r.probs[0].length, 10);
  assert.match(r.wrongSize, /image 0: 2 pixels/);
});

test('images given to setData are validated one by one', async () => {
  const message = await inPage(() => document.querySelector('sw2-playground').setData({
    images: [{ pixels: [0, 1, 0, 1], width: 2, height: 2, label: 0 }, { pixels: [0, 2, 0, 1], width: 2, height: 2, label: 1 }],
  }).then(() => null, (e) => e.message));
  assert.match(message, /image 1: pixel 1/);
});
