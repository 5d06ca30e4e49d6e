// Regression mode end to end: points carrying values through the API (setData, train, predict,
// boundary, CSV, diff, exported code) and through the page (the Values toggle, painting a value,
// the relabel brush, the value-coloured view).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { eventually, usePlayground } from './helpers/playground.js';

const session = usePlayground((page) => page.evaluate(async () => {
  const pg = document.querySelector('sw2-playground');
  await pg.configure({ backend: 'cpu', hidden: [12, 12], activation: 'tanh', features: ['x', 'y'], learningRate: 0.03, batchSize: 0, seed: 1 });
}));

const inPage = (fn, arg) => session.page.evaluate(fn, arg);

/** The surface the page learns, and a seeded sample of it (numbers made here, not by the playground). */
const surface = (x, y) => Math.sin(2 * x) * y + 0.5 * x * x;
function sample(n, seed) {
  let s = seed;
  const rand = () => { s = (s * 1103515245 + 12345) % 2147483648; return (s / 2147483648) * 2 - 1; };
  return Array.from({ length: n }, () => { const x = rand(); const y = rand(); return { x, y, value: surface(x, y) }; });
}

test('points with values train with mean squared error and predict values', async () => {
  const points = sample(300, 7);
  const probes = [[0.5, 0.5], [-0.6, 0.3], [0.1, -0.8], [0.8, -0.2]];
  const r = await inPage(async ({ points, probes }) => {
    const pg = document.querySelector('sw2-playground');
    await pg.setData({ points, testFraction: 0.25 });
    const task = await pg.task();
    const first = await pg.evaluate();
    const trained = await pg.train({ steps: 800 });
    const predicted = await pg.predict(probes);
    const grid = await pg.boundary(16);
    const back = await pg.getData();
    return { task, first, trained, predicted, size: grid.size, classes: grid.classes, cells: grid.values.length, hasProbabilities: 'probabilities' in grid, range: grid.range, stored: back.points[3], view: (await pg.client.dataView()).valueRange };
  }, { points, probes });
  assert.equal(r.task, 'regression');
  assert.equal(r.first.trainAccuracy, null);
  assert.equal(r.trained.testAccuracy, null);
  const values = points.map((p) => p.value);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  assert.ok(r.trained.testLoss < 0.1 * variance, `test MSE ${r.trained.testLoss} vs variance ${variance}`);
  assert.ok(r.trained.trainLoss < r.first.trainLoss, 'training lowered the loss');
  assert.equal(r.trained.diverged, false);
  r.predicted.forEach((v, i) => {
    assert.equal(typeof v, 'number');
    assert.ok(Math.abs(v - surface(...probes[i])) < 0.25, `probe ${i}: ${v} vs ${surface(...probes[i])}`);
  });
  assert.deepEqual([r.size, r.classes, r.cells, r.hasProbabilities], [16, 0, 256, false]);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  assert.ok(Math.abs(r.range[0] - lo) < 1e-6 && Math.abs(r.range[1] - hi) < 1e-6, `range ${r.range} vs [${lo}, ${hi}]`);
  assert.deepEqual(r.view, [lo, hi]);
  assert.deepEqual(r.stored, points[3]);
});

test('bad value data is refused with a message and changes nothing; presets wave and hill load', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.setData({ points: [{ x: 0, y: 0, value: 1 }, { x: 0.5, y: 0.5, value: -1 }] });
    const before = JSON.stringify(await pg.getData());
    const errors = [];
    for (const bad of [
      { points: [{ x: 0, y: 0, value: 1 }, { x: 0.1, y: 0, label: 1 }] },
      { points: [{ x: 0, y: 0, value: NaN }] },
      { points: [{ x: 0, y: 0, value: 'high' }] },
      { points: [{ x: 3, y: 0, value: 0.5 }] },
    ]) errors.push(await pg.setData(bad).then(() => 'accepted', (e) => e.message));
    const unchanged = JSON.stringify(await pg.getData()) === before;
    await pg.loadPreset('wave', { n: 120, seed: 3 });
    const wave = await pg.getData();
    await pg.loadPreset('hill', { n: 80, noise: 0, seed: 3 });
    const hill = await pg.getData();
    const unknown = await pg.loadPreset('waves').catch((e) => e.message);
    return { errors, unchanged, waveCount: wave.points.length, waveValued: wave.points.every((p) => typeof p.value === 'number' && !('label' in p)), hillCount: hill.points.length, unknown };
  });
  assert.match(r.errors[0], /point 1 has a label, but point 0 has a value/);
  assert.match(r.errors[1], /point 0: value .* must be a finite number/);
  assert.match(r.errors[2], /point 0: value is missing or not a number/);
  assert.match(r.errors[3], /point 0: x = 3 lies outside/);
  assert.ok(r.unchanged);
  assert.deepEqual([r.waveCount, r.waveValued, r.hillCount], [120, true, 80]);
  assert.match(r.unknown, /unknown preset 'waves'.*wave, hill/);
});

test('CSV, undo and diffs carry values; the exported JavaScript predicts the same values', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.importCsv('x,y,value\n0.5,0.5,1.25\n-0.5,0.25,-3\n0,0,0.5\n0.25,-0.75,2\n');
    const csv = await pg.exportCsv();
    const bad = await pg.importCsv('x,y,value\n0.5,0.5,1\n0.1,0.1,lots\n').catch((e) => e.message);
    const a = await pg.commit('four values');
    const pts = (await pg.getData()).points.map((p) => ({ ...p }));
    pts[2].value = 0.75;
    pts.push({ x: -0.9, y: 0.9, value: 4 });
    await pg.setData({ points: pts });
    const diff = await pg.diff(a, 'current');
    const versions = await pg.versions();
    await pg.undo();
    const afterUndo = (await pg.getData()).points.length;
    await pg.train({ steps: 200 });
    const probes = [[0.1, 0.2], [-0.4, 0.6], [0.9, -0.9]];
    return { csv, bad, diff, task: versions.at(-1).task, afterUndo, code: await pg.exportCode('js'), rust: await pg.exportCode('rust'), probes, expected: await pg.predict(probes) };
  });
  assert.equal(r.csv, 'x,y,value\n0.5,0.5,1.25\n-0.5,0.25,-3\n0,0,0.5\n0.25,-0.75,2\n');
  assert.match(r.bad, /line 3: column 3 \(value\): 'lots' is not a number/);
  assert.deepEqual(r.diff.added, [{ x: -0.9, y: 0.9, value: 4 }]);
  assert.deepEqual(r.diff.removed, []);
  assert.deepEqual(r.diff.relabelled, [{ x: 0, y: 0, value: 0.75, from: 0.5, to: 0.75 }]);
  assert.equal(r.task, 'regression');
  assert.equal(r.afterUndo, 4);
  const file = join(mkdtempSync(join(tmpdir(), 'sw2-regression-')), 'model.mjs');
  writeFileSync(file, r.code);
  const { predict } = await import(pathToFileURL(file).href);
  r.probes.forEach(([x, y], i) => assert.ok(Math.abs(predict(x, y) - r.expected[i]) < 1e-4, `probe ${i}: ${predict(x, y)} vs ${r.expected[i]}`));
  assert.match(r.rust, /pub fn predict\(x: f64, y: f64\) -> f64/);
});

test('on the page: the Values toggle, a painted value, the relabel brush and the value-coloured view', async () => {
  const { page } = session;
  const root = page.locator('sw2-playground');
  await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('circle', { n: 40, seed: 1 });
  });
  await root.locator('.toggle button[data-task=regression]').click();
  // Switching kinds starts an empty canvas, one undo away from the circle.
  await eventually(page, async () => (await document.querySelector('sw2-playground').getData()).points.length === 0);
  assert.equal(await root.locator('.swatches').isVisible(), false, 'class swatches hide in value mode');
  await root.locator('input[name=paintValue]').fill('0.5');
  const canvas = root.locator('canvas.boundary');
  const box = await canvas.boundingBox();
  const at = (x, y) => [box.x + ((x + 1) / 2) * box.width, box.y + ((1 - y) / 2) * box.height];
  await page.mouse.click(...at(-0.5, 0.5));
  await eventually(page, async () => (await document.querySelector('sw2-playground').getData()).points.length === 1);
  let data = await inPage(async () => document.querySelector('sw2-playground').getData());
  assert.equal(data.points[0].value, 0.5);
  assert.ok(Math.abs(data.points[0].x + 0.5) < 0.03 && Math.abs(data.points[0].y - 0.5) < 0.03, JSON.stringify(data.points[0]));
  // A sprayed stroke of -1 on the right.
  await root.locator('input[name=paintValue]').fill('-1');
  await page.mouse.move(...at(0.3, -0.5));
  await page.mouse.down();
  for (let t = 0; t <= 1; t += 0.1) await page.mouse.move(...at(0.3 + 0.4 * t, -0.5 + 0.9 * t));
  await page.mouse.up();
  await eventually(page, async () => (await document.querySelector('sw2-playground').getData()).points.length > 5);
  data = await inPage(async () => document.querySelector('sw2-playground').getData());
  assert.ok(data.points.slice(1).every((p) => p.value === -1 && !('label' in p)));
  // The relabel brush gives the first point a new value.
  await root.locator('input[name=paintValue]').fill('0.8');
  await root.locator('.toggle button[data-tool=relabel]').click();
  await page.mouse.click(...at(-0.5, 0.5));
  await eventually(page, async () => (await document.querySelector('sw2-playground').getData()).points[0].value === 0.8);
  await root.locator('.toggle button[data-tool=add]').click();
  // The metrics speak of squared error, not accuracy.
  assert.equal(await root.locator('.stat[data-for=trainLoss] span').textContent(), 'Train MSE');
  assert.equal(await root.locator('.stat[data-for=trainAccuracy]').isVisible(), false);
  // Undo three times: stroke, relabel and click gone, then the circle is back and the editor follows it.
  for (let k = 0; k < 4; k++) await inPage(async () => document.querySelector('sw2-playground').undo());
  data = await inPage(async () => document.querySelector('sw2-playground').getData());
  assert.equal(data.points.length, 40);
  assert.equal(await root.locator('.swatches').isVisible(), true);
  // The wave from the preset menu, trained: the view is coloured by predicted value.
  await root.locator('select[name=preset]').selectOption('wave');
  await eventually(page, async () => (await document.querySelector('sw2-playground').task()) === 'regression');
  await inPage(async () => document.querySelector('sw2-playground').train({ steps: 600 }));
  await page.waitForTimeout(300);
  const colours = await inPage(() => {
    const c = document.querySelector('sw2-playground').shadowRoot.querySelector('canvas.boundary');
    const ctx = c.getContext('2d');
    const px = (x, y) => Array.from(ctx.getImageData(Math.round(((x + 1) / 2) * c.width), Math.round(((1 - y) / 2) * c.height), 1, 1).data);
    return { high: px(0.5, 0.5), low: px(-0.5, 0.5) };
  });
  // sin(πx)·sin(πy): high (blue) at (0.5, 0.5), low (orange) at (-0.5, 0.5).
  assert.ok(colours.high[2] > colours.high[0] + 40, `blue at the peak: ${colours.high}`);
  assert.ok(colours.low[0] > colours.low[2] + 40, `orange in the trough: ${colours.low}`);
  await root.locator('.layout').screenshot({ path: 'test-results/regression.png' });
});

test('a regression dataset survives a reload, and the editor comes back in value mode', async () => {
  const { page } = session;
  const points = [{ x: 0.1, y: 0.2, value: 1.5 }, { x: -0.3, y: 0.4, value: -2 }, { x: 0.6, y: -0.6, value: 0.25 }];
  await inPage((pts) => document.querySelector('sw2-playground').setData({ points: pts }), points);
  await page.reload();
  await page.evaluate(() => document.querySelector('sw2-playground').ready);
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    return {
      points: (await pg.getData()).points,
      task: await pg.task(),
      mode: pg.shadowRoot.querySelector('.toggle button[data-task=regression]').getAttribute('aria-checked'),
    };
  });
  assert.deepEqual(r, { points, task: 'regression', mode: 'true' });
  assert.deepEqual(session.errors, []);
});
