// "The weights are the program" end to end: timeline, restore, hand edits, the model file (read by
// an independent safetensors parser), loading it into a fresh engine, and the exported JS in Node.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { eventually, openTool, usePlayground } from './helpers/playground.js';

const session = usePlayground(async (page) => {
  await page.evaluate(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.configure({ backend: 'cpu', hidden: [8, 8], activation: 'tanh', features: ['x', 'y', 'sinX'], learningRate: 0.02, batchSize: 'full', seed: 2 });
    await pg.loadPreset('spiral', { n: 300, noise: 0.1, seed: 4 });
    await pg.train({ steps: 300 });
  });
});

const inPage = (fn, arg) => session.page.evaluate(fn, arg);

/** A plain reader of the safetensors format: 8-byte little-endian header size, JSON header, data. */
function readSafetensors(bytes) {
  const buf = Buffer.from(bytes);
  const headerLength = Number(buf.readBigUInt64LE(0));
  const header = JSON.parse(buf.subarray(8, 8 + headerLength).toString('utf8'));
  const data = buf.subarray(8 + headerLength);
  const tensors = {};
  for (const [name, t] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    assert.equal(t.dtype, 'F32', `${name} is stored as 32-bit floats`);
    const [start, end] = t.data_offsets;
    const slice = data.subarray(start, end);
    const values = [];
    for (let i = 0; i < slice.length; i += 4) values.push(slice.readFloatLE(i));
    tensors[name] = { shape: t.shape, values };
  }
  return { tensors, metadata: header.__metadata__ || {} };
}

const randomPoints = (n) => Array.from({ length: n }, (_, i) => [Math.sin(i * 12.9898) * 0.999, Math.cos(i * 78.233) * 0.999]);

test('the timeline lists log-spaced snapshots and replays weights and boundary at a past step', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    const steps = await pg.history();
    const now = await pg.weights();
    const start = await pg.weights({ step: 0 });
    const past = await pg.boundary(16, { step: 0 });
    const live = await pg.boundary(16);
    return { steps, same: JSON.stringify(now) === JSON.stringify(start), pastCell: past.probabilities[0], liveCell: live.probabilities[0], error: await pg.weights({ step: 123456 }).catch((e) => e.message) };
  });
  assert.equal(r.steps[0], 0);
  assert.ok(r.steps.includes(1) && r.steps.length < 40, `log-spaced: ${r.steps}`);
  assert.ok(r.steps.every((s, i) => i === 0 || s > r.steps[i - 1]));
  assert.equal(r.same, false, 'training changed the weights since step 0');
  assert.notEqual(r.pastCell, r.liveCell);
  assert.match(r.error, /no snapshot at step 123456/);
});

test('the page shows the network, its matrices and the timeline, and edits a weight by clicking an edge', async () => {
  const { page } = session;
  const root = page.locator('sw2-playground');
  await openTool(page, 'program');
  await root.locator('.network-graph .unit').first().waitFor();
  const units = await root.locator('.network-graph .unit').count();
  assert.equal(units, 3 + 8 + 8 + 2, 'inputs, both hidden layers and the outputs');
  assert.equal(await root.locator('.network-graph .edge').count(), 3 * 8 + 8 * 8 + 8 * 2);
  assert.match(await root.locator('.binary-size').textContent(), /122 parameters · 488 B/);
  assert.equal(await root.locator('.matrices canvas.matrix').count(), 3 * 2, 'a weight matrix and a bias row per layer');

  await root.locator('.network-graph .edge').first().dispatchEvent('click');
  const editor = root.locator('.weight-editor');
  await editor.waitFor();
  await editor.locator('input').fill('2.5');
  await editor.locator('button[type=submit]').click();
  await eventually(page, async () => (await document.querySelector('sw2-playground').weights())[0].values[0] === 2.5);

  const slider = root.locator('input[name=timeline]');
  await slider.evaluate((s) => { s.value = '0'; s.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.waitForFunction(() => document.querySelector('sw2-playground').shadowRoot.querySelector('.timeline-step').textContent === 'step 0');
  await root.locator('.program-panel').screenshot({ path: 'test-results/program.png' });
  const last = await slider.evaluate((s) => s.max);
  await slider.evaluate((s, v) => { s.value = v; s.dispatchEvent(new Event('input', { bubbles: true })); }, last);
  await page.waitForFunction(() => document.querySelector('sw2-playground').shadowRoot.querySelector('.timeline-step').textContent.startsWith('live'));
});

test('restore goes back to a snapshot and training resumes from there', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    const steps = await pg.history();
    const back = steps.filter((s) => s <= 40).pop();
    const then = await pg.weights({ step: back });
    const m = await pg.restore(back);
    const now = await pg.weights();
    const after = await pg.history();
    const resumed = await pg.train({ steps: 7 });
    return { back, step: m.step, same: JSON.stringify(then) === JSON.stringify(now), after, resumed: resumed.step, bad: await pg.restore(99999).catch((e) => e.message) };
  });
  assert.equal(r.step, r.back);
  assert.ok(r.same, 'the restored weights are the snapshot');
  assert.ok(r.after.every((s) => s <= r.back), `later snapshots dropped: ${r.after}`);
  assert.equal(r.resumed, r.back + 7);
  assert.match(r.bad, /no snapshot at step 99999/);
});

test('setWeight moves the boundary and the predictions', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    const before = await pg.predict([[0.3, -0.2]]);
    const w = await pg.weights();
    const out = w.find((t) => t.name === 'layers.2.bias');
    await pg.setWeight('layers.2.bias', 0, out.values[0] + 5);
    const after = await pg.predict([[0.3, -0.2]]);
    const bad = await pg.setWeight('layers.9.weight', 0, 1).catch((e) => e.message);
    return { before: before[0][0], after: after[0][0], bad };
  });
  assert.ok(r.after > r.before + 0.1, `class 0 gained: ${r.before} → ${r.after}`);
  assert.match(r.bad, /no parameter named 'layers.9.weight'/);
});

test('exportModel writes safetensors an independent parser reads, with the weights and their shapes', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    const { safetensors, config } = await pg.exportModel();
    return { bytes: Array.from(safetensors), config, weights: await pg.weights() };
  });
  const { tensors } = readSafetensors(r.bytes);
  assert.deepEqual(Object.keys(tensors).sort(), r.weights.map((w) => w.name).sort());
  for (const w of r.weights) {
    assert.deepEqual(tensors[w.name].shape, w.shape, w.name);
    assert.deepEqual(tensors[w.name].values, w.values, w.name);
  }
  assert.equal(r.config.format, 'sw2-playground-model');
  assert.deepEqual(r.config.hidden, [8, 8]);
  assert.deepEqual(r.config.features, ['x', 'y', 'sinX']);
  assert.deepEqual(r.config.classes, [0, 1]);
});

test('a fresh engine loads the exported model and predicts exactly the same; bad files change nothing', async () => {
  const points = randomPoints(300);
  const r = await inPage(async (pts) => {
    const pg = document.querySelector('sw2-playground');
    const model = await pg.exportModel();
    const expected = await pg.predict(pts);
    const { PlaygroundClient } = await import('./www/client.js');
    const fresh = new PlaygroundClient();
    await fresh.ready;
    await fresh.configure({ backend: 'cpu' });
    await fresh.loadPreset('spiral', { n: 100, seed: 9 });
    const before = await fresh.predict(pts);
    const errors = [];
    for (const bad of [
      { safetensors: new Uint8Array([1, 2, 3]), config: model.config },
      { safetensors: model.safetensors, config: { ...model.config, hidden: [8, 7] } },
      { safetensors: model.safetensors, config: '{ not json' },
      { safetensors: model.safetensors },
    ]) errors.push(await fresh.importModel(bad).then(() => 'accepted', (e) => e.message));
    const unchanged = JSON.stringify(await fresh.predict(pts)) === JSON.stringify(before);
    await fresh.importModel(model);
    const got = await fresh.predict(pts);
    const config = await fresh.getConfig();
    fresh.terminate();
    return { expected, got, errors, unchanged, hidden: config.hidden };
  }, points);
  assert.deepEqual(r.got, r.expected, 'identical predictions');
  assert.deepEqual(r.hidden, [8, 8]);
  assert.equal(r.errors.length, 4);
  for (const e of r.errors) assert.notEqual(e, 'accepted');
  assert.match(r.errors[0], /safetensors/);
  assert.match(r.errors[1], /does not match/);
  assert.match(r.errors[2], /not valid JSON/);
  assert.match(r.errors[3], /description/);
  assert.ok(r.unchanged, 'failed imports left the engine as it was');
});

test('the exported JavaScript module runs in Node and agrees with the playground to 1e-5', async () => {
  const points = randomPoints(1000);
  const r = await inPage(async (pts) => {
    const pg = document.querySelector('sw2-playground');
    return { code: await pg.exportCode('js'), expected: await pg.predict(pts), rust: await pg.exportCode('rust'), bad: await pg.exportCode('cobol').catch((e) => e.message) };
  }, points);
  const dir = mkdtempSync(join(tmpdir(), 'sw2-code-'));
  const file = join(dir, 'model.mjs');
  writeFileSync(file, r.code);
  const { predict, CLASSES } = await import(pathToFileURL(file).href);
  assert.deepEqual(CLASSES, [0, 1]);
  points.forEach(([x, y], i) => {
    const got = predict(x, y);
    r.expected[i].forEach((p, k) => assert.ok(Math.abs(got[k] - p) < 1e-5, `point ${i} class ${k}: ${got[k]} vs ${p}`));
  });
  assert.match(r.rust, /pub fn predict\(x: f64, y: f64\) -> \[f64; 2\]/);
  assert.match(r.bad, /unknown code language 'cobol'/);
});

test('the code dialog shows the compiled program', async () => {
  const root = session.page.locator('sw2-playground');
  await root.locator('button', { hasText: 'As JavaScript' }).click();
  const dialog = root.locator('dialog.code-dialog');
  await dialog.waitFor();
  assert.match(await dialog.locator('pre').textContent(), /export function predict\(x, y\)/);
  await dialog.locator('button', { hasText: 'Close' }).click();
});
