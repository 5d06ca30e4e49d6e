// The CPU builds: the SIMD build loads where the browser validates wasm SIMD (every current one),
// the plain build loads where it does not (forced here through the worker's `?cpu=nosimd`), and
// both train to the same numbers — the fallback costs speed, never the playground.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './helpers/server.js';
import { launch } from './helpers/browser.js';

const s = {};
before(async () => {
  s.server = await serve();
  s.browser = await launch();
});
after(async () => {
  await s.browser?.close();
  await s.server?.close();
});

/** Opens the playground with the worker URL's `cpu` parameter set (or not), trains, reports. */
async function trainWith(cpu) {
  const context = await s.browser.newContext();
  const page = await context.newPage();
  const wasm = [];
  const errors = [];
  context.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
  page.on('pageerror', (e) => errors.push(e.message));
  if (cpu) {
    await page.addInitScript((cpu) => {
      const Native = window.Worker;
      window.Worker = class extends Native {
        constructor(url, options) {
          const u = new URL(url, location.href);
          if (u.pathname.endsWith('/worker.js')) u.searchParams.set('cpu', cpu);
          super(u, options);
        }
      };
    }, cpu);
  }
  await page.goto(`${s.server.url}index.html`);
  const r = await page.evaluate(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.ready;
    await pg.configure({ backend: 'cpu', hidden: [8, 8], activation: 'tanh', seed: 3 });
    await pg.loadPreset('moons', { n: 120, seed: 2 });
    await pg.reset();
    const m = await pg.train({ steps: 60 });
    const probs = await pg.predict([[0.1, 0.2], [-0.5, 0.4]]);
    return { loss: m.trainLoss, probs, simd: WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11])) };
  });
  await context.close();
  return { ...r, wasm, errors };
}

test('the SIMD build loads by default and the plain one when SIMD is not there; both train the same', async () => {
  const simd = await trainWith(null);
  const plain = await trainWith('nosimd');
  assert.ok(simd.simd, 'Chromium validates the SIMD probe');
  assert.deepEqual(simd.wasm, ['/pkg/cpu/sw2_playground_bg.wasm']);
  assert.deepEqual(plain.wasm, ['/pkg/cpu-nosimd/sw2_playground_bg.wasm']);
  assert.deepEqual([...simd.errors, ...plain.errors], []);
  // The same seeded steps: SIMD reorders float sums, so the numbers agree closely, not bit for bit.
  assert.ok(Math.abs(simd.loss - plain.loss) < 1e-3, `${simd.loss} vs ${plain.loss}`);
  simd.probs.flat().forEach((p, i) => assert.ok(Math.abs(p - plain.probs.flat()[i]) < 1e-3, `${p} vs ${plain.probs.flat()[i]}`));
});
