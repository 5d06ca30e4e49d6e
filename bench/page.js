// The benchmark page (bench/index.html). The Node driver (run.js) opens one fresh page per run and
// calls `window.bench.*` in it: one contender, one workload, one run. The datasets are made once, in
// a page of their own, by the playground's own generator, and handed to every run's page, so no
// timed page runs anything but its contender.

import { PlaygroundClient } from '../www/client.js';
import { CONTENDERS } from './contenders.js';
import { WORKLOADS, DATA_OF } from './workloads.js';
import { cold, curve, bareCalls } from './startup.js';

/** The presets the workloads use: name → [preset, n, test fraction]. */
const PRESETS = { spiral: ['spiral', 500, 0.2], circle: ['circle', 500, 0.5], digits: ['digits', undefined, 0.2] };

/**
 * Every dataset as plain JSON, split as the playground splits it:
 * `{ name: { payload, inputs, train: { x, y }, test: { x, y } } }` (`payload`: what `setData` takes).
 */
async function datasets(seed = 7) {
  const generator = new PlaygroundClient({ warmUp: false });
  await generator.ready;
  const out = {};
  for (const [name, [preset, n, testFraction]] of Object.entries(PRESETS)) {
    const view = new Promise((resolve) => generator.addEventListener('data', (e) => resolve(e.detail), { once: true }));
    await generator.loadPreset(preset, { n, noise: 0.1, seed, testFraction });
    const { data, testMask } = await view;
    const examples = data.points || data.images;
    const row = data.points ? (p) => [p.x, p.y] : (img) => img.pixels;
    const pick = (test) => {
      const ex = examples.filter((_, i) => Boolean(testMask[i]) === test);
      return { x: ex.flatMap(row), y: ex.map((e) => e.label) };
    };
    const payload = data.points ? { points: data.points } : { images: data.images };
    out[name] = { payload: { ...payload, testFraction, seed }, inputs: row(examples[0]).length, train: pick(false), test: pick(true) };
  }
  out.names = await names(generator);
  generator.worker.terminate();
  return out;
}

/**
 * makemore's names, split as `loadPreset('names')` splits them: `{ payload, words: { train, test } }`
 * (`payload`, what `setData` takes, gives the same split: the preset's fraction and seed).
 */
async function names(generator) {
  await generator.loadPreset('names');
  const { words } = await generator.getData();
  const { testMask } = await generator.dataView();
  const testFraction = Math.min(Math.floor(words.length / 10), 1000) / words.length; // makemore's, as the preset's
  return {
    payload: { words, testFraction, seed: 1 },
    words: { train: words.filter((_, i) => !testMask[i]), test: words.filter((_, i) => testMask[i]) },
  };
}

/** A dataset from JSON back to the typed arrays the contenders take. */
const typed = (d) => (d.words ? d : {
  ...d,
  train: { x: Float32Array.from(d.train.x), y: Int32Array.from(d.train.y) },
  test: { x: Float32Array.from(d.test.x), y: Int32Array.from(d.test.y) },
});

/** `{ error }` instead of a throw, so one failing contender never stops the run. */
async function guarded(f) {
  try {
    return await f();
  } catch (e) {
    return { error: e && e.message ? e.message : String(e) };
  }
}

/** `make(spec)` for a contender whose engine is `engine`, on `data`. */
const maker = (contender, engine, data) => (spec) =>
  contender.make(engine, { ...spec, inputs: data.inputs, train: data.train, test: data.test, words: data.words }, data.payload);

window.bench = {
  contenders: Object.keys(CONTENDERS),
  workloads: Object.keys(WORKLOADS),
  dataOf: DATA_OF,
  datasets,

  /** One run of `workload` for `name` on `data` (JSON from `datasets`), under `options.protocol`. */
  run(workload, name, json, options) {
    return guarded(async () => {
      const data = typed(json);
      const contender = CONTENDERS[name];
      const engine = await contender.load();
      const ctx = { make: maker(contender, engine, data), protocol: options.protocol, quick: options.quick };
      const result = await WORKLOADS[workload](ctx, { ...options, trainPoints: data.train?.y.length });
      if (engine.info) result.engine = engine.info;
      return result;
    });
  },

  /** The cold row: right after load, W1a's first `options.steps` steps. */
  cold(name, json, options) {
    const data = typed(json);
    const contender = CONTENDERS[name];
    const wrapped = { load: contender.load, make: (engine, spec, payload) => maker(contender, engine, data)(spec, payload) };
    return guarded(() => cold(wrapped, data.payload, options));
  },

  /** W1a's (or `options.spec`'s) ms per step per block, after the idle time (see startup.js). */
  curve(name, json, options) {
    const data = typed(json);
    const contender = CONTENDERS[name];
    const wrapped = { load: contender.load, make: (engine, spec) => maker(contender, engine, data)(spec) };
    return guarded(() => curve(wrapped, data.payload, options));
  },

  /** A bare playground client's `train({ steps })` calls (see startup.js). */
  calls(json, options) {
    return guarded(() => bareCalls(CONTENDERS['playground-cpu'], json.payload, options));
  },
};
