// The playground through its UI, as a person uses it: click to add points, erase, train, read the chart.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { OUTPUT } from './helpers/browser.js';
import { eventually, openTool, usePlayground } from './helpers/playground.js';

const s = usePlayground((page) => page.evaluate(() => document.querySelector('sw2-playground').configure({ backend: 'cpu' })));

const api = (fn, arg) => s.page.evaluate(fn, arg);
const canvas = () => s.page.locator('sw2-playground canvas.boundary');

/** Clicks the canvas at data coordinates (x, y) ∈ [-1, 1]². */
async function clickAt(x, y) {
  const box = await canvas().boundingBox();
  await s.page.mouse.click(box.x + ((x + 1) / 2) * box.width, box.y + ((1 - y) / 2) * box.height);
}

test('the page opens with a preset drawn and the CPU backend shown', async () => {
  const n = await api(async () => (await document.querySelector('sw2-playground').getData()).points.length);
  assert.ok(n > 0);
  await s.page.locator('sw2-playground .badge').filter({ hasText: 'CPU' }).waitFor();
});

test('a click on the canvas adds a point of the selected class where it was clicked', async () => {
  await api(() => document.querySelector('sw2-playground').clearData());
  await s.page.locator('sw2-playground .swatch[data-label="2"]').click();
  await clickAt(0.5, -0.25);
  await eventually(s.page, async () => (await document.querySelector('sw2-playground').getData()).points.length === 1);
  const [p] = (await api(() => document.querySelector('sw2-playground').getData())).points;
  assert.equal(p.label, 2);
  assert.ok(Math.abs(p.x - 0.5) < 0.02 && Math.abs(p.y + 0.25) < 0.02, JSON.stringify(p));
});

test('the eraser removes the points it touches', async () => {
  await api(() => document.querySelector('sw2-playground').setData({
    points: [{ x: -0.5, y: 0.5, label: 0 }, { x: 0.5, y: 0.5, label: 1 }, { x: 0.52, y: 0.48, label: 1 }],
  }));
  await s.page.locator('sw2-playground [data-tool="erase"]').click();
  await clickAt(0.51, 0.49);
  await eventually(s.page, async () => (await document.querySelector('sw2-playground').getData()).points.length === 1);
  const left = (await api(() => document.querySelector('sw2-playground').getData())).points;
  assert.deepEqual(left, [{ x: -0.5, y: 0.5, label: 0 }]);
  await s.page.locator('sw2-playground [data-tool="add"]').click();
});

test('Train moves the loss, streams progress to the page and never blocks the main thread', async () => {
  await api(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('circle', { n: 300, noise: 0.1, seed: 1 });
    await pg.configure({ hidden: [16, 16], learningRate: 0.03, batchSize: 32, seed: 1 });
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration)))
      .observe({ type: 'longtask', buffered: false });
  });
  const before = await api(() => document.querySelector('sw2-playground').evaluate());
  await s.page.locator('sw2-playground button.primary').click();
  await s.page.waitForFunction(() => Number(document.querySelector('sw2-playground').shadowRoot
    .querySelector('[data-stat=step]').textContent) > 300, null, { timeout: 60000 });
  await s.page.locator('sw2-playground button.primary').filter({ hasText: 'Pause' }).click();
  await s.page.locator('sw2-playground button.primary').filter({ hasText: 'Train' }).waitFor();
  const afterM = await api(() => document.querySelector('sw2-playground').evaluate());
  assert.ok(afterM.step > 300);
  await s.page.screenshot({ path: join(OUTPUT, 'playground.png') });
  assert.ok(afterM.trainLoss < before.trainLoss * 0.8, `loss ${before.trainLoss} → ${afterM.trainLoss}`);
  const longest = await api(() => Math.max(0, ...window.longTasks));
  assert.ok(longest < 200, `main thread blocked for ${longest} ms`);
});

test('clearing the canvas while training stops training quietly; the Train button follows', async () => {
  await api(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('xor', { n: 100 });
  });
  await s.page.locator('sw2-playground button.primary').click();
  await s.page.locator('sw2-playground button.primary').filter({ hasText: 'Pause' }).waitFor();
  await s.page.locator('sw2-playground button', { hasText: 'Clear all points' }).click();
  await s.page.locator('sw2-playground button.primary').filter({ hasText: 'Train' }).waitFor();
  await eventually(s.page, async () => (await document.querySelector('sw2-playground').getData()).points.length === 0);
  const message = await s.page.locator('sw2-playground .message').evaluate((m) => (m.hidden ? '' : m.textContent));
  assert.doesNotMatch(message, /no data/i);
  await api(() => document.querySelector('sw2-playground').loadPreset('circle', { n: 300, noise: 0.1, seed: 1 }));
});

test('a bad value typed into the network panel is explained and the old config kept', async () => {
  await openTool(s.page, 'network');
  const hidden = s.page.locator('sw2-playground input[name=hidden]');
  await hidden.fill('8, zero');
  await hidden.press('Enter');
  await hidden.blur();
  const message = s.page.locator('sw2-playground .message');
  await message.filter({ hasText: 'not a positive whole number' }).waitFor();
  const config = await api(() => document.querySelector('sw2-playground').getConfig());
  assert.deepEqual(config.hidden, [16, 16]);
});

test('the rate schedule: cosine decay over a number of steps, from the panel or the API, and a bad one refused', async () => {
  await openTool(s.page, 'network');
  const steps = s.page.locator('sw2-playground input[name=scheduleSteps]');
  assert.ok(await steps.isHidden(), 'a constant rate has no steps to set');
  await s.page.locator('sw2-playground select[name=schedule]').selectOption('cosine');
  await steps.waitFor();
  await steps.fill('400');
  await steps.press('Enter');
  await eventually(s.page, async () => JSON.stringify((await document.querySelector('sw2-playground').getConfig()).schedule) === '{"kind":"cosine","steps":400}');
  const refused = await api(() => document.querySelector('sw2-playground').configure({ schedule: { kind: 'cosine', steps: 0 } }).then(() => 'accepted', (e) => e.message));
  assert.match(refused, /schedule.steps is 0/);
  assert.deepEqual((await api(() => document.querySelector('sw2-playground').getConfig())).schedule, { kind: 'cosine', steps: 400 }, 'the old schedule kept');
  await api(() => document.querySelector('sw2-playground').configure({ schedule: { kind: 'constant' } }));
  await steps.waitFor({ state: 'hidden' });
  assert.equal(await s.page.locator('sw2-playground select[name=schedule]').inputValue(), 'constant');
});

test('the dataset survives a reload (autosave)', async () => {
  const points = [{ x: 0.1, y: 0.2, label: 3 }, { x: -0.3, y: 0.4, label: 5 }];
  await api((pts) => document.querySelector('sw2-playground').setData({ points: pts }), points);
  await s.page.reload();
  await s.page.evaluate(() => document.querySelector('sw2-playground').ready);
  const got = (await api(() => document.querySelector('sw2-playground').getData())).points;
  assert.deepEqual(got, points);
});

test('no console errors and no request outside the page\'s own files', () => {
  const foreign = s.requests.filter((u) => !u.startsWith(s.server.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
  assert.deepEqual(s.errors, []);
});
