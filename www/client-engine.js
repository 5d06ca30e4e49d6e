import { workerArgs } from './api.js';

// The data engine's calls that do more than forward (the rest — deploy, flag, label, engineCurve,
// … — come from `api.js`): folding a round in changes the data and the weights, and the page hears
// of both.

export const ENGINE_API = {
  /**
   * Folds the labelled examples into the dataset as one undoable step and one committed version
   * ("round 3: +20 from uncertainty"), trains `steps` (default 300) more as a background job
   * (`job` events; `cancelJob()` stops the training, the round stays in), and resolves with the
   * round's record `{ round, added, byPerson, byWorld, triggers, labelsSpent, examples,
   * worldAccuracy, worldMse, version, step }`.
   */
  async foldIn(...args) {
    let outcome;
    try {
      outcome = await this.call('foldIn', ...workerArgs('foldIn', args));
    } catch (e) {
      // A round cancelled during its training is in the data all the same: the page redraws it.
      this.dataView().then((view) => this.dispatchEvent(new CustomEvent('data', { detail: view })), () => {});
      throw e;
    }
    const { round, view } = outcome;
    this.dispatchEvent(new CustomEvent('data', { detail: view }));
    this.dispatchEvent(new CustomEvent('weights', { detail: { reason: 'foldIn' } }));
    this.call('refreshGrid');
    return round;
  },
};
