// The data engine end to end: the API (deploy, flag, label by hand and with the world, fold in as
// one undo step and one version, history, bad input), two rounds run through the page by clicks,
// the curve comparing strategies, the digits' thumbnails labelled by keys, and an axe audit.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { eventually, openTool, usePlayground } from './helpers/playground.js';
import { OUTPUT } from './helpers/browser.js';
import { seriousViolations } from './helpers/axe.js';

const s = usePlayground((page) => page.evaluate(async () => {
  const pg = document.querySelector('sw2-playground');
  await pg.configure({ backend: 'cpu', hidden: [16, 16], activation: 'tanh', features: ['x', 'y', 'sinX', 'sinY'], learningRate: 0.03, batchSize: 'full', seed: 1 });
  await pg.loadPreset('spiral', { n: 40, noise: 0.1, seed: 21 });
  await pg.train({ steps: 200 });
}));
const inPage = (fn, arg) => s.page.evaluate(fn, arg);
const root = () => s.page.locator('sw2-playground');

test('deploy, flag, label by hand and with the world, fold in as one undo step and one version', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    const status = await pg.deploy({ world: 'spiral', seed: 5 });
    const before = (await pg.getData()).points.length;
    const flagged = await pg.flag({ trigger: 'uncertainty', count: 8, threshold: 0.1 });
    const ids = flagged.map((f) => f.id);
    const first = flagged[0];
    await pg.label([ids[0]], [3]); // a person's label goes in as given
    const afterLabel = await pg.engineStatus();
    await pg.labelWithWorld();
    const versionsBefore = (await pg.versions()).length;
    const round = await pg.foldIn({ steps: 100 });
    const data = (await pg.getData()).points;
    const versions = await pg.versions();
    const diff = await pg.diff(versions[versions.length - 2]?.id ?? versions[0].id, round.version);
    const history = await pg.engineHistory();
    const undone = await pg.undo();
    const afterUndo = (await pg.getData()).points.length;
    await pg.redo();
    return { status, before, flagged, first, afterLabel, versionsBefore, versions: versions.length, round, data, diff, history, undone, afterUndo };
  });
  assert.match(r.status.world, /spiral/);
  assert.equal(r.status.round, 0);
  assert.equal(r.flagged.length, 8);
  assert.ok(r.flagged.every((f) => typeof f.x === 'number' && typeof f.score === 'number' && f.trigger === 'uncertainty'));
  assert.equal(r.afterLabel.labelled, 1);
  assert.deepEqual([r.round.round, r.round.added, r.round.byPerson, r.round.byWorld, r.round.labelsSpent], [1, 8, 1, 7, 8]);
  assert.equal(r.data.length, r.before + 8);
  const given = r.data.find((p) => p.x === r.first.x && p.y === r.first.y);
  assert.equal(given.label, 3, 'the hand label went in as given');
  assert.equal(r.versions, r.versionsBefore + 1, 'the round committed one version');
  assert.equal(r.history.length, 2);
  assert.equal(r.undone, true);
  assert.equal(r.afterUndo, r.before, 'one undo removes the whole round');
});

test('bad input to the engine rejects with a readable Error and changes nothing', async () => {
  const errors = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    const msg = (p) => p.then(() => 'resolved', (e) => e.message);
    const before = JSON.stringify(await pg.engineStatus());
    const out = {
      trigger: await msg(pg.flag({ trigger: 'gut feeling' })),
      notQueued: await msg(pg.label([987654], [0])),
      badLabel: await msg((async () => { const [f] = await pg.flag({ trigger: 'random', count: 1 }); return pg.label([f.id], [42]); })()),
      digits: await msg(pg.deploy({ world: 'digits' })),
      oneClass: await msg(pg.deploy({ world: { points: Array.from({ length: 20 }, (_, i) => ({ x: i / 20, y: 0, label: 1 })) } })),
      nothing: await msg(pg.foldIn()),
    };
    out.kept = JSON.parse(before).world === (await pg.engineStatus()).world;
    return out;
  });
  assert.match(errors.trigger, /unknown trigger 'gut feeling'/);
  assert.match(errors.notQueued, /not waiting in the queue/);
  assert.match(errors.badLabel, /not a class/);
  assert.match(errors.digits, /images but the dataset holds labelled points/);
  assert.match(errors.oneClass, /only one class/);
  assert.match(errors.nothing, /nothing to fold in/);
  assert.equal(errors.kept, true, 'the deployed world survived the refusals');
});

test('two rounds through the page: deploy, flag, label two by clicks and the rest with the world, fold in', async () => {
  await openTool(s.page, 'engine');
  const panel = root().locator('.engine-panel');
  await panel.locator('select[name=engine-world]').selectOption('spiral');
  await panel.locator('button', { hasText: /^⇢ Deploy$/ }).click();
  await s.page.waitForFunction(() => /Deployed in spiral/.test(document.querySelector('sw2-playground').shadowRoot.querySelector('.engine-status').textContent));
  for (let round = 1; round <= 2; round++) {
    await panel.locator('input[name=engine-count]').fill('6');
    await panel.locator('button', { hasText: 'Flag' }).click();
    await panel.locator('.engine-queue li').nth(5).waitFor();
    // The first by a click on its ? marker on the canvas, the second from the list, the rest by the world.
    const item = await inPage(() => Number(document.querySelector('sw2-playground').shadowRoot.querySelector('.engine-queue li:not(.labelled)').dataset.id));
    const point = await inPage((id) => {
      const text = document.querySelector('sw2-playground').shadowRoot.querySelector(`.engine-queue li[data-id="${id}"]`).getAttribute('aria-label');
      const m = text.match(/at \((-?[\d.]+), (-?[\d.]+)\)/);
      return [Number(m[1]), Number(m[2])];
    }, item);
    await root().locator('canvas.boundary').scrollIntoViewIfNeeded();
    const box = await root().locator('canvas.boundary').boundingBox();
    await s.page.mouse.click(box.x + ((point[0] + 1) / 2) * box.width, box.y + ((1 - point[1]) / 2) * box.height);
    await root().locator('.label-popover .swatch').nth(1).click();
    await panel.locator('.engine-queue li:not(.labelled) button.swatch').first().click();
    await s.page.waitForFunction(() => document.querySelector('sw2-playground').shadowRoot.querySelectorAll('.engine-queue li.labelled').length === 2);
    if (round === 1) await root().locator('.stage').screenshot({ path: join(OUTPUT, 'engine-round-2d.png') });
    await panel.locator('button', { hasText: 'Label the rest with the world' }).click();
    await panel.locator('button', { hasText: 'Fold in' }).click();
    await s.page.waitForFunction((n) => document.querySelector('sw2-playground').shadowRoot.querySelector('.engine-rounds').dataset.rounds === String(n), round);
  }
  const history = await inPage(() => document.querySelector('sw2-playground').engineHistory());
  assert.equal(history.length, 3);
  assert.deepEqual(history.slice(1).map((r) => [r.added, r.byPerson]), [[6, 2], [6, 2]]);
  assert.ok(history.slice(1).every((r) => r.worldAccuracy > 0));
});

test('the curve compares blindspot and uncertainty with random beside the network, with progress, and the page plots it', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    const before = { step: (await pg.evaluate()).step, n: (await pg.getData()).points.length };
    const events = [];
    pg.addEventListener('job', (e) => events.push(e.detail.progress));
    const curve = await pg.engineCurve({ rounds: 3, budget: 5, steps: 60, seeds: 2 });
    const after = { step: (await pg.evaluate()).step, n: (await pg.getData()).points.length };
    return { curve, events: events.length, before, after };
  });
  assert.deepEqual(r.curve.labels, [0, 5, 10, 15]);
  assert.deepEqual(r.curve.strategies.map((c) => c.strategy), ['blindspot', 'uncertainty', 'random']);
  assert.ok(r.curve.strategies.every((c) => c.mean.length === 4 && c.runs.length === 2 && c.mean.every((v) => v > 0 && v <= 1)));
  assert.match(r.curve.summary, /blindspot needed \d+ labels, uncertainty needed \d+ labels, random needed \d+ labels/);
  assert.ok(r.events > 1, 'progress streamed');
  assert.deepEqual(r.after, r.before, 'the network and the dataset were not touched');

  const panel = root().locator('.engine-panel');
  await panel.locator('input[name=curve-rounds]').fill('2');
  await panel.locator('input[name=curve-budget]').fill('5');
  await panel.locator('input[name=curve-seeds]').fill('1');
  await panel.locator('button', { hasText: 'Compare strategies' }).click();
  await s.page.waitForFunction(() => /needed/.test(document.querySelector('sw2-playground').shadowRoot.querySelector('.curve-summary').textContent), null, { timeout: 120000 });
  await panel.screenshot({ path: join(OUTPUT, 'engine-curves.png') });
  assert.deepEqual(await seriousViolations(s.page, '.engine-panel'), []);
});

test('digits: flagged images show as thumbnails and the keys 0–9 label them', async () => {
  await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('digits', { seed: 1 });
    const images = (await pg.getData()).images.slice(0, 60);
    await pg.setData({ images, testFraction: 0 });
    await pg.configure({ hidden: [32], activation: 'relu', learningRate: 0.01, batchSize: 64 });
    await pg.train({ steps: 150 });
  });
  const panel = root().locator('.engine-panel');
  await panel.locator('select[name=engine-world]').selectOption('digits');
  await panel.locator('button', { hasText: /^⇢ Deploy$/ }).click();
  await s.page.waitForFunction(() => /Deployed in digits/.test(document.querySelector('sw2-playground').shadowRoot.querySelector('.engine-status').textContent));
  await panel.locator('input[name=engine-count]').fill('8');
  await panel.locator('button', { hasText: 'Flag' }).click();
  await panel.locator('.engine-queue li canvas.engine-thumb').nth(7).waitFor();
  await panel.locator('.engine-queue li').first().focus();
  await s.page.keyboard.press('7');
  await s.page.waitForFunction(() => document.querySelector('sw2-playground').shadowRoot.querySelectorAll('.engine-queue li.labelled').length === 1);
  const status = await inPage(() => document.querySelector('sw2-playground').engineStatus());
  assert.equal(status.labelled, 1);
  await panel.screenshot({ path: join(OUTPUT, 'engine-digits.png') });
  assert.deepEqual(s.errors, []);
});

test('the deployment, its queue and its rounds survive a reload', async () => {
  const before = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    return { status: await pg.engineStatus(), history: await pg.engineHistory(), queue: await pg.engineQueue() };
  });
  assert.equal(before.status.flagged, 8);
  await s.page.waitForTimeout(1200); // the autosave's debounce
  await s.page.reload();
  await s.page.evaluate(() => document.querySelector('sw2-playground').ready);
  await eventually(s.page, async () => (await document.querySelector('sw2-playground').engineStatus())?.flagged === 8);
  const after = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    return { status: await pg.engineStatus(), history: await pg.engineHistory(), queue: await pg.engineQueue() };
  });
  assert.deepEqual(after, before);
  await s.page.waitForFunction(() => document.querySelector('sw2-playground').shadowRoot.querySelectorAll('.engine-queue li.labelled').length === 1);
  assert.equal(await root().locator('.engine-queue li').count(), 8, 'the page shows the queue again');
  assert.deepEqual(s.errors, []);
});
