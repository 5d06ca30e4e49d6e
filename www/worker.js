// The training worker: hosts the wasm core off the main thread, serializes every call into it,
// runs the training loop in short chunks and streams progress and boundary grids to the page.
// It computes nothing itself: every number comes from the Rust core. Which operations exist, and
// what kind each is, comes from `api.js`; this file only says what a kind does after the call.

import { OPERATIONS } from './api.js';
import { cpuBuild, gpuBuildAvailable, hardwareAdapter, loadBuild } from './worker-builds.js';
import { noteCall, startWarmUp } from './worker-warmup.js';

const CHUNK_MS = 20;           // training time between checks for messages
const PROGRESS_EVERY_MS = 100; // metrics stream
const GRID_EVERY_MS = 25;      // boundary stream: after (nearly) every chunk, ≥ 30 redraws a second
const UPDATE_SHARE = 5;        // grids take at most ~1/5 of the training time: on a slow device
                               // (software WebGPU) they come less often than every chunk
const METRICS_SHARE = 20;      // progress metrics at most ~1/20 of it: a transformer's estimate on
                               // 1,000 names takes a second or so in a tab, so every 20 s or so
const DRAW_WAIT_MS = 1000;     // longest wait for the page to draw the last grid before sending another
const JOB_SLICE_MS = 30;       // background-job work between checks for messages
const COLD_MS = 1500;          // training time (the idle warm-up's included) before the wasm runs optimized
                               // code (bench/RESULTS.md, warm-up curves): until then a finite call's
                               // grids wait for its end, as painting them took CPU from the training

let core = null;      // { build, Playground, pg }
let queue = Promise.resolve();
let training = null;  // the training run: { kind: 'train', cancelled: string | null }
let job = null;       // the background job's run: { kind, cancelled: string | null }
let gridSize = 48;
let gridWanted = false; // whether the page listens for boundary grids (the client says when it starts)
let lastGood = null;  // { data, config, rule } read back from the core after each successful change
let gridSentAt = 0;   // when a grid went out that the page has not said it drew (0: none pending)
let restarts = 0;     // crashes recovered from: a restarted build is fetched under a fresh URL
let trained = false;  // whether the page has trained yet (then the idle warm-up stops)
let warm = null;      // the idle warm-up's `{ spent, done }` (worker-warmup.js)
let trainedMs = 0;    // time this worker spent in training steps for the page

/** Runs `fn` after every earlier call has finished: wasm calls on one playground must not overlap. */
function serial(fn) {
  const run = queue.then(fn, fn);
  queue = run.catch(() => {});
  return run;
}

function post(type, detail, transfer) {
  self.postMessage({ type, detail }, transfer || []);
}

/** Moves data and configuration into a fresh core (another build, or after a crash). */
async function migrate(next, state) {
  if (state && state.data && (state.data.points || state.data.images || state.data.words || state.data.lines || []).length > 0) next.pg.setData(state.data);
  if (state && state.config) {
    try {
      await next.pg.configure(state.config);
    } catch (e) {
      await next.pg.configure({ ...state.config, backend: 'cpu' });
    }
  }
  if (state && state.rule) next.pg.setRule(state.rule);
}

/** The dataset as `setData` takes it back: points or images, and the test fraction. */
function snapshot() {
  return { ...core.pg.getData(), testFraction: core.pg.testFraction(), seed: core.pg.splitSeed() };
}

/** The built-in digits' CSV text, fetched (and gunzipped by the browser) only when first asked for. */
let digitsText = null;
async function digitsCsv() {
  if (!digitsText) {
    const res = await fetch(new URL('./data/digits.csv.gz', import.meta.url));
    if (!res.ok) throw new Error(`The digits dataset could not be loaded (HTTP ${res.status}).`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A server may already have undone the gzip (Content-Encoding); only gunzip what still is gzip.
    const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
    digitsText = gzipped
      ? await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text()
      : new TextDecoder().decode(bytes);
  }
  return digitsText;
}

/** makemore's `names.txt`, fetched only when first asked for. */
let namesText = null;
async function namesList() {
  if (!namesText) {
    const res = await fetch(new URL('./data/names.txt', import.meta.url));
    if (!res.ok) throw new Error(`The names word list could not be loaded (HTTP ${res.status}).`);
    namesText = await res.text();
  }
  return namesText;
}

/** The shipped prompt model (data and trained weights, a gzipped project file), fetched when asked for. */
async function promptsProject() {
  const res = await fetch(new URL('./models/prompts.sw2.gz', import.meta.url));
  if (!res.ok) throw new Error(`The prompt model could not be loaded (HTTP ${res.status}).`);
  return gunzipped(new Uint8Array(await res.arrayBuffer()));
}

/** `bytes` un-gzipped, unless a server already undid the gzip (Content-Encoding). */
async function gunzipped(bytes) {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
}

/** Whether the data is a word list or lines of text, which have no boundary to draw. */
const textData = () => Boolean(lastGood && lastGood.data && (lastGood.data.words || lastGood.data.lines));

/** Keeps the data, configuration and rule as they are now (what a crash restores); returns the data. */
function remember() {
  lastGood = { data: snapshot(), config: core.pg.getConfig(), rule: core.pg.rule()?.text };
  return lastGood.data;
}

/** Switches to the build that can run the requested backend (for `auto`, only if a hardware GPU is there). */
async function ensureBuildFor(backend) {
  const wantsGpu = backend === 'webgpu' || (backend === 'auto' && (await hardwareAdapter()));
  if (!wantsGpu || core.Playground.hasWebgpu()) return;
  if (backend === 'webgpu' && !self.navigator.gpu) {
    throw new Error('This browser has no WebGPU (navigator.gpu is missing); use the CPU backend.');
  }
  try {
    if (!(await gpuBuildAvailable())) throw new Error('the WebGPU build is not there: build it with `cargo xtask serve`');
    const state = { data: snapshot(), config: core.pg.getConfig(), rule: core.pg.rule()?.text };
    const next = await loadBuild('gpu', restarts);
    await migrate(next, state);
    core = next;
  } catch (e) {
    if (backend === 'webgpu') throw new Error(`WebGPU could not start: ${e.message}`);
    // auto: stay on the CPU build
  }
}

/**
 * What each kind of operation does in the worker when `ops` has nothing of its own for it: a query
 * calls the core; a data change calls it, remembers the good state and resolves with the new view.
 */
const forward = (method) => (...args) => core.pg[method](...args);
const BY_KIND = {
  query: forward,
  versions: forward,
  project: forward,
  data: (method) => (...args) => { core.pg[method](...args); return dataView(remember()); },
  job: forward, // starts it; the scheduler below advances it
};

/** The operations that do more than their kind's default (see `api.js` for the whole list). */
const ops = {
  async loadPreset(name, options) {
    if (name === 'digits') core.pg.loadDigits(await digitsCsv(), options || {});
    else if (name === 'names') core.pg.loadNames(await namesList(), options || {});
    else core.pg.loadPreset(name, options);
    return dataView(remember());
  },
  async configure(patch) {
    await ensureBuildFor((patch && patch.backend) || core.pg.getConfig().backend);
    core.pg.setGpuHardware(await hardwareAdapter());
    await core.pg.configure(patch || {});
    remember();
    return { config: core.pg.getConfig(), backend: core.pg.backend() };
  },
  async reset() { core.pg.reset(); return core.pg.evaluate(); },
  async setWeight(name, index, value) { await core.pg.setWeight(name, index, value); return core.pg.evaluate(); },
  async history() { return Array.from(core.pg.history()); },
  async pixelsFromRgba(rgba, width, height) { return Array.from(core.pg.pixelsFromRgba(rgba, width, height)); },
  async restore(step) { core.pg.restore(step); return core.pg.evaluate(); },
  async importModel(model) {
    await core.pg.importModel(model);
    remember();
    return { config: core.pg.getConfig(), backend: core.pg.backend(), metrics: await core.pg.evaluate().catch(() => null) };
  },
  async dataView() { return dataView(); },
  async backend() { return core.pg.backend(); },
  async estimateMetrics() { return core.pg.estimateMetrics(); },
  async undo() { const changed = core.pg.undo(); return { changed, view: dataView(remember()) }; },
  async redo() { const changed = core.pg.redo(); return { changed, view: dataView(remember()) }; },
  async importCsv(text) { const ignored = core.pg.importCsv(String(text)); return { ...dataView(remember()), ignored: Array.from(ignored || []) }; },
  async memoryUsage() { return { wasmBytes: core.memory.buffer.byteLength }; },
  async importProject(bytes) { return opened(await core.pg.importProject(bytes)); },
  async loadPrompts() { return opened(await core.pg.importProject(await promptsProject())); },
  async importLink(link) { return opened(await core.pg.importLink(String(link))); },
  async setRule(text) { const r = core.pg.setRule(text); if (r.ok) { remember(); post('rule', { rule: r.rule }); } return r; },
  async labelWithRule() { const report = core.pg.labelWithRule(); return { report, view: dataView(remember()) }; },
  async setTestFraction(fraction) { core.pg.setData({ ...snapshot(), testFraction: fraction }); return dataView(remember()); },
  async setGridSize(size) { gridSize = size; },
  async deploy(o) { return engineSaid({ status: await core.pg.deploy(o || {}, o && o.world === 'digits' ? await digitsCsv() : undefined) }).status; },
  async undeploy() { const was = core.pg.undeploy(); engineSaid({ status: null }); return was; },
  async label(ids, labels) { return engineSaid({ status: core.pg.label(ids, labels) }).status; },
  async labelWithWorld(ids) { return engineSaid({ status: core.pg.labelWithWorld(ids) }).status; },
};

/** Tells the page what the data engine just did (`engine` event) and hands `detail` back. */
function engineSaid(detail) {
  post('engine', detail);
  return detail;
}

/** After a project is opened: its page part and everything the page redraws from. */
function opened(page) {
  const data = remember();
  engineSaid({ status: core.pg.engineStatus(), reopened: true });
  post('rule', { rule: core.pg.rule() }); // a project brings its rule (or none)
  return { page, view: dataView(data), config: core.pg.getConfig(), backend: core.pg.backend() };
}

/** What the page draws the data from; `data` is the snapshot when the caller just took one. */
function dataView(data = snapshot()) {
  const [undo, redo] = core.pg.undoDepth();
  return {
    data,
    task: core.pg.task(),
    valueRange: core.pg.valueRange(),
    testMask: core.pg.testMask(),
    classCounts: core.pg.classCounts(),
    balance: core.pg.balance(),
    undo,
    redo,
  };
}

/** The call in flight's way out when Rust panics: an aborted async call would never settle. */
let rejectInFlight = null;
self.sw2OnPanic = (message) => {
  if (rejectInFlight) rejectInFlight(Object.assign(new Error(message), { panic: true }));
};

// A trap the panic hook never saw (an abort, or a trap in a future polled from a microtask) surfaces
// as an uncaught RuntimeError here, outside any call's stack: it is that call's crash all the same.
// Without this the page would hear only "the worker failed" and lose the engine.
self.addEventListener('error', (e) => {
  if (!/RuntimeError/.test(String(e.message))) return;
  e.preventDefault();
  const crash = Object.assign(new Error(e.message), { panic: true });
  if (rejectInFlight) rejectInFlight(crash);
  else restart().catch(() => {});
});

/** One wasm call, recovering from a crash (a Rust panic traps the module) by restarting the core. */
async function call(op, args) {
  const panicked = new Promise((_, reject) => { rejectInFlight = reject; });
  try {
    return await Promise.race([ops[op](...args), panicked]);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError || (e && e.panic)) {
      const message = self.sw2LastPanic || e.message;
      rejectInFlight = null;
      await restart();
      throw new Error(`Internal error (${message}). The engine was restarted and your data kept.`);
    }
    throw e instanceof Error ? e : new Error(String(e));
  } finally {
    rejectInFlight = null;
  }
}

async function restart() {
  restarts += 1;
  core = await loadBuild(core ? core.build : cpuBuild(), restarts);
  await migrate(core, lastGood);
  post('restarted', { backend: core.pg.backend() });
}

/**
 * Whether the page is still drawing the last grid: while it is, training sends no new one, so a
 * slow or busy main thread gets fewer redraws instead of a growing backlog of messages.
 */
function pageBehind() {
  return gridSentAt > 0 && performance.now() - gridSentAt < DRAW_WAIT_MS;
}

async function sendGrid() {
  if (!gridWanted) return;
  try {
    const grid = await call('boundary', [gridSize]);
    gridSentAt = performance.now();
    post('boundary', grid, [(grid.values || grid.probabilities).buffer]);
  } catch {
    // no data yet: nothing to draw
  }
}

/**
 * Lets the page's messages in between two slices. Not `setTimeout(0)`: browsers clamp a timer set
 * from a timer to 4 ms after five levels, which took a sixth of every 20 ms chunk of a long call.
 */
const turns = new MessageChannel();
const waiting = [];
turns.port1.onmessage = () => waiting.shift()();
const letMessagesIn = () => new Promise((resolve) => { waiting.push(resolve); turns.port2.postMessage(null); });

/**
 * The one scheduler for long work. Training and every background job (label issues, influence,
 * engine curves, comparisons, fold-ins, flags) are runs of one kind: each advances a slice at a
 * time between other calls (`serial`), streams `job` events of one shape
 * (`{ kind, running, progress, message }`, `failed` with the reason), and ends at its next slice
 * once cancelled. A run is `{ kind, cancelled }`; `slice()` resolves with
 * `{ done, progress, message, result }` and `report: false` when it has nothing new to say.
 * A cancelled run rejects, unless `stopped()` says what it ends with instead (a paused training).
 */
async function drive(run, slice, stopped = null) {
  post('job', { kind: run.kind, running: true, progress: 0, message: 'starting' });
  try {
    for (;;) {
      if (run.cancelled && stopped) {
        const result = await stopped();
        post('job', { kind: run.kind, running: false, progress: 1, message: run.cancelled });
        return result;
      }
      if (run.cancelled) throw new Error(`${run.kind} was cancelled: ${run.cancelled}.`);
      const step = await slice();
      if (step.done || step.report !== false) {
        post('job', { kind: run.kind, running: !step.done, progress: step.progress, message: step.message || '' });
      }
      if (step.done) return step.result;
      await letMessagesIn(); // other calls and a cancel
    }
  } catch (e) {
    post('job', { kind: run.kind, running: false, progress: 0, message: e.message, failed: true });
    throw e;
  }
}

/**
 * Runs one background job: `ops[kind](...args)` starts it in the core, then `advanceJob` works on
 * it JOB_SLICE_MS at a time until it is done or cancelled (by `cancelJob` or a newer job). A change
 * of the data it works on stops it in the core: the next slice rejects, saying so.
 */
async function runJob(kind, args) {
  if (job) job.cancelled = 'another job started';
  const run = { kind, cancelled: null };
  job = run;
  try {
    await serial(() => call(kind, args));
    const result = await drive(run, async () => {
      const step = await serial(() => (run.cancelled ? null : call('advanceJob', [JOB_SLICE_MS])));
      if (!step) return { done: false, report: false };
      return { done: step.done, progress: step.done ? 1 : step.progress, message: step.message, result: step.result };
    });
    return JOB_FINISHED[kind] ? serial(() => JOB_FINISHED[kind](result)) : result;
  } finally {
    if (job === run) {
      job = null;
      if (run.cancelled) serial(() => core.pg.cancelJob());
    }
  }
}

/** What a finished job that changed the data or the weights tells the page, and resolves with. */
const JOB_FINISHED = {
  flag(flagged) {
    return engineSaid({ flagged, status: core.pg.engineStatus() }).flagged;
  },
  foldIn(round) {
    const data = remember();
    engineSaid({ round, status: core.pg.engineStatus() });
    return { round, view: dataView(data) };
  },
};

/**
 * Cancels long work: the run of `kind` if given (`train` is the training), else the background
 * job, or the training when no job runs. Resolves whether something was running.
 */
function cancelJob(reason, kind) {
  const target = kind === 'train' ? training : kind ? (job && job.kind === kind ? job : null) : job || training;
  if (!target) return false;
  target.cancelled = reason;
  return true;
}

ops.advanceJob = (budget) => core.pg.advanceJob(budget);

/**
 * Trains until `steps` are done (Infinity: until paused), as a run of the scheduler: each slice
 * trains CHUNK_MS, and at their own pace reads the metrics (`progress` events) and the boundary
 * (`boundary` events). Pausing cancels the run, which then resolves with the metrics so far.
 */
async function trainLoop(steps) {
  if (training) training.cancelled = 'a newer training started';
  const run = { kind: 'train', cancelled: null };
  training = run;
  let done = 0;
  let lastProgress = 0;
  let lastGrid = 0;
  const started = performance.now();
  let windowStart = started;
  let windowSteps = 0;
  let evaluateMs = 0;
  let gridMs = 0;
  let metrics = null;
  let finished = false; // metrics were read right after the last step
  let stepsPerSecond = 0;
  const share = () => (Number.isFinite(steps) ? Math.min(1, done / steps) : 0);
  // The numbers after the last step; a pause or a newer run may have cut the loop after the last report.
  // Stopped after an estimate: the exact numbers go out as the last progress report too.
  const final = async () => {
    if ((metrics && metrics.diverged) || finished) return metrics;
    const exact = await serial(() => call('evaluate', []));
    if (metrics && metrics.estimatedFrom) post('progress', { ...exact, stepsPerSecond, backend: core.pg.backend() });
    return exact;
  };
  post('training', { running: true });
  try {
    return await drive(run, async () => {
      const t = performance.now();
      const n = await serial(() => call('trainFor', [Math.min(steps - done, 100000), CHUNK_MS]));
      trainedMs += performance.now() - t;
      done += n;
      windowSteps += n;
      const now = performance.now();
      const last = done >= steps;
      let reported = false;
      if (now - lastProgress >= Math.max(PROGRESS_EVERY_MS, METRICS_SHARE * evaluateMs) || last) {
        const t0 = performance.now();
        // While it runs, a long word list's losses are estimated on a fixed sample (the core's
        // `estimateMetrics`); the last report, and the numbers a pause resolves with, are exact.
        metrics = await serial(() => call(last ? 'evaluate' : 'estimateMetrics', []));
        evaluateMs = performance.now() - t0;
        finished = last;
        if (now > windowStart) stepsPerSecond = (windowSteps * 1000) / (now - windowStart);
        windowStart = now;
        windowSteps = 0;
        lastProgress = now;
        reported = true;
        post('progress', { ...metrics, stepsPerSecond, backend: core.pg.backend() });
        if (metrics.diverged) {
          const said = await serial(() => core.pg.divergenceMessage(metrics));
          post('diverged', { message: `${said} Training is paused: lower the learning rate, then press Reset.` });
          return { done: true, progress: share(), message: 'diverged', result: metrics };
        }
      }
      // No grid that the last step's would replace within GRID_EVERY_MS (a short call's middle one),
      // and while the wasm is cold none before a finite call's end.
      const endsSoon = done > 0 && ((steps - done) * (now - started)) / done < GRID_EVERY_MS;
      const cold = Number.isFinite(steps) && trainedMs + (warm ? warm.spent : 0) < COLD_MS;
      const due = now - lastGrid >= Math.max(GRID_EVERY_MS, UPDATE_SHARE * gridMs) && !pageBehind() && !endsSoon && !cold;
      if (gridWanted && !textData() && (due || last)) {
        lastGrid = now;
        const t0 = performance.now();
        await serial(sendGrid);
        gridMs = performance.now() - t0;
      }
      if (last) return { done: true, progress: 1, message: `step ${metrics.step}`, result: await final() };
      return { done: false, report: reported, progress: share(), message: metrics ? `step ${metrics.step}` : '' };
    }, () => final().catch(() => metrics)); // stopped: the numbers so far (none if the data just went away)
  } finally {
    if (training === run) {
      training = null;
      post('training', { running: false });
    }
  }
}

ops.trainFor = (max, budget) => core.pg.trainFor(max, budget);

self.onmessage = async (event) => {
  if (event.data.drawn) {
    gridSentAt = 0; // the page drew the last grid (see pageBehind)
    return;
  }
  if (event.data.wantGrid) {
    gridWanted = true;
    return;
  }
  const { id, op, args = [] } = event.data;
  if (op !== 'warmUpStatus') noteCall();
  if (op === 'train') trained = true;
  try {
    let value;
    if (op === 'train') value = await trainLoop(args[0] ?? Infinity);
    else if (op === 'pause') {
      if (training) training.cancelled = 'paused';
      value = null;
    } else if (op === 'refreshGrid') value = await serial(sendGrid);
    else if (op === 'cancelJob') value = cancelJob('cancelled by request', args[0]);
    else if (OPERATIONS[op]?.kind === 'job') value = await runJob(op, args);
    else if (op in ops) value = await serial(() => call(op, args));
    else throw new Error(`unknown operation '${op}'`);
    self.postMessage({ id, ok: true, value });
  } catch (e) {
    self.postMessage({ id, ok: false, error: e && e.message ? e.message : String(e) });
  } finally {
    if (op !== 'warmUpStatus') noteCall(); // quiet is counted from the end of the page's last call
  }
};

ops.warmUpStatus = () => ({ ...warm });

// Every operation of `api.js` that has nothing of its own above gets its kind's default.
for (const [name, { kind, core: method }] of Object.entries(OPERATIONS)) {
  if (!(name in ops) && BY_KIND[kind]) ops[name] = BY_KIND[kind](method ?? name);
}

// Start-up: the CPU build first (small, fast to load); WebGPU's build loads only when used.
serial(async () => {
  try {
    core = await loadBuild(cpuBuild(), restarts);
    // The default backend is `auto`: a hardware GPU (never a software one) may be worth its build.
    if (await hardwareAdapter()) await ops.configure({});
    remember();
    post('ready', { backend: core.pg.backend(), config: core.pg.getConfig() });
    const started = core;
    warm = startWarmUp(started, { serial, busy: () => training || job, stopped: () => trained || core !== started });
  } catch (e) {
    post('failed', { message: `The playground engine failed to load: ${e && e.message ? e.message : e}` });
  }
});
