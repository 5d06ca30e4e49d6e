// Software 1.0's part of the public JS API, mixed into `PlaygroundClient`: a hand-written rule
// (parsed and evaluated in the core, never by the page), its boundary, its score beside the
// network's, and the labels it would write.

export const RULE_API = {
  /**
   * Reads `text` as the rule: `{ ok: true, rule: { text, kind } }` (`rule: null` for blank text,
   * which clears it), or `{ ok: false, error: 'column N: …', column }`, keeping the previous rule.
   * A `rule` event tells the page when the rule changed.
   */
  setRule(text) { return this.call('setRule', String(text ?? '')); },

  /** `{ text, kind }` of the rule in force (`kind` `'truth'` or `'number'`), or `null`. */
  rule() { return this.call('rule'); },

  /** The rule's boundary on a `size × size` grid, laid out like `boundary(size)` (one-hot rows). */
  ruleBoundary(size = 48) { return this.call('ruleBoundary', size); },

  /**
   * `{ task, count, answered, accuracy, trainAccuracy, testAccuracy, mse, trainMse, testMse,
   * agreement, gridAgreement }`: the rule on the dataset, and the share of points (and of the
   * square) where the network says what the rule says.
   */
  ruleMetrics() { return this.call('ruleMetrics'); },

  /** Relabels every point with the rule's answer, as one undoable step: `{ labelled, changed }`. */
  async labelWithRule() {
    const { report, view } = await this.call('labelWithRule');
    this.dispatchEvent(new CustomEvent('data', { detail: view }));
    this.call('refreshGrid');
    return report;
  },
};
