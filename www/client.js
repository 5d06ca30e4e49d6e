// The public JS API of the playground: every page, widget, lesson and test talks to the core
// through this client, which forwards calls to the training worker and re-emits its events.

import { ENGINE_API } from './client-engine.js';
import { RULE_API } from './client-rule.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * The CPU builds some client on this page already warms up: the browser shares a module's optimized
 * code between the workers of one page, so one warm-up per build serves every widget.
 */
const warmingBuilds = new Set();

/** `options` without its undefined entries: left-out options take the core's defaults. */
const defined = (options) => Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));

/**
 * A playground engine running in its own Web Worker.
 *
 * Events (all `CustomEvent`s): `progress` (latest metrics while training), `boundary` (a new
 * decision-boundary grid), `data` (the dataset changed), `training` (`{ running }`), `diverged`
 * (`{ message }`), `config` (`{ config, backend }`), `versions` (a commit was made), `weights` (`{ reason }`: the weights were edited,
 * restored or imported), `job` (`{ kind, running, progress, message }`: a background job's progress),
 * `engine` (`{ status, round?, flagged? }`: the data engine deployed, flagged or
 * folded in a round), `restarted` (the engine recovered from a crash). The data engine's methods
 * (`deploy`, `flag`, `label`, `foldIn`, …) come from `client-engine.js`, the rule's (`setRule`,
 * `ruleMetrics`, …) from `client-rule.js`.
 */
export class PlaygroundClient extends EventTarget {
  /**
   * `cpu`: which CPU build the worker runs — `'auto'` (default: SIMD where the browser validates
   * it), `'simd'` or `'nosimd'` (the benchmark and the tests compare the two in one browser).
   * `warmUp`: whether the worker warms the wasm up in idle moments after load (default true; only
   * the first such client of a page does, see `warmingBuilds` and `www/worker-warmup.js`).
   */
  constructor({ cpu = 'auto', warmUp = true } = {}) {
    super();
    const url = new URL(WORKER_URL);
    if (cpu !== 'auto') url.searchParams.set('cpu', cpu);
    if (!warmUp || warmingBuilds.has(cpu)) url.searchParams.set('warm', '0');
    else warmingBuilds.add(cpu);
    this.worker = new Worker(url, { type: 'module' });
    this.pending = new Map();
    this.nextId = 1;
    /** Whether anyone listens for `boundary` events (see `addEventListener`). */
    this.gridWanted = false;
    /** `'webgpu'` or `'cpu'`: what runs now. */
    this.backend = 'cpu';
    /** The latest configuration, as the core reports it. */
    this.config = null;
    /** The latest metrics, as the core reports them. */
    this.metrics = null;
    /** Resolves when the worker and the wasm are up; rejects if the engine cannot load. */
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.worker.onmessage = (e) => this.receive(e.data);
    this.worker.onerror = (e) => {
      const error = new Error(`The playground worker failed: ${e.message || 'unknown error'}`);
      this.rejectReady(error);
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
  }

  receive(msg) {
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (p) msg.ok ? p.resolve(msg.value) : p.reject(new Error(msg.error));
      return;
    }
    const { type, detail } = msg;
    if (type === 'ready') {
      this.backend = detail.backend;
      this.config = detail.config;
      this.resolveReady();
    } else if (type === 'failed') {
      this.rejectReady(new Error(detail.message));
    } else if (type === 'progress') {
      this.metrics = detail;
      this.backend = detail.backend;
    } else if (type === 'restarted') {
      this.backend = detail.backend;
    }
    this.dispatchEvent(new CustomEvent(type, { detail }));
    // The grid is drawn once listeners ran and the frame is painted: only then does training send
    // the next one (a busy page gets fewer redraws, not a backlog).
    if (type === 'boundary') {
      const drawn = () => this.worker.postMessage({ drawn: true });
      if (typeof requestAnimationFrame === 'function') requestAnimationFrame(drawn);
      else setTimeout(drawn, 0);
    }
  }

  /**
   * Listening for `boundary` asks the worker for grids while training and after changes; a script
   * that never listens (a benchmark, a test of the numbers) does not pay for them.
   */
  addEventListener(type, listener, options) {
    super.addEventListener(type, listener, options);
    if (type === 'boundary' && !this.gridWanted) {
      this.gridWanted = true;
      this.worker.postMessage({ wantGrid: true });
    }
  }

  call(op, ...args) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, args });
    });
  }

  async changeData(op, ...args) {
    await this.changeDataView(op, ...args);
  }

  /** A dataset change that tells the page (`data` event) and resolves with the core's view of it. */
  async changeDataView(op, ...args) {
    const view = await this.call(op, ...args);
    this.dispatchEvent(new CustomEvent('data', { detail: view }));
    this.call('refreshGrid');
    return view;
  }

  /**
   * Replaces the dataset: `{ points: [{ x, y, label }], testFraction, seed }`, or points
   * `{ x, y, value }` for regression, or `{ images: [{ pixels, width, height, label }] }`.
   * Rejects on bad input, keeping the old data.
   */
  setData(data) { return this.changeData('setData', data); }

  /** Removes every point. */
  clearData() { return this.changeData('clearData'); }

  /** Takes back the last dataset change (an edit, `setData`, an import, a preset, a checkout); resolves `false` when there is none. */
  async undo() { return this.undoOrRedo('undo'); }

  /** Re-applies the change `undo` took back; resolves `false` when there is none. */
  async redo() { return this.undoOrRedo('redo'); }

  async undoOrRedo(op) {
    const { changed, view } = await this.call(op);
    if (changed) {
      this.dispatchEvent(new CustomEvent('data', { detail: view }));
      this.call('refreshGrid');
    }
    return changed;
  }

  /**
   * Replaces the dataset with CSV text: `x,y,label` for points, `x,y,value` for points carrying
   * values (regression), or pixel columns `p0_0,…` then
   * `label` for images, in any column order; resolves with the names of the columns it ignored.
   * A bad value rejects naming its line (the header is line 1) and column, and changes nothing.
   */
  async importCsv(text) { return (await this.changeDataView('importCsv', text)).ignored; }

  /** The dataset as CSV text (header `x,y,label`, `x,y,value`, or the pixel columns and `label`). */
  exportCsv({ source = false } = {}) { return this.call('exportCsv', source); }

  /** Who wrote the program: `{ origins: [{ kind, … }], counts: [{ origin, kind, text, count }] }`, largest first. */
  blame() { return this.call('blame'); }

  /** Commits the current dataset with a message; resolves with the version id. */
  async commit(message) {
    const id = await this.call('commit', message);
    this.dispatchEvent(new CustomEvent('versions', { detail: { committed: id } }));
    return id;
  }

  /** `[{ id, message, hash, examples, classes, task, trained, current }]`, oldest first. */
  versions() { return this.call('versions'); }

  /** Makes a committed version the current dataset (one undoable step). */
  checkout(id) { return this.changeData('checkout', id); }

  /**
   * `{ added, removed, relabelled }` from version `a` to `b` (`'current'`: the data now). Examples
   * match by features, so the same coordinates (or pixels) with a new label (or value) are a
   * relabel (`{ ...example, from, to }`).
   */
  diff(a, b) { return this.call('diff', a, b); }

  /**
   * Trains the current configuration from its seed on versions `a` and `b` (either may be
   * `'current'`) for `steps` steps each, leaving this network untouched, and resolves with both:
   * `[{ version, metrics, classes, points, testMask, boundary }]` (`boundary` on a `size` grid, 2D only).
   */
  compareVersions(a, b, { steps = 500, size = 40 } = {}) { return this.call('compareVersions', a, b, steps, size); }

  /** `{ data, trainedOn }`: content hashes of the current dataset and of the one last trained on. */
  dataHashes() { return this.call('dataHashes'); }

  /** Re-splits the current data with a new test fraction. */
  setTestFraction(fraction) { return this.changeData('setTestFraction', fraction); }

  /**
   * `{ data, task, valueRange, testMask, classCounts, undo, redo }`: the dataset, what it teaches
   * (`'classification'` or `'regression'`), the range of its values (regression) and which
   * examples are held out, for views.
   */
  dataView() { return this.call('dataView'); }

  /** `{ points }` exactly as the core holds them. */
  getData() { return this.call('getData'); }

  /** `'classification'` or `'regression'`: whether the dataset's points carry classes or values. */
  task() { return this.call('task'); }

  /**
   * Replaces the dataset with a preset: `circle`, `xor`, `gaussian`, `spiral`, `moons`, the
   * regression surfaces `wave` and `hill`, or `digits` (8×8 images).
   */
  loadPreset(name, options = {}) { return this.changeData('loadPreset', name, options); }

  /** Patches the configuration and re-initializes the weights. */
  async configure(patch = {}) {
    const { config, backend } = await this.call('configure', patch);
    this.config = config;
    this.backend = backend;
    this.dispatchEvent(new CustomEvent('config', { detail: { config, backend } }));
    this.call('refreshGrid');
    return config;
  }

  /** The configuration in force. */
  getConfig() { return this.call('getConfig'); }

  /** Trains for `steps` optimizer steps (forever when omitted, until `pause()`); resolves with the metrics. */
  train({ steps } = {}) {
    if (steps !== undefined && !(Number.isInteger(steps) && steps > 0)) {
      return Promise.reject(new Error(`train: steps must be a positive integer, got ${steps}`));
    }
    return this.call('train', steps ?? Infinity);
  }

  /** Stops training after the current chunk. */
  pause() { return this.call('pause'); }

  /** Re-initializes the weights from the seed; resolves with the fresh metrics. */
  async reset() {
    const metrics = await this.call('reset');
    this.call('refreshGrid');
    return metrics;
  }

  /**
   * `{ step, trainLoss, testLoss, trainAccuracy, testAccuracy, diverged }`; for regression the
   * losses are mean squared errors and the accuracies `null`.
   */
  evaluate() { return this.call('evaluate'); }

  /** `[{ label, trainCorrect, trainTotal, testCorrect, testTotal }]`: accuracy class by class. */
  classAccuracy() { return this.call('classAccuracy'); }

  /**
   * Class probabilities, indexed by label, for `[[x, y], ...]` (or rows of pixels on image data);
   * for regression, the predicted value of each point.
   */
  predict(points) { return this.call('predict', points); }

  /**
   * `{ size, classes, probabilities }` on a `size × size` grid, row 0 at the top (y = 1); for
   * regression `{ size, classes: 0, values, range }` (predicted values, and the dataset's
   * `[min, max]` the page colours them by); with
   * `{ step }`, as the weights were at that step of `history()`.
   */
  boundary(size = 48, { step } = {}) { return this.call('boundary', size, step); }

  /** `[{ name, shape, values }]`: the program's binary, now or (`{ step }`) at a past step. */
  weights({ step } = {}) { return this.call('weights', step); }

  /**
   * Sets one value of a parameter by hand: `name` from `weights()`, `index` a flat index into its
   * values. Resolves with the new metrics; the boundary is redrawn.
   */
  async setWeight(name, index, value) {
    const metrics = await this.call('setWeight', name, index, value);
    this.call('refreshGrid');
    this.dispatchEvent(new CustomEvent('weights', { detail: { reason: 'setWeight' } }));
    return metrics;
  }

  /** The training steps that have a weight snapshot, oldest first (spaced log-uniformly). */
  history() { return this.call('history'); }

  /** Goes back to the snapshot at `step` and resumes training from there; resolves with the metrics. */
  async restore(step) {
    const metrics = await this.call('restore', step);
    this.call('refreshGrid');
    this.dispatchEvent(new CustomEvent('weights', { detail: { reason: 'restore', step } }));
    return metrics;
  }

  /**
   * What every unit computes: `{ size, layers: [{ kind, units, range, values }] }`, each unit's
   * output on a `size × size` grid over the input square (2D datasets), now or at `{ step }`.
   */
  neurons({ size = 24, step } = {}) { return this.call('neurons', size, step); }

  /**
   * `{ step, parameters, bytes, scale, weights, gradients, weightHistogram, gradientHistogram }`:
   * the binary's size and spread, with the gradients of the training loss at those weights.
   */
  weightSummary({ step, bins = 30 } = {}) { return this.call('weightSummary', step, bins); }

  /**
   * Image datasets: `{ image: [w, h], templates, templateUnits, kernels }`, each map stack
   * `{ count, width, height, values, scale }`: the first hidden layer's weights as one image per unit
   * (null with convolutions) and every convolution's 3×3 kernels.
   */
  imageProgram({ step } = {}) { return this.call('imageProgram', step); }

  /** Image datasets: `{ featureMaps, layers: [{ kind, units, values }] }` for one image's pixels. */
  imageActivations(pixels, { step } = {}) { return this.call('imageActivations', ArrayBuffer.isView(pixels) ? Array.from(pixels) : pixels, step); }

  /** `[{ index, label, activation }]`: the training images that excite hidden `unit` most, strongest first. */
  topImages(unit, { layer = 1, count = 8 } = {}) { return this.call('topImages', layer, unit, count); }

  /** `{ safetensors: Uint8Array, config }`: the trained weights (safetensors) and their description. */
  exportModel() { return this.call('exportModel'); }

  /** Loads `{ safetensors, config }` (as `exportModel` gives them) as the network; bad files change nothing. */
  async importModel(model) {
    const { config, backend, metrics } = await this.call('importModel', model);
    this.config = config;
    this.dispatchEvent(new CustomEvent('config', { detail: { config, backend } }));
    this.dispatchEvent(new CustomEvent('weights', { detail: { reason: 'import' } }));
    this.call('refreshGrid');
    return metrics;
  }

  /** The network as source code: `'js'` (an ES module exporting `predict(x, y)`) or `'rust'`. */
  exportCode(language = 'js') { return this.call('exportCode', language); }

  /**
   * The whole experiment as a project file (`Uint8Array`): dataset, every committed version,
   * configuration, weights, the timeline's snapshots, and `page` (the page's own state, stored as
   * given). The format is described in README.
   */
  exportProject({ page } = {}) { return this.call('exportProject', page ?? null); }

  /**
   * Opens a project file (`Uint8Array` or `ArrayBuffer`): the same predictions bit for bit, the
   * same versions, diffs and timeline. A newer, truncated, corrupt or inconsistent file rejects
   * with the reason and changes nothing. Resolves with the page's part.
   */
  async importProject(bytes) { return this.opened(await this.call('importProject', bytes)); }

  /**
   * The experiment as a link fragment, `#project=…` (compressed; the fragment never reaches a
   * server): dataset, configuration and weights, and the versions when they fit. Rejects, saying
   * so, when the project is too large for a link (over 64 kB): save the file instead.
   */
  exportLink({ page } = {}) { return this.call('exportLink', page ?? null); }

  /** Opens a link (a whole URL or its `#project=…` fragment) like `importProject`. */
  async importLink(link) { return this.opened(await this.call('importLink', link)); }

  /** Tells the page everything changed after a project was opened; resolves with its page part. */
  opened({ page, view, config, backend }) {
    this.config = config;
    this.backend = backend;
    this.dispatchEvent(new CustomEvent('data', { detail: view }));
    this.dispatchEvent(new CustomEvent('config', { detail: { config, backend } }));
    this.dispatchEvent(new CustomEvent('weights', { detail: { reason: 'project' } }));
    this.dispatchEvent(new CustomEvent('versions', { detail: {} }));
    this.call('refreshGrid');
    return page;
  }

  /**
   * Where the network is wrong: `{ confusion: { labels, train, test }, mistakes: [{ index, split,
   * label, predicted, confidence, loss }], losses }` (`train[label][predicted]` counts; mistakes
   * worst first), or for regression `{ residuals: [{ index, split, value, predicted, residual,
   * loss }], losses }`, largest residual first.
   */
  diagnose() { return this.call('diagnose'); }

  /**
   * Count, accuracy and loss per slice, train and test, beside the whole: slices are
   * `[{ name, region: { x0, y0, x1, y1 } } | { name, labels: [..] }]`; resolves
   * `{ whole, slices: [{ name, train, test }] }` with each split `{ count, correct, accuracy, loss }`.
   * With `reference` (`{ points }` or `{ images }`, labelled like `setData`'s), the network is scored
   * on those examples instead — a world the dataset only samples — all of them as the test split.
   */
  sliceMetrics(slices, reference) { return this.call('sliceMetrics', slices, reference ?? null); }

  /**
   * The network's uncertainty on a `size × size` grid like `boundary`: `{ size, measure, values,
   * range: [0, 1] }` (`measure` `'entropy'`, the default, or `'margin'`; 1 is a coin flip).
   */
  uncertainty(size = 48, { measure = 'entropy' } = {}) { return this.call('uncertainty', size, measure); }

  /** How many training examples lie near each cell: `{ size, values, range: [0, peak] }`. */
  density(size = 48) { return this.call('density', size); }

  /** Where to collect next: `[{ x, y, score }]`, best first, spread out over the square. */
  suggest({ count = 5 } = {}) { return this.call('suggest', count); }

  /**
   * Training dynamics of every training example over the timeline: `[{ index, confidence,
   * variability, correct, region }]` with `region` `easy`, `ambiguous` or `hard`.
   */
  dataMap() { return this.call('dataMap'); }

  /**
   * Examples whose given label is probably wrong, `[{ index, label, suggested, quality }]`, worst
   * first: `folds` networks (default 5) trained `steps` steps each (default 500) beside this one
   * give every example an out-of-sample probability, and confident learning flags the doubtful
   * labels. A background job: `job` events stream its progress, `cancelJob()` stops it.
   */
  labelIssues({ folds, steps } = {}) { return this.call('labelIssues', defined({ folds, steps })); }

  /**
   * Which training examples pushed the prediction at `input` (`[x, y]`, `{ x, y }` or a row of
   * pixels) towards `label` (default: the predicted class; regression: `value`, required) and
   * which pushed away: `{ label, value, proponents: [{ index, score }], opponents }`, `top` of
   * each (default 10), by TracIn over the timeline's checkpoints. A background job like `labelIssues`.
   */
  influence(input, { top, label, value } = {}) { return this.call('influence', input, defined({ top, label, value })); }

  /** Cancels the running background job (its promise rejects); resolves whether one was running. */
  cancelJob() { return this.call('cancelJob'); }

  /**
   * Gives examples new labels, `[{ index, label }]` (`{ index, value }` for regression), as one
   * undoable step: accepting the label-error finder's suggestions.
   */
  relabel(changes) { return this.changeData('relabel', changes); }

  /** `{ wasmBytes }`: the size of this engine's WebAssembly memory (its worker's heap). */
  memoryUsage() { return this.call('memoryUsage'); }

  /** Stops the worker. */
  terminate() { this.worker.terminate(); }
}

Object.assign(PlaygroundClient.prototype, ENGINE_API, RULE_API);
