// Where a training step's time goes, in the browser: the W1a step and variants of it (optimizer,
// activation, depth, batch), timed through the public API in 9 blocks of 100 steps (median, and the
// fastest block). Usage: node bench/profile.js [simd|nosimd]
import { serve } from '../tests/helpers/server.js';
import { launch } from '../tests/helpers/browser.js';
const cpu = process.argv[2] || 'simd';
const server = await serve();
const browser = await launch();
const page = await browser.newPage();
await page.goto(`${server.url}bench/index.html`);
await page.waitForFunction(() => window.bench);
const r = await page.evaluate(async (cpu) => {
  const { PlaygroundClient } = await import('/www/client.js');
  const c = new PlaygroundClient({ cpu });
  await c.ready;
  await c.loadPreset('spiral', { n: 500, testFraction: 0.2, seed: 7 });
  const out = {};
  const variants = {
    'W1a adam tanh 16-16 full': { hidden: [16, 16], activation: 'tanh', optimizer: 'adam', batchSize: 'full' },
    'sgd tanh 16-16 full': { hidden: [16, 16], activation: 'tanh', optimizer: 'sgd', batchSize: 'full' },
    'adam relu 16-16 full': { hidden: [16, 16], activation: 'relu', optimizer: 'adam', batchSize: 'full' },
    'adam sigmoid 16-16 full': { hidden: [16, 16], activation: 'sigmoid', optimizer: 'adam', batchSize: 'full' },
    'adam linear 16-16 full': { hidden: [16, 16], activation: 'linear', optimizer: 'adam', batchSize: 'full' },
    'adam tanh [] full': { hidden: [], activation: 'tanh', optimizer: 'adam', batchSize: 'full' },
    'sgd tanh [] full': { hidden: [], activation: 'tanh', optimizer: 'sgd', batchSize: 'full' },
    'adam tanh 16-16 batch 10': { hidden: [16, 16], activation: 'tanh', optimizer: 'adam', batchSize: 10 },
    'sgd tanh 4 batch 10 (W1b)': { hidden: [4], activation: 'tanh', optimizer: 'sgd', batchSize: 10 },
  };
  for (const [name, cfg] of Object.entries(variants)) {
    await c.configure({ backend: 'cpu', learningRate: 0.02, features: ['x', 'y'], seed: 1, ...cfg });
    await c.train({ steps: 30 });
    const times = [];
    for (let b = 0; b < 9; b++) {
      const t0 = performance.now();
      await c.train({ steps: 100 });
      times.push((performance.now() - t0) / 100);
    }
    times.sort((a, b) => a - b);
    out[name] = `${times[4].toFixed(3)} (min ${times[0].toFixed(3)})`;
  }
  return out;
}, cpu);
console.log(cpu, r);
await browser.close();
await server.close();
