// Software 1.0 beside it: write the classifier by hand as one expression, see its boundary on the
// canvas (an outline) beside the network's, its accuracy on the same data, and — "Software 2.0 eats
// Software 1.0" — label the dataset with it so the network learns the rule from examples.

import { h } from '../dom.js';
import { swatchStyle } from '../palette.js';

/** Pause after the last keystroke before the rule is read (ms): errors show as you type. */
const TYPING_PAUSE_MS = 250;
/** Grid side of the rule's outline and map on the canvas. */
const RULE_GRID = 96;
/** Fewest milliseconds between two refreshes of the rule's score while training runs. */
const SCORE_EVERY_MS = 1000;

/** Rules to start from: each one click away. */
const EXAMPLES = [
  ['outside a circle', 'x^2 + y^2 > 0.3'],
  ['XOR', '(x > 0) != (y > 0)'],
  ['a wave', 'y > sin(3 * x) / 2'],
  ['three bands', 'if x < -0.3 then 0 else if x < 0.3 then 1 else 2'],
];

const pct = (v) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)} %`);

/**
 * Builds the rule panel around `client`. `overlay` is the canvas's `RuleOverlay`; `nameOf(label)` the
 * page's class names; `message(text, kind)` reports to the page.
 */
export function rulePanel(client, { overlay, nameOf, message }) {
  const input = h('input', {
    type: 'text', name: 'rule', class: 'rule-input', spellcheck: 'false', autocomplete: 'off',
    placeholder: 'x^2 + y^2 > 0.3', 'aria-describedby': 'rule-error rule-help',
  });
  const error = h('p', { class: 'rule-error', id: 'rule-error', role: 'status', 'aria-live': 'polite' });
  const legend = h('p', { class: 'rule-legend', id: 'rule-help' });
  const score = h('p', { class: 'rule-score', 'aria-live': 'polite' }, 'No rule yet.');
  const fill = h('input', { type: 'checkbox', name: 'rule-fill', onchange: () => overlay.fill(fill.checked) });
  const labelButton = h('button', { type: 'button', disabled: true, onclick: () => labelWithRule() }, 'Label the data with this rule');
  const examples = h('p', { class: 'rule-examples' }, 'Try: ', EXAMPLES.map(([name, text]) =>
    h('button', { type: 'button', class: 'link', title: text, onclick: () => { input.value = text; apply(); } }, name)));
  const element = h('section', { class: 'panel rule-panel', 'aria-labelledby': 'rule-title' },
    h('h2', { id: 'rule-title' }, 'Software 1.0 ', h('em', {}, 'a rule written by hand')),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Rule'), input),
    error, legend, examples, score,
    h('div', { class: 'row' },
      h('label', { class: 'check' }, fill, ' show the rule\'s map instead of the network\'s'),
      labelButton));

  let current = null;
  let dataLocked = false;
  let timer = null;
  let lastScore = 0;

  function showLegend() {
    const chip = (label) => h('span', { class: 'chip', style: swatchStyle(label) }, nameOf(label));
    legend.replaceChildren('true or 1 → ', chip(1), ', false or 0 → ', chip(0), '; a number n → class n. Reads x, y, x2, y2, xy, sinX, sinY, pi; + − * / ^, < > == !=, and or not, if … then … else …, abs sqrt sin cos exp min max.');
  }

  async function apply() {
    clearTimeout(timer);
    const text = input.value;
    const said = await client.setRule(text).catch((e) => ({ ok: false, error: e.message }));
    input.setAttribute('aria-invalid', String(!said.ok));
    error.textContent = said.ok ? '' : `${said.error}${current ? ' — the last rule that read stays in force.' : ''}`;
    if (said.ok) await show(said.rule);
  }

  /** Draws and scores `rule` (`null`: none). */
  async function show(rule) {
    current = rule;
    labelButton.disabled = !rule || dataLocked;
    if (!rule) {
      overlay.setGrid(null);
      score.textContent = 'No rule yet.';
      return;
    }
    await refresh();
  }

  /** Scores the rule again (after training steps), and redraws it too when `redraw` (new data). */
  async function refresh(redraw = true) {
    if (!current) return;
    lastScore = performance.now();
    try {
      if (redraw) overlay.setGrid(await client.ruleBoundary(RULE_GRID));
      const m = await client.ruleMetrics();
      if (m.task === 'regression') {
        score.textContent = `Rule: mean squared error ${m.mse === null ? '–' : m.mse.toFixed(3)} on ${m.answered} of ${m.count} points.`;
      } else {
        const agree = m.agreement === null ? '' : ` The network agrees with it on ${pct(m.agreement)} of the points and ${pct(m.gridAgreement)} of the square.`;
        score.textContent = m.count ? `Rule: ${pct(m.accuracy)} right on the data (train ${pct(m.trainAccuracy)}, test ${pct(m.testAccuracy)}).${agree}` : 'Rule: no points to score it on yet.';
      }
    } catch (e) {
      overlay.setGrid(null);
      score.textContent = e.message;
    }
  }

  async function labelWithRule() {
    try {
      const { labelled, changed } = await client.labelWithRule();
      message(`The rule labelled ${labelled} points (${changed} changed). Train, and the network learns the rule from examples; Ctrl+Z undoes the labels.`, 'info');
    } catch (e) {
      message(e.message, 'error');
    }
  }

  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(apply, TYPING_PAUSE_MS); });
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') apply(); });
  client.addEventListener('rule', (e) => {
    if (document.activeElement !== input && e.detail.rule?.text !== input.value) input.value = e.detail.rule ? e.detail.rule.text : '';
    input.removeAttribute('aria-invalid');
    error.textContent = '';
    show(e.detail.rule);
  });
  client.addEventListener('data', () => refresh(true));
  client.addEventListener('weights', () => refresh(false));
  client.addEventListener('training', (e) => { if (!e.detail.running) refresh(false); });
  client.addEventListener('progress', () => { if (performance.now() - lastScore > SCORE_EVERY_MS) refresh(false); });
  showLegend();

  return {
    element,
    /** The class names changed: the legend follows. */
    names: showLegend,
    /** Re-reads the rule after the data or the weights changed outside the usual events. */
    refresh,
    /** With the data locked, the rule may not relabel it (`why` becomes the button's tooltip). */
    lock(on, why) {
      dataLocked = on;
      labelButton.disabled = on || !current;
      labelButton.title = on ? why : '';
    },
  };
}
