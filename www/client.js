// The public JS API of the playground: every page, widget, lesson and test talks to the core
// through this client, which forwards calls to the training worker and re-emits its events.

import { OPERATIONS, PUBLIC_OPERATIONS, workerArgs } from './api.js';
import { ENGINE_API } from './client-engine.js';
import { RULE_API } from './client-rule.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);

/** What calls on a terminated client (a removed element's) reject with. */
const REMOVED = 'This playground was removed from the page; its engine has stopped.';

/**
 * The CPU builds some client on this page already warms up: the browser shares a module's optimized
 * code between the workers of one page, so one warm-up per build serves every widget.
 */
const warmingBuilds = new Set();

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
    if (this.terminated) return Promise.reject(new Error(REMOVED));
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

  /** Commits the current dataset with a message; resolves with the version id. */
  async commit(message) {
    const id = await this.call('commit', ...workerArgs('commit', [message]));
    this.dispatchEvent(new CustomEvent('versions', { detail: { committed: id } }));
    return id;
  }

  /** Patches the configuration and re-initializes the weights. */
  async configure(patch = {}) {
    const { config, backend } = await this.call('configure', patch);
    this.config = config;
    this.backend = backend;
    this.dispatchEvent(new CustomEvent('config', { detail: { config, backend } }));
    this.call('refreshGrid');
    return config;
  }

  /** Trains for `steps` optimizer steps (forever when omitted, until `pause()`); resolves with the metrics. */
  train({ steps } = {}) {
    if (steps !== undefined && !(Number.isInteger(steps) && steps > 0)) {
      return Promise.reject(new Error(`train: steps must be a positive integer, got ${steps}`));
    }
    return this.call('train', steps ?? Infinity);
  }

  /** Re-initializes the weights from the seed; resolves with the fresh metrics. */
  async reset() {
    const metrics = await this.call('reset');
    this.call('refreshGrid');
    return metrics;
  }

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

  /** Goes back to the snapshot at `step` and resumes training from there; resolves with the metrics. */
  async restore(step) {
    const metrics = await this.call('restore', step);
    this.call('refreshGrid');
    this.dispatchEvent(new CustomEvent('weights', { detail: { reason: 'restore', step } }));
    return metrics;
  }

  /** Loads `{ safetensors, config }` (as `exportModel` gives them) as the network; bad files change nothing. */
  async importModel(model) {
    const { config, backend, metrics } = await this.call('importModel', model);
    this.config = config;
    this.dispatchEvent(new CustomEvent('config', { detail: { config, backend } }));
    this.dispatchEvent(new CustomEvent('weights', { detail: { reason: 'import' } }));
    this.call('refreshGrid');
    return metrics;
  }

  /**
   * Opens a project file (`Uint8Array` or `ArrayBuffer`): the same predictions bit for bit, the
   * same versions, diffs and timeline. A newer, truncated, corrupt or inconsistent file rejects
   * with the reason and changes nothing. Resolves with the page's part.
   */
  async importProject(bytes) { return this.opened(await this.call('importProject', bytes)); }

  /**
   * Loads a built-in dataset. `'prompts'` is the shipped prompt model: its corpus and its trained
   * weights at once, opened like a project.
   */
  async loadPreset(name, options = {}) {
    if (name === 'prompts') {
      this.opened(await this.call('loadPrompts'));
      return;
    }
    await this.changeData('loadPreset', ...workerArgs('loadPreset', [name, options]));
  }

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

  /** Stops the worker; calls still waiting, and any made later, reject saying so. */
  terminate() {
    this.worker.terminate();
    this.terminated = true;
    const error = new Error(REMOVED);
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}

Object.assign(PlaygroundClient.prototype, ENGINE_API, RULE_API);

/**
 * `client` as a panel that a page may leave out sees it: calls go to the client, but its events
 * reach the panel only while `shown()`, so a lesson that shows three panels does not pay, after
 * every `train()` call, for the others' redraws and worker queries. `catchUp()` (call it when the
 * panel may have come into view) hands the panel the latest event of each type it missed, in the
 * order they came: what it draws from them, it then draws as if it had heard them all.
 * Returns `{ client, catchUp }`.
 */
export function whileShown(client, shown) {
  const listeners = new Map(); // type → the panel's listeners
  const missed = new Map(); // type → the latest event not heard, in the order they came
  const hear = (event) => { for (const listener of listeners.get(event.type)) listener.call(client, event); };
  const listen = (type, listener) => {
    if (!listeners.has(type)) {
      listeners.set(type, []);
      client.addEventListener(type, (event) => {
        missed.delete(type);
        if (shown()) hear(event);
        else missed.set(type, event);
      });
    }
    listeners.get(type).push(listener);
  };
  const view = new Proxy(client, {
    get(target, name) {
      if (name === 'addEventListener') return listen;
      const value = Reflect.get(target, name);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set: (target, name, value) => Reflect.set(target, name, value),
  });
  const catchUp = () => {
    if (!shown()) return;
    const events = [...missed.values()];
    missed.clear();
    events.forEach(hear);
  };
  return { client: view, catchUp };
}

// Every other public operation of `api.js` is built from its kind: a data change tells the page
// (`data` event) and redraws; everything else forwards the call. The README documents each one.
for (const name of PUBLIC_OPERATIONS) {
  if (name in PlaygroundClient.prototype) continue;
  PlaygroundClient.prototype[name] = OPERATIONS[name].kind === 'data'
    ? function changesData(...args) { return this.changeData(name, ...workerArgs(name, args)); }
    : function forwards(...args) { return this.call(name, ...workerArgs(name, args)); };
}
