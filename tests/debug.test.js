// The debugger in the browser: where the program is wrong (confusion matrix, mistakes, slices),
// which labels are bugs (found, then accepted from the page), where to collect next (a ?
// answered by a click), why it predicts what it does, and bad input refused without change.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { OUTPUT } from './helpers/browser.js';
import { seriousViolations } from './helpers/axe.js';
import { eventually, openTool, usePlayground } from './helpers/playground.js';

const s = usePlayground((page) => page.evaluate(() => document.querySelector('sw2-playground').configure({ backend: 'cpu' })));
const inPage = (fn, arg) => s.page.evaluate(fn, arg);
const root = () => s.page.locator('sw2-playground');

/** Page coordinates of data point (x, y) on the main canvas. */
async function at(x, y) {
  await root().locator('canvas.boundary').scrollIntoViewIfNeeded();
  const box = await root().locator('canvas.boundary').boundingBox();
  return [box.x + ((x + 1) / 2) * box.width, box.y + ((1 - y) / 2) * box.height];
}

/** The spiral with 5 % of its labels flipped by the test (seeded), and the flipped indices. */
async function spiralWithFlips() {
  return inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('spiral', { n: 500, noise: 0.05, seed: 4 });
    const { points } = await pg.getData();
    let state = 12345;
    const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    const order = points.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const flipped = order.slice(0, 25).sort((a, b) => a - b);
    for (const i of flipped) points[i] = { ...points[i], label: 1 - points[i].label };
    await pg.setData({ points, testFraction: 0 });
    await pg.configure({ hidden: [16, 16], activation: 'tanh', optimizer: 'adam', learningRate: 0.03, batchSize: 'full', seed: 1 });
    return flipped;
  });
}

test('diagnose: confusion matrices sum to the splits and agree with evaluate; mistakes worst first', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('moons', { n: 300, noise: 0.35, seed: 2, testFraction: 0.3 });
    await pg.configure({ hidden: [8], activation: 'tanh', learningRate: 0.03, batchSize: 32, seed: 1 });
    await pg.train({ steps: 150 });
    return { d: await pg.diagnose(), m: await pg.evaluate() };
  });
  const { confusion, mistakes, losses } = r.d;
  const sum = (c) => c.flat().reduce((a, b) => a + b, 0);
  const diag = (c) => c.reduce((a, row, i) => a + row[i], 0);
  assert.equal(sum(confusion.train) + sum(confusion.test), 300);
  assert.equal(sum(confusion.test), 90);
  assert.ok(Math.abs(diag(confusion.train) / sum(confusion.train) - r.m.trainAccuracy) < 1e-6);
  assert.ok(Math.abs(diag(confusion.test) / sum(confusion.test) - r.m.testAccuracy) < 1e-6);
  assert.equal(mistakes.length, 300 - diag(confusion.train) - diag(confusion.test));
  assert.ok(mistakes.every((m, i) => m.label !== m.predicted && ['train', 'test'].includes(m.split) && (i === 0 || mistakes[i - 1].loss >= m.loss)));
  assert.equal(losses.length, 300);
});

test('bad input to the debugger rejects with a readable Error and changes nothing', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('circle', { n: 100, seed: 1 });
    await pg.train({ steps: 30 });
    const before = JSON.stringify(await pg.getData());
    const errors = {};
    const tryIt = async (k, f) => { errors[k] = await f().then(() => 'accepted', (e) => (e instanceof Error ? e.message : `not an Error: ${e}`)); };
    await tryIt('region', () => pg.sliceMetrics([{ name: 'far', region: { x0: 0, y0: 0, x1: 1.5, y1: 1 } }]));
    await tryIt('label', () => pg.sliceMetrics([{ name: 'nine', labels: [9] }]));
    await tryIt('index', () => pg.relabel([{ index: 100, label: 1 }]));
    await tryIt('relabelLabel', () => pg.relabel([{ index: 0, label: 8 }]));
    await tryIt('image', () => pg.influence([0.1, 0.2, 0.3]));
    await tryIt('outside', () => pg.influence([0, 2]));
    await tryIt('class', () => pg.influence([0, 0], { label: 5 }));
    await tryIt('folds', () => pg.labelIssues({ folds: 1 }));
    await tryIt('count', () => pg.suggest({ count: 0 }));
    await tryIt('size', () => pg.uncertainty(1));
    return { errors, same: JSON.stringify(await pg.getData()) === before };
  });
  assert.match(r.errors.region, /slice 0 \('far'\): x1 = 1\.5 lies outside the square/);
  assert.match(r.errors.label, /slice 0 \('nine'\): label 9/);
  assert.match(r.errors.index, /index 100 is out of range/);
  assert.match(r.errors.relabelLabel, /label 8/);
  assert.match(r.errors.image, /point \[x, y\]/);
  assert.match(r.errors.outside, /inside the square/);
  assert.match(r.errors.class, /label 5 is not one of the network's classes/);
  assert.match(r.errors.folds, /folds 1 must be between 2 and 10/);
  assert.match(r.errors.count, /count 0/);
  assert.match(r.errors.size, /grid size 1/);
  assert.ok(r.same, 'the dataset is unchanged');
});

test('labelIssues finds the flips planted in the spiral, streams progress, and can be cancelled', async () => {
  const flipped = await spiralWithFlips();
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    const events = [];
    pg.addEventListener('job', (e) => events.push(e.detail));
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
    const started = performance.now();
    const issues = await pg.labelIssues({ folds: 5, steps: 400 });
    const seconds = (performance.now() - started) / 1000;
    const running = pg.labelIssues({ folds: 5, steps: 20000 });
    await new Promise((done) => setTimeout(done, 300));
    const cancelled = await pg.cancelJob();
    const outcome = await running.then(() => 'finished', (e) => e.message);
    return { issues, seconds, events: events.length, progressed: events.some((e) => e.running && e.progress > 0 && e.progress < 1), cancelled, outcome, longest: Math.max(0, ...window.longTasks) };
  });
  const found = r.issues.filter((i) => flipped.includes(i.index)).length;
  const precision = found / r.issues.length;
  const recall = found / flipped.length;
  console.log(`spiral in the browser: ${r.issues.length} flagged, precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)}, ${r.seconds.toFixed(2)} s`);
  assert.ok(recall >= 0.7 && precision >= 0.5, `precision ${precision}, recall ${recall}`);
  assert.ok(r.progressed && r.events > 2, 'progress streamed');
  assert.equal(r.cancelled, true);
  assert.match(r.outcome, /labelIssues was cancelled/);
  assert.ok(r.longest < 200, `the main thread was blocked for ${r.longest} ms`);
});

test('on the page: find label errors, see them ringed, accept them all as one undoable step', async () => {
  const flipped = await spiralWithFlips();
  await openTool(s.page, 'debug');
  await root().locator('input[name=label-steps]').fill('400');
  await root().locator('button', { hasText: 'Find label errors' }).click();
  await root().locator('.issues li').first().waitFor({ timeout: 60000 });
  const marked = await root().locator('.marked').textContent();
  assert.match(marked, /suspected label errors/);
  const status = await root().locator('.debug-section', { hasText: 'Label errors' }).locator('p[aria-live]').textContent();
  const flagged = Number(/(\d+) labels look wrong/.exec(status)[1]);
  assert.ok(flagged >= 15 && (await root().locator('.issues li').count()) === Math.min(flagged, 40), status);
  await s.page.screenshot({ path: join(OUTPUT, 'debug-label-errors.png'), fullPage: true });
  const before = await inPage(async () => (await document.querySelector('sw2-playground').getData()).points);
  await root().locator('button', { hasText: 'Accept all suggestions' }).click();
  await s.page.waitForFunction(() => /Relabelled/.test(document.querySelector('sw2-playground').shadowRoot.querySelector('.message').textContent));
  const after = await inPage(async () => (await document.querySelector('sw2-playground').getData()).points);
  const changed = after.map((p, i) => i).filter((i) => after[i].label !== before[i].label);
  assert.equal(changed.length, flagged, 'every listed suggestion was applied');
  const repaired = flipped.filter((i) => changed.includes(i)).length;
  assert.ok(repaired >= 0.7 * flipped.length, `${repaired} of ${flipped.length} planted flips repaired`);
  assert.equal(await root().locator('.issues li').count(), 0);
  const undone = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.undo();
    return (await pg.getData()).points;
  });
  assert.deepEqual(undone, before, 'one undo takes the whole relabelling back');
});

test('on the page: a confusion-matrix cell marks its examples on the canvas', async () => {
  await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('xor', { n: 200, noise: 0.3, seed: 3, testFraction: 0.3 });
    await pg.configure({ hidden: [4], activation: 'tanh', learningRate: 0.03, batchSize: 32, seed: 1 });
    await pg.train({ steps: 60 });
  });
  await root().locator('.debug-section [data-split=train]').click();
  const cell = root().locator('table.confusion .cm-cell.wrong:not([disabled])').first();
  await cell.waitFor();
  const count = Number(await cell.textContent());
  await cell.click();
  await s.page.waitForFunction(() => /Marked: \d+ train examples of/.test(document.querySelector('sw2-playground').shadowRoot.querySelector('.marked').textContent));
  const marks = await inPage(() => document.querySelector('sw2-playground').debug.overlay.marks.length);
  assert.equal(marks, count);
  await root().locator('.debug-panel').screenshot({ path: join(OUTPUT, 'debug-panel.png') });
});

test('on the page: a ? suggestion is answered by a click and becomes a point, one undo away', async () => {
  await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('circle', { n: 60, seed: 2 });
    await pg.train({ steps: 100 });
  });
  await root().locator('input[name=suggest-count]').fill('3');
  await root().locator('button', { hasText: 'Suggest where to collect' }).click();
  await root().locator('.suggestions li').first().waitFor();
  const places = await inPage(() => document.querySelector('sw2-playground').debug.overlay.suggestions);
  assert.equal(places.length, 3);
  const n = await inPage(async () => (await document.querySelector('sw2-playground').getData()).points.length);
  await s.page.mouse.click(...(await at(places[0].x, places[0].y)));
  await root().locator('.label-popover').waitFor();
  await root().locator('.label-popover .swatch').nth(1).click();
  await eventually(s.page, async (k) => (await document.querySelector('sw2-playground').getData()).points.length === k + 1, n);
  const added = (await inPage(async () => (await document.querySelector('sw2-playground').getData()).points)).at(-1);
  assert.deepEqual(added, { x: places[0].x, y: places[0].y, label: 1 });
  assert.equal(await root().locator('.suggestions li').count(), 2, 'the answered ? is gone');
  await inPage(() => document.querySelector('sw2-playground').undo());
  assert.equal(await inPage(async () => (await document.querySelector('sw2-playground').getData()).points.length), n);
});

test('on the page: "why?" at a place lights up proponents and opponents', async () => {
  await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('gaussian', { n: 120, noise: 0.3, seed: 5 });
    await pg.train({ steps: 150 });
  });
  await root().locator('button', { hasText: 'Why — click the canvas' }).click();
  await s.page.mouse.click(...(await at(0.1, 0.1)));
  await root().locator('.why-column.proponents li').first().waitFor();
  const glows = await inPage(() => {
    const g = document.querySelector('sw2-playground').debug.overlay.glows;
    return { p: g.proponents.length, o: g.opponents.length, q: g.query };
  });
  assert.ok(glows.p > 0 && glows.o > 0, JSON.stringify(glows));
  assert.ok(Math.abs(glows.q.x - 0.1) < 0.02 && Math.abs(glows.q.y - 0.1) < 0.02);
  await s.page.locator('sw2-playground canvas.boundary').screenshot({ path: join(OUTPUT, 'debug-why.png') });
  await root().locator('button', { hasText: 'Why — click the canvas' }).click();
});

test('digits: the confusion matrix is 10 × 10 and a cell shows its examples as thumbnails', async () => {
  await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('digits');
    await pg.configure({ hidden: [32], activation: 'relu', learningRate: 0.003, batchSize: 64, seed: 1 });
    await pg.train({ steps: 200 });
  });
  await root().locator('.debug-section [data-split=test]').click();
  await s.page.waitForFunction(() => document.querySelector('sw2-playground').shadowRoot.querySelectorAll('table.confusion tbody tr').length === 10);
  const cell = root().locator('table.confusion .cm-cell.wrong:not([disabled])').first();
  const count = Number(await cell.textContent());
  await cell.click();
  await s.page.waitForFunction((k) => document.querySelector('sw2-playground').shadowRoot.querySelectorAll('.marked canvas.thumb').length === Math.min(k, 48), count);
  await root().locator('.debug-panel').screenshot({ path: join(OUTPUT, 'debug-digits.png') });
});

test('the Debug panel passes an axe-core audit (no serious or critical violation)', async () => {
  await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('circle', { n: 120, seed: 1 });
    await pg.train({ steps: 50 });
  });
  await root().locator('table.confusion').waitFor();
  const violations = await seriousViolations(s.page, '.debug-panel');
  assert.deepEqual(violations, []);
});
