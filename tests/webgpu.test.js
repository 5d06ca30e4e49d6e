// The page on WebGPU: headless Chromium exposes a software adapter (SwiftShader) with
// --enable-unsafe-webgpu, slow but real, so a few steps prove the GPU path end to end.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePlayground } from './helpers/playground.js';

const s = usePlayground();

test('auto stays on the CPU when the only WebGPU adapter is a software fallback', async () => {
  const backend = await s.page.evaluate(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.configure({ backend: 'auto' });
    return pg.backend;
  });
  assert.equal(backend, 'cpu');
});

test('webgpu trains a few steps, keeps the data, and hands back to the CPU', async () => {
  const r = await s.page.evaluate(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('gaussian', { n: 60, seed: 2 });
    const before = (await pg.getData()).points;
    await pg.configure({ backend: 'webgpu', hidden: [4], batchSize: 'full' });
    const onGpu = pg.backend;
    const m = await pg.train({ steps: 3 });
    const probs = await pg.predict([[0.4, 0.4]]);
    const after = (await pg.getData()).points;
    await pg.configure({ backend: 'cpu' });
    const m2 = await pg.train({ steps: 3 });
    return { onGpu, m, probs, same: JSON.stringify(before) === JSON.stringify(after), back: pg.backend, m2 };
  });
  assert.equal(r.onGpu, 'webgpu');
  assert.equal(r.m.step, 3);
  assert.ok(Number.isFinite(r.m.trainLoss));
  assert.ok(Math.abs(r.probs[0][0] + r.probs[0][1] - 1) < 1e-5);
  assert.ok(r.same, 'the dataset moved to the WebGPU build unchanged');
  assert.equal(r.back, 'cpu');
  assert.equal(r.m2.step, 3);
  await s.page.locator('sw2-playground .badge').filter({ hasText: 'CPU' }).waitFor();
});
