// Warming the wasm up while the page is idle. A browser first runs wasm through a quick baseline
// compiler and optimizes a function only after it has run for a while; a training step walks through
// many small functions of our 5 MB core (dispatch, autodiff bookkeeping, kernels), so a fresh page
// trains 2–3× slower than it can for its first ~1,500 steps (README, "Speed").
// Here a throwaway playground trains a tiny network on a few points in the idle moments after load,
// so the first press of Train runs optimized code. It yields to every real call, pauses while the
// page is busy and stops for good once the page trains or its budget is spent.

/** Longest total warm-up; most of the hot path is optimized after about a second of tiny steps. */
const BUDGET_MS = 1500;
/** One slice of warm-up between checks for real calls. */
const SLICE_MS = 15;
/** How long the page must have been quiet (no call) before a slice runs. */
const QUIET_MS = 150;

/** The step variants a page most often trains: each optimizer, each activation kind. */
const CONFIGS = [
  { hidden: [4, 4], activation: 'tanh', optimizer: 'adam', batchSize: 4 },
  { hidden: [4, 4], activation: 'relu', optimizer: 'sgd', batchSize: 'full' },
  { hidden: [4], activation: 'sigmoid', optimizer: 'adam', batchSize: 'full' },
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let lastCallAt = 0;

/** Notes a call from the page: the warm-up waits until the page has been quiet for a while. */
export function noteCall() {
  lastCallAt = performance.now();
}

/**
 * Starts warming `core` (`{ Playground, pg }`) up, unless the worker's URL says `?warm=0` or the
 * core runs WebGPU. `serial(fn)` runs a wasm call in turn with the page's; `busy()` says when the
 * worker is training or running a job; `stopped()` when to give up for good (the page trained, or
 * the core was replaced). Returns the state `{ spent, done }` (milliseconds trained), kept current.
 */
export function startWarmUp(core, { serial, busy, stopped }) {
  const state = { spent: 0, done: false };
  if (new URL(self.location.href).searchParams.get('warm') === '0' || core.pg.backend() !== 'cpu') {
    state.done = true;
    return state;
  }
  const quietFor = () => (busy() ? 0 : performance.now() - lastCallAt);
  warmUp(core, { serial, quietFor, stopped, state }).finally(() => { state.done = true; });
  return state;
}

async function warmUp(core, { serial, quietFor, stopped, state }) {
  let pg = null;
  try {
    pg = new core.Playground();
    await serial(() => pg.loadPreset('xor', { n: 40, seed: 1, testFraction: 0.25 }));
    for (let i = 0; i < CONFIGS.length; i++) {
      const config = { ...CONFIGS[i], backend: 'cpu', features: ['x', 'y'], learningRate: 0.03, seed: 1 };
      await serial(() => pg.configure(config));
      const until = (BUDGET_MS * (i + 1)) / CONFIGS.length;
      while (state.spent < until) {
        if (stopped()) return;
        if (quietFor() < QUIET_MS) {
          await sleep(QUIET_MS);
          continue;
        }
        const t0 = performance.now();
        await serial(async () => {
          await pg.trainFor(1000, SLICE_MS);
          await pg.evaluate();
        });
        state.spent += performance.now() - t0;
        await sleep(0);
      }
    }
  } catch {
    // a warm-up that fails costs nothing but its time
  } finally {
    if (pg) serial(() => pg.free());
  }
}
