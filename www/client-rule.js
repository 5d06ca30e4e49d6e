// Software 1.0's call that does more than forward (setRule, ruleMetrics, … come from `api.js`):
// labelling the data with the rule changes the data, and the page hears of it.

export const RULE_API = {
  /** Relabels every point with the rule's answer, as one undoable step: `{ labelled, changed }`. */
  async labelWithRule() {
    const { report, view } = await this.call('labelWithRule');
    this.dispatchEvent(new CustomEvent('data', { detail: view }));
    this.call('refreshGrid');
    return report;
  },
};
