// The benchmark workloads, run inside one page so every contender sees the same browser, the same
// seeded data and the same configuration. The Node driver (run.js) calls `window.bench.run(...)`.

import { PlaygroundClient } from '../www/client.js';
import { CONTENDERS, settings } from './contenders.js';

let generator = null;

/**
 * A preset from the playground's own generator, split as the playground splits it:
 * `{ payload, inputs, train: { x, y }, test: { x, y } }` with `payload` what `setData` takes.
 */
async function dataset(name, n, testFraction, seed = 7) {
  if (!generator) {
    generator = new PlaygroundClient({ warmUp: false }); // its warm-up would run beside the contenders
    await generator.ready;
  }
  const view = new Promise((resolve) => generator.addEventListener('data', (e) => resolve(e.detail), { once: true }));
  await generator.loadPreset(name, { n, noise: 0.1, seed, testFraction });
  const { data, testMask } = await view;
  const examples = data.points || data.images;
  const row = data.points ? (p) => [p.x, p.y] : (img) => img.pixels;
  const pick = (test) => {
    const ex = examples.filter((_, i) => Boolean(testMask[i]) === test);
    return { x: Float32Array.from(ex.flatMap(row)), y: Int32Array.from(ex.map((e) => e.label)) };
  };
  const payload = data.points ? { points: data.points } : { images: data.images };
  return { payload: { ...payload, testFraction, seed }, inputs: row(examples[0]).length, train: pick(false), test: pick(true) };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const spread = (xs) => ({ min: Math.min(...xs), max: Math.max(...xs) });

async function make(contender, spec, data) {
  return CONTENDERS[contender]({ ...spec, inputs: data.inputs, train: data.train, test: data.test }, data.payload);
}

/** Longest a timed block should take: software WebGPU runs ~1 s a step, so its blocks shrink. */
const BLOCK_BUDGET_MS = 2000;

/**
 * Times `blocks` blocks of `steps` optimizer steps after a warm-up; ms per step per block.
 * Slow contenders get shorter blocks (at least 2 steps) so the whole run stays within minutes.
 */
async function timeBlocks(runner, { warmup, blocks, steps }) {
  await runner.steps(warmup);
  const t0 = performance.now();
  await runner.steps(1);
  const estimate = performance.now() - t0;
  steps = Math.max(2, Math.min(steps, Math.floor(BLOCK_BUDGET_MS / Math.max(estimate, 1e-3))));
  const perStep = [];
  for (let b = 0; b < blocks; b++) {
    const t0 = performance.now();
    await runner.steps(steps);
    perStep.push((performance.now() - t0) / steps);
  }
  return { perStep, steps };
}

const SPIRAL_NET = { hidden: [16, 16], classes: 2, activation: 'tanh', optimizer: 'adam', seed: 1 };

const WORKLOADS = {
  /** W1a: spiral, 500 points, 2-16-16-2 tanh, full batch, Adam 0.02: ms/step and accuracy after 300 steps. */
  async W1a(contender, { quick }) {
    const data = await dataset('spiral', 500, 0.2);
    const r = await make(contender, { ...SPIRAL_NET, learningRate: 0.02, batch: 0 }, data);
    const blocks = quick ? { warmup: 2, blocks: 3, steps: 3 } : { warmup: 20, blocks: 7, steps: 40 };
    const { perStep, steps } = await timeBlocks(r, blocks);
    const done = blocks.warmup + 1 + blocks.blocks * steps;
    // Accuracy after 300 steps, unless the contender is too slow to get there in a minute.
    const rest = 300 - done;
    const affordable = rest > 0 && median(perStep) * rest < 60000;
    if (!quick && affordable) await r.steps(rest);
    const result = { msPerStep: median(perStep), spread: spread(perStep), blocks: perStep.length, stepsPerBlock: steps,
      accuracyAfterSteps: quick || !affordable ? done : 300, testAccuracy: await r.accuracy(), optimizer: r.ran };
    r.dispose();
    return result;
  },

  /** W1b: TF Playground's defaults on the circle: 250/250, 2-4-2 tanh, batch 10, SGD 0.03. */
  async W1b(contender, { quick }) {
    const data = await dataset('circle', 500, 0.5);
    const spec = { hidden: [4, 2], classes: 2, activation: 'tanh', optimizer: 'sgd', learningRate: 0.03, batch: 10, seed: 1 };
    const r = await make(contender, spec, data);
    const stepsPerEpoch = Math.ceil(data.train.y.length / spec.batch);
    const maxEpochs = quick ? 2 : 300;
    const budgetMs = 60000;
    const start = performance.now();
    const epochMs = [];
    let reached = null;
    for (let epoch = 1; epoch <= maxEpochs && performance.now() - start < budgetMs; epoch++) {
      const t0 = performance.now();
      await r.steps(stepsPerEpoch);
      epochMs.push(performance.now() - t0);
      if (reached === null && (await r.accuracy()) >= 0.95) {
        reached = epoch;
        if (epochMs.length >= 20) break;
      }
      if (reached !== null && epochMs.length >= 20) break;
    }
    const timed = epochMs.slice(Math.min(3, epochMs.length - 1));
    r.dispose();
    return { msPerEpoch: median(timed), spread: spread(timed), epochsTimed: timed.length, epochsRun: epochMs.length, epochsTo95: reached,
      optimizer: r.ran, trainPoints: data.train.y.length };
  },

  /** W1c: wall time from Train to 95 % test accuracy on the spiral, best of a small grid. */
  async W1c(contender, { quick }) {
    const data = await dataset('spiral', 500, 0.2);
    const grid = quick ? [{ batch: 32, learningRate: 0.03 }] : [0, 32].flatMap((batch) => [0.01, 0.03, 0.1].map((learningRate) => ({ batch, learningRate })));
    const limitMs = quick ? 500 : 15000;
    const tries = [];
    for (const g of grid) {
      const r = await make(contender, { ...SPIRAL_NET, ...g }, data);
      const t0 = performance.now();
      let ms = null;
      let steps = 0;
      while (performance.now() - t0 < limitMs) {
        await r.steps(25);
        steps += 25;
        if ((await r.accuracy()) >= 0.95) { ms = performance.now() - t0; break; }
      }
      tries.push({ batch: g.batch || 'full', learningRate: g.learningRate, msTo95: ms, steps, optimizer: r.ran });
      r.dispose();
    }
    const ok = tries.filter((t) => t.msTo95 !== null).sort((a, b) => a.msTo95 - b.msTo95);
    return { best: ok[0] || null, tries, limitMs };
  },
};

/** W2: the 1,797 digits, MLP 64-128-10 relu, batch 64, Adam 0.001: examples/s and test accuracy after 10 epochs. */
WORKLOADS.W2 = async (contender, { quick }) => {
  const data = await dataset('digits', undefined, 0.2);
  const spec = { hidden: [128], classes: 10, activation: 'relu', optimizer: 'adam', learningRate: 0.001, batch: 64, seed: 1 };
  const r = await make(contender, spec, data);
  const stepsPerEpoch = Math.floor(data.train.y.length / spec.batch);
  const epochs = quick ? 1 : 10;
  const budgetMs = 90000;
  const start = performance.now();
  const rates = [];
  let run = 0;
  while (run < epochs && performance.now() - start < budgetMs) {
    const t0 = performance.now();
    await r.steps(stepsPerEpoch);
    rates.push((stepsPerEpoch * spec.batch * 1000) / (performance.now() - t0));
    run += 1;
  }
  const timed = rates.length > 2 ? rates.slice(1) : rates;
  const result = { examplesPerSecond: median(timed), spread: spread(timed), epochs: run, testAccuracy: await r.accuracy(), optimizer: r.ran };
  r.dispose();
  return result;
};

window.bench = {
  contenders: Object.keys(CONTENDERS),
  workloads: Object.keys(WORKLOADS),
  /** Runs one workload for one contender; failures come back as `{ error }`. */
  async run(workload, contender, options = {}) {
    settings.cold = Boolean(options.cold);
    try {
      return await WORKLOADS[workload](contender, options);
    } catch (e) {
      return { error: e && e.message ? e.message : String(e) };
    }
  },
};
