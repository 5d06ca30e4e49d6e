// Where it fails: the confusion matrix of a split (click a cell to mark its examples), the
// mistakes sorted by loss, or for regression the largest residuals.

import { h } from '../../dom.js';
import { confusionTable } from '../../views/confusion-matrix.js';

const LISTED = 12;
const pct = (v) => `${Math.round(v * 100)} %`;

/** The section; `dbg` is the debug panel's shared context. */
export function mistakesSection(dbg) {
  let split = 'test';
  let chosen = false; // until the person picks a split, show the test split when there is one
  let diagnosis = null;
  let untrained = true; // step 0: random weights have no mistakes worth reading yet
  const body = h('div', { class: 'mistakes-body', 'aria-live': 'polite' });
  const list = h('ol', { class: 'debug-list' });
  const splitToggle = h('div', { class: 'toggle', role: 'radiogroup', 'aria-label': 'Split of the confusion matrix' },
    ...['train', 'test'].map((s) => h('button', { type: 'button', role: 'radio', dataset: { split: s }, onclick: () => { split = s; chosen = true; render(); } }, s === 'train' ? 'Train' : 'Test')));
  const ringAll = h('input', { type: 'checkbox', name: 'ring-mistakes' });
  const controls = h('div', { class: 'row split-row' }, splitToggle, h('label', { class: 'check' }, ringAll, ' ring every mistake'));
  ringAll.addEventListener('change', () => {
    if (ringAll.checked && diagnosis?.mistakes) dbg.mark(diagnosis.mistakes.map((m) => m.index), `all ${diagnosis.mistakes.length} mistakes`);
    else dbg.mark([], '');
  });

  const describe = (m) => `#${m.index} · ${m.split} · ${dbg.nameOf(m.label)} → ${dbg.nameOf(m.predicted)} · ${pct(m.confidence)} sure · loss ${m.loss.toFixed(2)}`;
  const describeResidual = (r) => `#${r.index} · ${r.split} · value ${r.value.toFixed(2)}, predicted ${r.predicted.toFixed(2)} (${r.residual >= 0 ? '+' : ''}${r.residual.toFixed(2)})`;

  function render() {
    for (const b of splitToggle.children) b.setAttribute('aria-checked', String(b.dataset.split === split));
    controls.hidden = !diagnosis || untrained; // nothing to split or ring before training
    if (!diagnosis || untrained) {
      body.replaceChildren(h('p', { class: 'hint empty-hint' }, 'Train first: press ▶ Train, then see here where the network is wrong.'));
      list.replaceChildren();
      return;
    }
    if (diagnosis.residuals) {
      splitToggle.hidden = true;
      body.replaceChildren(h('p', { class: 'hint' }, 'Largest residuals (prediction − value): where the surface misses its points.'));
      list.replaceChildren(...diagnosis.residuals.slice(0, LISTED).map((r) => h('li', {},
        h('button', { type: 'button', class: 'linkish', onclick: () => dbg.mark([r.index], describeResidual(r)) }, describeResidual(r)))));
      return;
    }
    splitToggle.hidden = false;
    const { confusion, mistakes } = diagnosis;
    const size = (m) => m.flat().reduce((a, b) => a + b, 0);
    if (!chosen) split = size(confusion.test) > 0 ? 'test' : 'train';
    for (const b of splitToggle.children) b.setAttribute('aria-checked', String(b.dataset.split === split));
    const pick = ({ label, predicted }) => {
      const indices = confusion[`${split}Examples`][label][predicted];
      dbg.mark(indices, `${indices.length} ${split} examples of ${dbg.nameOf(label)} predicted as ${dbg.nameOf(predicted)}`);
    };
    body.replaceChildren(h('div', { class: 'confusion-wrap' }, confusionTable(confusion[split], confusion.labels, dbg.nameOf, pick)),
      h('p', { class: 'hint' }, `${mistakes.length} mistakes in all, worst (highest loss) first:`));
    list.replaceChildren(...mistakes.slice(0, LISTED).map((m) => h('li', {},
      dbg.thumbnail(m.index),
      h('button', { type: 'button', class: 'linkish', onclick: () => dbg.mark([m.index], describe(m)) }, describe(m)))));
  }

  async function refresh() {
    try {
      const [d, metrics] = await Promise.all([dbg.client.diagnose(), dbg.client.evaluate()]);
      diagnosis = d;
      untrained = metrics.step === 0;
      if (ringAll.checked && diagnosis.mistakes) dbg.mark(diagnosis.mistakes.map((m) => m.index), `all ${diagnosis.mistakes.length} mistakes`);
    } catch {
      diagnosis = null;
    }
    render();
  }

  render();
  const element = h('div', { class: 'debug-section' },
    h('h3', {}, 'Where it fails'),
    controls,
    body, list);
  return { element, refresh, get diagnosis() { return diagnosis; } };
}
