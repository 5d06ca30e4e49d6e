// The data engine's part of the public JS API, mixed into `PlaygroundClient`: deploy the program
// into a world, flag stream examples with a trigger, label them (by hand or with the world), fold
// them in, read the rounds, and compare strategies on a curve.

/** `options` without its undefined entries: left-out options take the core's defaults. */
const defined = (options) => Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));

export const ENGINE_API = {
  /**
   * Puts the current network "on the road" in a world: `world` is a preset name (`'spiral'`,
   * `'moons'`, `'wave'`, …, `'digits'`) or `{ points }` / `{ images }` whose labels the model never
   * sees; `seed` and `size` (default 2000) shape a preset world. Resolves with `engineStatus()`.
   */
  deploy({ world, seed, size } = {}) { return this.call('deploy', defined({ world, seed, size })); },

  /** Takes the program off the road (the world, queue and rounds go); resolves whether one was deployed. */
  undeploy() { return this.call('undeploy'); },

  /** `{ world, streamSize, worldTest, streamSeen, flagged, labelled, round, worldAccuracy, worldMse, lastFlag }`, or null. */
  engineStatus() { return this.call('engineStatus'); },

  /**
   * The fleet meets the next `window` (default 400) stream examples; `trigger` (`'uncertainty'`,
   * `'disagreement'`, `'class'`, `'random'`) flags up to `count` (default 10) of those it fires on:
   * `[{ id, x, y | pixels, predicted, score, trigger }]`, queued for labels.
   */
  flag({ trigger, count, threshold, class: cls, measure, committee, window } = {}) {
    return this.call('flag', defined({ trigger, count, threshold, class: cls, measure, committee, window }));
  },

  /** Labels queued examples by hand (`ids` and `labels` pair up); the labels go in as given. */
  label(ids, labels) { return this.call('label', ids, labels); },

  /** Labels queued examples (all unlabelled ones without `ids`) with the world's own labels. */
  labelWithWorld(ids) { return this.call('labelWithWorld', ids); },

  /**
   * Folds the labelled examples into the dataset as one undoable step and one committed version
   * ("round 3: +20 from uncertainty"), trains `steps` (default 300) more, and resolves with the
   * round's record `{ round, added, byPerson, byWorld, triggers, labelsSpent, examples,
   * worldAccuracy, worldMse, version, step }`.
   */
  async foldIn({ steps } = {}) {
    const { round, view } = await this.call('foldIn', steps);
    this.dispatchEvent(new CustomEvent('data', { detail: view }));
    this.dispatchEvent(new CustomEvent('weights', { detail: { reason: 'foldIn' } }));
    this.call('refreshGrid');
    return round;
  },

  /** Every round so far, the deployment (round 0) first. */
  engineHistory() { return this.call('engineHistory'); },

  /** The labelling queue `[{ id, x, y | pixels, trigger, label, labeller }]`, in flag order. */
  engineQueue() { return this.call('engineQueue'); },

  /**
   * Runs the whole loop beside the network (never touching it or the dataset), once per strategy
   * and seed, labelling with the world: `{ metric, labels, strategies: [{ strategy, mean, spread,
   * runs }], summary }`. A background job: `job` events report progress; `cancelJob()` stops it.
   */
  engineCurve({ strategies, rounds, budget, steps, seeds, window } = {}) {
    return this.call('engineCurve', defined({ strategies, rounds, budget, steps, seeds, window }));
  },
};
