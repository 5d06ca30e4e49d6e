// Figures that hold on data nobody tuned for, through the page's own API: a project saved and
// opened in a new page trains on exactly as if it never stopped; a deployed world never holds the
// dataset's examples; the blindspot trigger beats random on a checkerboard the project never saw.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePlayground } from './helpers/playground.js';
import { openPlayground } from './helpers/browser.js';

const s = usePlayground((page) => page.evaluate(() => document.querySelector('sw2-playground').configure({ backend: 'cpu' })));
const inPage = (fn, arg) => s.page.evaluate(fn, arg);

const SETUP = { hidden: [8, 8], activation: 'tanh', optimizer: 'adam', learningRate: 0.02, batchSize: 16, seed: 3, features: ['x', 'y'] };

test('a project saved after 100 steps and opened in a new page trains on to the weights of 200 steps', async () => {
  const saved = await inPage(async (setup) => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('moons', { n: 200, seed: 5 });
    await pg.configure(setup);
    await pg.train({ steps: 100 });
    const bytes = await pg.exportProject();
    await pg.train({ steps: 100 });
    return { bytes: Array.from(bytes), weights: await pg.weights() };
  }, SETUP);
  const other = await openPlayground(s.browser, s.server.url);
  const resumed = await other.page.evaluate(async (bytes) => {
    const pg = document.querySelector('sw2-playground');
    await pg.importProject(new Uint8Array(bytes));
    const at = (await pg.evaluate()).step;
    await pg.train({ steps: 100 });
    return { at, weights: await pg.weights() };
  }, saved.bytes);
  await other.context.close();
  assert.equal(resumed.at, 100);
  let worst = 0;
  saved.weights.forEach((p, k) => {
    assert.equal(resumed.weights[k].name, p.name);
    Array.from(p.values).forEach((v, i) => { worst = Math.max(worst, Math.abs(v - resumed.weights[k].values[i])); });
  });
  console.log(`resume in the browser: largest weight difference ${worst}`);
  assert.ok(worst <= 1e-6, `weights differ by ${worst}`);
});

test('a deployed world never holds an example of the dataset', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('spiral', { n: 300, seed: 1 });
    await pg.configure({ hidden: [8], seed: 1 });
    await pg.train({ steps: 50 });
    const spiral = await pg.deploy({ world: 'spiral', seed: 1, size: 2000 });
    const own = new Set((await pg.getData()).points.map((p) => `${p.x},${p.y}`));
    const flagged = await pg.flag({ trigger: 'random', count: 1000, window: 1400 });
    const copies = flagged.filter((f) => own.has(`${f.x},${f.y}`)).length;
    const given = (await pg.getData()).points.slice(0, 20).concat(Array.from({ length: 40 }, (_, i) => ({ x: i / 50 - 0.4, y: 0.31, label: i % 2 })));
    const yours = await pg.deploy({ world: { points: given } });
    await pg.loadPreset('digits', { seed: 1 });
    await pg.configure({ hidden: [16], activation: 'relu', seed: 1 });
    const digits = await pg.deploy({ world: 'digits' });
    return { spiral, copies, flagged: flagged.length, yours, digits };
  });
  assert.equal(r.spiral.overlapRemoved, 0, 'a preset world draws its own points');
  assert.equal(r.copies, 0, `${r.copies} of ${r.flagged} world examples were dataset points`);
  assert.equal(r.yours.overlapRemoved, 20);
  assert.equal(r.yours.streamSize + r.yours.worldTest, 40);
  assert.equal(r.digits.overlapRemoved, 1500);
  assert.equal(r.digits.streamSize + r.digits.worldTest, 297, 'the digits world is the 297 the preset left out');
  assert.match(r.digits.world, /1500 already in your dataset left out/);
});

test('blindspot beats random on a checkerboard it was never tuned for, through engineCurve', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    // A 3 × 3 checkerboard over the square; the start sees 20 random points of it.
    let state = 7;
    const rand = () => { state = (state * 1103515245 + 12345) % 2147483648; return state / 2147483648; };
    const cell = (v) => Math.min(2, Math.floor(((v + 1) / 2) * 3));
    const point = () => { const x = rand() * 2 - 1; const y = rand() * 2 - 1; return { x, y, label: (cell(x) + cell(y)) % 2 }; };
    const world = Array.from({ length: 1500 }, point);
    await pg.setData({ points: Array.from({ length: 20 }, point), testFraction: 0 });
    await pg.configure({ hidden: [16, 16], activation: 'tanh', optimizer: 'adam', learningRate: 0.03, batchSize: 'full', seed: 1, features: ['x', 'y'] });
    await pg.deploy({ world: { points: world } });
    return pg.engineCurve({ strategies: ['blindspot', 'random'], rounds: 6, budget: 10, steps: 200, seeds: 3 });
  });
  const [blind, random] = r.strategies;
  console.log(`checkerboard 3×3 in the browser: blindspot ${blind.mean.map((v) => v.toFixed(3))}, random ${random.mean.map((v) => v.toFixed(3))}`);
  const mean = (c) => c.mean.slice(1).reduce((a, b) => a + b, 0) / (c.mean.length - 1);
  assert.ok(mean(blind) > mean(random), `blindspot ${mean(blind)} against random ${mean(random)} on average`);
  assert.ok(blind.mean.some((v, k) => k > 0 && v - random.mean[k] > Math.max(blind.spread[k], random.spread[k])), 'by more than the spread at some budget');
});
