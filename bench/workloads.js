// The equal-treatment protocol and the timed workloads. One call times one run of one workload for
// one contender, in a page of its own: load the engine, sit idle for `idleMs`, take `warmupSteps`
// untimed steps of the workload's own network on a throwaway copy, then time a fresh network.
// Every contender gets exactly this; run.js repeats it `runs` times in fresh pages.

/**
 * The protocol. `warmupSteps` covers every CPU contender's JIT warm-up on W1a after the idle time
 * (measured by the `warmup` workload, see RESULTS.md); `warmupCapMs` bounds it for contenders on
 * software WebGPU/WebGL, whose steps take 10–1,000 ms (their rows say how many steps they got).
 */
export const PROTOCOL = { idleMs: 3000, warmupSteps: 2000, warmupCapMs: 10000, runs: 3 };
/** `--quick`: a smoke test of the harness, never timing. */
export const QUICK = { idleMs: 100, warmupSteps: 4, warmupCapMs: 1000, runs: 1 };

export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
export const spread = (xs) => ({ min: Math.min(...xs), max: Math.max(...xs) });
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Takes up to `steps` untimed steps on `runner` within `capMs`, in chunks of about 200 ms (the first
 * chunk one step, to size the rest); returns how many it took.
 */
export async function untimedSteps(runner, steps, capMs) {
  const t0 = performance.now();
  let done = 0;
  let chunk = 1;
  while (done < steps && performance.now() - t0 < capMs) {
    const n = Math.min(chunk, steps - done);
    const c0 = performance.now();
    await runner.steps(n);
    done += n;
    const perStep = (performance.now() - c0) / n;
    chunk = Math.max(1, Math.min(500, Math.floor(200 / Math.max(perStep, 1e-3))));
  }
  return done;
}

/** The equal treatment: idle after load, then untimed steps of `spec` on a throwaway network. */
async function treat(ctx, spec) {
  const { protocol } = ctx;
  await sleep(protocol.idleMs);
  const throwaway = await ctx.make(spec);
  const steps = await untimedSteps(throwaway, protocol.warmupSteps, protocol.warmupCapMs);
  throwaway.dispose();
  return steps;
}

/** Longest a timed block should take: software WebGPU runs ~0.2–1 s a step, so its blocks shrink. */
const BLOCK_BUDGET_MS = 2000;

/**
 * Times `blocks` blocks of up to `steps` steps; ms per step per block. With `capMs`, stops after
 * 3 blocks once that much time has gone (for software WebGPU on the transformer).
 */
async function timeBlocks(runner, { blocks, steps, capMs = Infinity }) {
  const t0 = performance.now();
  await runner.steps(1);
  const estimate = performance.now() - t0;
  steps = Math.max(2, Math.min(steps, Math.floor(BLOCK_BUDGET_MS / Math.max(estimate, 1e-3))));
  const perStep = [];
  for (let b = 0; b < blocks && !(b >= 3 && performance.now() - t0 > capMs); b++) {
    const t0 = performance.now();
    await runner.steps(steps);
    perStep.push((performance.now() - t0) / steps);
  }
  return { perStep, steps };
}

export const SPIRAL_NET = { hidden: [16, 16], classes: 2, activation: 'tanh', optimizer: 'adam', seed: 1 };
export const W1A = { ...SPIRAL_NET, learningRate: 0.02, batch: 0 };
const W1B = { hidden: [4, 2], classes: 2, activation: 'tanh', optimizer: 'sgd', learningRate: 0.03, batch: 10, seed: 1 };
const W2 = { hidden: [128], classes: 10, activation: 'relu', optimizer: 'adam', learningRate: 0.001, batch: 64, seed: 1 };
/** W1c's grid: batch {full, 32} × lr {0.01, 0.03, 0.1}. */
export const W1C_GRID = [0, 32].flatMap((batch) => [0.01, 0.03, 0.1].map((learningRate) => ({ batch, learningRate })));

/** W6: *Zero to Hero* part 2's MLP on makemore's names: 3 characters embedded in 10, 200 tanh, 27 logits; batch 32, SGD 0.1. */
export const W6 = { text: { architecture: 'mlp', context: 3, embedding: 10, hidden: [200] }, optimizer: 'sgd', learningRate: 0.1, batch: 32, seed: 1 };
/** W7: makemore's transformer with makemore's defaults: 4 blocks, 4 heads, width 64, whole words; batch 32, AdamW 5e-4. */
export const W7 = {
  text: { architecture: 'transformer', layers: 4, heads: 4, embedding: 64, context: 0 }, optimizer: 'adamw', learningRate: 5e-4, weightDecay: 0.01, batch: 32, seed: 1,
};
/**
 * W7's untimed steps: a step costs about 100 of W1a's (each runs every wasm function it needs many
 * times over), so 50 (PyTorch's makemore.py drops the times it prints during its first 50 steps);
 * `warmupCapMs` stops only software WebGPU short. Timed: 10 blocks of 10 steps, at most
 * `timedCapMs` of them once 3 blocks are done.
 */
export const W7_PROTOCOL = { warmupSteps: 50, warmupCapMs: 30000, timedSteps: 100, timedCapMs: 30000 };

/** Which dataset each workload trains on (run.js sends it into the page). */
export const DATA_OF = { W1a: 'spiral', W1b: 'circle', W1c: 'spiral', W2: 'digits', W6: 'names', W7: 'names' };

/** One run of each workload: `(ctx, options) → result`; `ctx = { make(spec), protocol, quick }`. */
export const WORKLOADS = {
  /** W1a: spiral, 500 points, 2-16-16-2 tanh, full batch, Adam 0.02: ms/step, and accuracy after 300 steps. */
  async W1a(ctx) {
    const warmupSteps = await treat(ctx, W1A);
    const r = await ctx.make(W1A);
    const { perStep, steps } = await timeBlocks(r, ctx.quick ? { blocks: 3, steps: 3 } : { blocks: 7, steps: 40 });
    const done = 1 + perStep.length * steps;
    const rest = 300 - done;
    const affordable = rest > 0 && median(perStep) * rest < 10000;
    if (!ctx.quick && affordable) await r.steps(rest);
    const result = { msPerStep: median(perStep), blocks: spread(perStep), stepsPerBlock: steps, warmupSteps,
      accuracyAfterSteps: ctx.quick || !affordable ? done : 300, testAccuracy: await r.accuracy(), optimizer: r.ran };
    r.dispose();
    return result;
  },

  /** W1b: TF Playground's defaults on the circle: 250/250, 2-4-2 tanh, batch 10, SGD 0.03: ms per epoch. */
  async W1b(ctx, { trainPoints }) {
    const warmupSteps = await treat(ctx, W1B);
    const r = await ctx.make(W1B);
    const stepsPerEpoch = Math.ceil(trainPoints / W1B.batch);
    const maxEpochs = ctx.quick ? 2 : 300;
    const start = performance.now();
    const epochMs = [];
    let reached = null;
    for (let epoch = 1; epoch <= maxEpochs && performance.now() - start < 20000; epoch++) {
      const t0 = performance.now();
      await r.steps(stepsPerEpoch);
      epochMs.push(performance.now() - t0);
      if (reached === null && (await r.accuracy()) >= 0.95) reached = epoch;
      if (reached !== null && epochMs.length >= 20) break;
    }
    r.dispose();
    return { msPerEpoch: median(epochMs), epochs: spread(epochMs), epochsRun: epochMs.length, epochsTo95: reached, warmupSteps, optimizer: r.ran };
  },

  /**
   * W1c: from Train to 95 % test accuracy on the spiral (accuracy checked every 25 steps): the wall
   * time, the steps and the training time per step apart. With `grid` absent, searches W1C_GRID
   * (a try stops once it is slower than the best so far) and reports every try.
   */
  async W1c(ctx, { grid, limitMs }) {
    const warmupSteps = await treat(ctx, W1A);
    const tries = [];
    let best = null;
    for (const g of grid || W1C_GRID) {
      const r = await ctx.make({ ...SPIRAL_NET, ...g });
      const limit = Math.min(limitMs, best ? best.msTo95 : Infinity);
      const t0 = performance.now();
      let trainMs = 0;
      let steps = 0;
      let ms = null;
      while (performance.now() - t0 < limit) {
        const s0 = performance.now();
        await r.steps(25);
        trainMs += performance.now() - s0;
        steps += 25;
        if ((await r.accuracy()) >= 0.95) { ms = performance.now() - t0; break; }
      }
      const t = { batch: g.batch, learningRate: g.learningRate, msTo95: ms, stepsTo95: ms === null ? null : steps, stepsRun: steps,
        msPerStep: trainMs / steps, optimizer: r.ran };
      tries.push(t);
      if (ms !== null && (!best || ms < best.msTo95)) best = t;
      r.dispose();
    }
    return { best, tries, limitMs, warmupSteps };
  },

  /** W2: the 1,797 digits, MLP 64-128-10 relu, batch 64, Adam 0.001: examples/s, test accuracy after 10 epochs. */
  async W2(ctx, { trainPoints }) {
    const warmupSteps = await treat(ctx, W2);
    const r = await ctx.make(W2);
    const stepsPerEpoch = Math.floor(trainPoints / W2.batch);
    const epochs = ctx.quick ? 1 : 10;
    const start = performance.now();
    const rates = [];
    while (rates.length < epochs && performance.now() - start < 20000) {
      const t0 = performance.now();
      await r.steps(stepsPerEpoch);
      rates.push((stepsPerEpoch * W2.batch * 1000) / (performance.now() - t0));
    }
    const result = { examplesPerSecond: median(rates), epochRates: spread(rates), epochsRun: rates.length, warmupSteps,
      testAccuracy: await r.accuracy(), optimizer: r.ran };
    r.dispose();
    return result;
  },

  /**
   * W6: the names MLP, batch 32: steps per second over 7 blocks of 200 steps (median block), the
   * test loss after them, and for the playground what one `evaluate()` costs, which every
   * `train({ steps })` call runs at its end (the blocks step through the worker's own call instead).
   */
  async W6(ctx) {
    const warmupSteps = await treat(ctx, W6);
    const r = await ctx.make(W6);
    const { perStep, steps } = await timeBlocks(r, ctx.quick ? { blocks: 3, steps: 3 } : { blocks: 7, steps: 200 });
    const msPerStep = median(perStep);
    const result = { stepsPerSecond: 1000 / msPerStep, msPerStep, blocks: spread(perStep), stepsPerBlock: steps, warmupSteps,
      afterSteps: 1 + perStep.length * steps, testLoss: await r.testLoss(), optimizer: r.ran };
    if (r.evaluationMs) result.evaluationMs = await r.evaluationMs();
    r.dispose();
    return result;
  },

  /** W7: the names transformer, batch 32: ms per step, 10 blocks of 10 steps after W7's own untimed steps. */
  async W7(ctx, { software, evaluation }) {
    const protocol = ctx.quick ? ctx.protocol : { ...ctx.protocol, ...W7_PROTOCOL };
    const warmupSteps = await treat({ ...ctx, protocol }, W7);
    const r = await ctx.make(W7);
    const timed = ctx.quick ? { blocks: 2, steps: 2 } : { blocks: 10, steps: W7_PROTOCOL.timedSteps / 10, capMs: software ? W7_PROTOCOL.timedCapMs : Infinity };
    const { perStep, steps } = await timeBlocks(r, timed);
    const result = { msPerStep: median(perStep), blocks: spread(perStep), blocksRun: perStep.length, stepsPerBlock: steps, warmupSteps, optimizer: r.ran };
    // The transformer's evaluation runs all 32,033 words through it (15 s on the CPU here), so only where asked.
    if (evaluation && r.evaluationMs) result.evaluationMs = await r.evaluationMs();
    r.dispose();
    return result;
  },
};
