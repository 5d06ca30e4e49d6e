// The one list of the playground's operations: the worker dispatches from it, and the client and
// the element build their methods from it, so a new operation is a Rust method on the wasm face
// plus one line here. The README's "Public JS API" table documents each one (a test checks that
// the two name the same operations).
//
// Each entry says what kind of operation it is — which decides what the worker does after calling
// the core, and which events the client sends:
//   query    reads; nothing changes.
//   data     changes the dataset (one undo step): the worker resolves with the new data view, the
//            client sends `data` and redraws the boundary. A job running on the old data is
//            stopped by the core (it remembers the data it started on), not by a list here.
//   versions commits a version: the client sends `versions`.
//   weights  changes the weights: the worker resolves with the new metrics, the client sends
//            `weights` and redraws.
//   config   changes the configuration (and so the weights).
//   training trains or stops training.
//   job      long work, run by the worker's scheduler in slices: `job` events, `cancelJob()`.
//   engine   the data engine: the worker sends an `engine` event.
//   rule     Software 1.0: the worker sends a `rule` event when it changes.
//   project  opens or saves the whole experiment.
//   internal the worker's own calls (not part of the public API).
//
// `args(...)` turns the public method's arguments (with their defaults) into what the worker and
// the core take; left out, the arguments pass as given. `core` names the wasm method when it is
// not the operation's own name.

/** `options` without its undefined entries: left-out options take the core's defaults. */
export const defined = (options) => Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));

export const OPERATIONS = {
  // The dataset (the source code).
  setData: { kind: 'data' },
  clearData: { kind: 'data' },
  loadPreset: { kind: 'data', args: (name, options = {}) => [name, options] },
  getData: { kind: 'query' },
  task: { kind: 'query' },
  dataView: { kind: 'query' },
  setTestFraction: { kind: 'data' },
  undo: { kind: 'data' },
  redo: { kind: 'data' },
  importCsv: { kind: 'data', args: (text) => [String(text)] },
  exportCsv: { kind: 'query', args: ({ source = false } = {}) => [Boolean(source)] },
  blame: { kind: 'query' },
  relabel: { kind: 'data' },
  importText: { kind: 'data', args: (text) => [String(text)] },
  exportText: { kind: 'query' },
  // Versions.
  commit: { kind: 'versions', args: (message) => [String(message ?? '')] },
  versions: { kind: 'query' },
  checkout: { kind: 'data', args: (id) => [String(id)] },
  diff: { kind: 'query', args: (a, b) => [String(a), String(b)] },
  dataHashes: { kind: 'query' },
  compareVersions: { kind: 'job', core: 'startCompareVersions', args: (a, b, { steps = 500, size = 40 } = {}) => [String(a), String(b), Number(steps), Number(size)] },
  // The configuration (the compiler flags) and training (the compiler).
  configure: { kind: 'config', args: (patch = {}) => [patch] },
  getConfig: { kind: 'query' },
  train: { kind: 'training' },
  pause: { kind: 'training' },
  reset: { kind: 'weights' },
  evaluate: { kind: 'query' },
  classAccuracy: { kind: 'query' },
  // Reading the binary.
  predict: { kind: 'query' },
  boundary: { kind: 'query', args: (size = 48, { step } = {}) => [size, step] },
  weights: { kind: 'query', args: ({ step } = {}) => [step] },
  setWeight: { kind: 'weights' },
  history: { kind: 'query' },
  restore: { kind: 'weights' },
  neurons: { kind: 'query', args: ({ size = 24, step } = {}) => [size, step] },
  weightSummary: { kind: 'query', args: ({ step, bins = 30 } = {}) => [step, bins] },
  imageProgram: { kind: 'query', args: ({ step } = {}) => [step] },
  imageActivations: { kind: 'query', args: (pixels, { step } = {}) => [ArrayBuffer.isView(pixels) ? Array.from(pixels) : pixels, step] },
  topImages: { kind: 'query', args: (unit, { layer = 1, count = 8 } = {}) => [layer, unit, count] },
  pixelsFromRgba: { kind: 'query' },
  // Running a program that writes words.
  sample: { kind: 'query', args: ({ count, temperature, topK, prefix, seed } = {}) => [defined({ count, temperature, topK, prefix, seed })] },
  nextChars: { kind: 'query', args: (prefix = '') => [String(prefix)] },
  embeddings: { kind: 'query', args: ({ step } = {}) => [step] },
  attention: { kind: 'query', args: (word, { step } = {}) => [String(word), step] },
  complete: { kind: 'query', args: (prompt, { maxChars, temperature, seed } = {}) => [String(prompt ?? ''), defined({ maxChars, temperature, seed })] },
  // Shipping the binary.
  exportModel: { kind: 'query' },
  importModel: { kind: 'config' },
  exportCode: { kind: 'query', args: (language = 'js') => [String(language)] },
  // The project.
  exportProject: { kind: 'project', args: ({ page } = {}) => [page ?? null] },
  importProject: { kind: 'project' },
  exportLink: { kind: 'project', args: ({ page } = {}) => [page ?? null] },
  importLink: { kind: 'project', args: (link) => [String(link)] },
  // Debugging.
  diagnose: { kind: 'query' },
  sliceMetrics: { kind: 'query', args: (slices, reference) => [slices, reference ?? undefined] },
  uncertainty: { kind: 'query', args: (size = 48, { measure = 'entropy' } = {}) => [size, measure] },
  density: { kind: 'query', args: (size = 48) => [size] },
  suggest: { kind: 'query', args: ({ count = 5 } = {}) => [count] },
  dataMap: { kind: 'query' },
  labelIssues: { kind: 'job', core: 'startLabelIssues', args: ({ folds, steps } = {}) => [defined({ folds, steps })] },
  influence: { kind: 'job', core: 'startInfluence', args: (input, { top, label, value } = {}) => [input, defined({ top, label, value })] },
  cancelJob: { kind: 'job', args: (kind) => (kind === undefined ? [] : [String(kind)]) },
  memoryUsage: { kind: 'query' },
  // The data engine.
  deploy: { kind: 'engine', args: ({ world, seed, size } = {}) => [defined({ world, seed, size })] },
  undeploy: { kind: 'engine' },
  engineStatus: { kind: 'query' },
  flag: {
    kind: 'job',
    core: 'startFlag',
    args: ({ trigger, count, threshold, class: cls, measure, committee, window } = {}) => [
      defined({ trigger, count, threshold, class: cls, measure, committee, window }),
    ],
  },
  label: { kind: 'engine' },
  labelWithWorld: { kind: 'engine' },
  foldIn: { kind: 'job', core: 'startFoldIn', args: ({ steps } = {}) => [steps] },
  engineHistory: { kind: 'query' },
  engineQueue: { kind: 'query' },
  engineCurve: {
    kind: 'job',
    core: 'startEngineCurve',
    args: ({ strategies, rounds, budget, steps, seeds, window } = {}) => [defined({ strategies, rounds, budget, steps, seeds, window })],
  },
  // Software 1.0 beside it.
  setRule: { kind: 'rule', args: (text) => [String(text ?? '')] },
  rule: { kind: 'query' },
  ruleBoundary: { kind: 'query', args: (size = 48) => [size] },
  ruleMetrics: { kind: 'query' },
  labelWithRule: { kind: 'data' },
  // The worker's own.
  trainFor: { kind: 'internal' },
  advanceJob: { kind: 'internal' },
  refreshGrid: { kind: 'internal' },
  setGridSize: { kind: 'internal' },
  backend: { kind: 'internal' },
  balance: { kind: 'internal' },
  divergenceMessage: { kind: 'internal' },
  estimateMetrics: { kind: 'internal' },
  warmUpStatus: { kind: 'internal' },
  loadPrompts: { kind: 'internal' },
};

/** The operations a page, a widget, a lesson or a test may call. */
export const PUBLIC_OPERATIONS = Object.keys(OPERATIONS).filter((name) => OPERATIONS[name].kind !== 'internal');

/** The worker-side arguments of a public call: `args(...)` applied, or the arguments as given. */
export function workerArgs(name, args) {
  const op = OPERATIONS[name];
  return op && op.args ? op.args(...args) : args;
}
