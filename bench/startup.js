// What a contender does right after load, and how long its JIT takes to warm up. Each function runs
// in a fresh page of its own (run.js opens one per call).
//
// `cold`: load the engine, build W1a's network (or W6's, W7's) and train its first `steps` steps at
//   once, as a page whose script trains right after load does (no idle time, no untimed steps).
// `curve`: after the protocol's idle time, W1a in blocks of 25 steps from a fresh network: ms per
//   step per block, from which run.js reads how many steps each contender needs to be past its JIT
//   warm-up (and so what PROTOCOL.warmupSteps must be).
// `calls`: a script's `train({ steps: 70 })` calls on a bare client, after the equal treatment, with
//   and without anyone listening for boundary grids (the element always listens).

import { W1A, sleep, untimedSteps, median, spread } from './workloads.js';

/**
 * Load, build, the first `steps` steps of `spec` (W1a's network unless given) in one call; times
 * each part (ms since navigation for the end).
 */
export async function cold(contender, payload, { steps, spec = W1A }) {
  const t0 = performance.now();
  const engine = await contender.load();
  const t1 = performance.now();
  const r = await contender.make(engine, spec, payload);
  const t2 = performance.now();
  await r.steps(steps);
  const t3 = performance.now();
  const result = { msPerStep: (t3 - t2) / steps, steps, loadMs: t1 - t0, buildMs: t2 - t1, trainMs: t3 - t2, doneSinceNavigationMs: t3 };
  if (r.accuracy) result.testAccuracy = await r.accuracy();
  r.dispose();
  return result;
}

/** ms per step of each block of `block` steps of `spec` (W1a unless given), up to `maxSteps` or `capMs`, after `idleMs` idle. */
export async function curve(contender, payload, { idleMs, maxSteps, block, capMs, spec = W1A }) {
  const engine = await contender.load();
  await sleep(idleMs);
  const r = await contender.make(engine, spec, payload);
  const blocks = [];
  const t0 = performance.now();
  while (blocks.length * block < maxSteps && performance.now() - t0 < capMs) {
    const b0 = performance.now();
    await r.steps(block);
    blocks.push((performance.now() - b0) / block);
  }
  r.dispose();
  return { block, blocks };
}

/**
 * `calls` rounds of `train({ steps })` on `client` (already treated): the median call's ms per step
 * and the spread of the calls.
 */
export async function timeCalls(train, { calls, steps }) {
  const perStep = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await train(steps);
    perStep.push((performance.now() - t0) / steps);
  }
  return { msPerStep: median(perStep), calls: spread(perStep), stepsPerCall: steps };
}

/** The W1a configuration as the playground's `configure` takes it. */
export const W1A_CONFIG = {
  backend: 'cpu', hidden: W1A.hidden, activation: W1A.activation, optimizer: W1A.optimizer, learningRate: W1A.learningRate,
  batchSize: 'full', seed: W1A.seed, features: ['x', 'y'], regularization: 'none',
};

/**
 * A bare client's `train({ steps })` calls, after the protocol's idle time and untimed steps;
 * `grids`: someone listens for boundary grids (the worker computes one per call, nobody draws it).
 */
export async function bareCalls(contender, payload, { protocol, calls, steps, grids }) {
  const client = await contender.load();
  if (grids) client.addEventListener('boundary', () => {});
  await client.setData(payload);
  await client.configure(W1A_CONFIG);
  await sleep(protocol.idleMs);
  const warmupSteps = await untimedSteps({ steps: (k) => client.train({ steps: k }) }, protocol.warmupSteps, protocol.warmupCapMs);
  await client.reset();
  return { ...(await timeCalls((k) => client.train({ steps: k }), { calls, steps })), warmupSteps };
}
