// A confusion matrix as a table of buttons: rows are the labels examples have, columns the labels
// the network predicts; a cell's shade grows with its count (green on the diagonal, red off it),
// and clicking a cell picks its examples.

import { h } from '../dom.js';

/**
 * `matrix[label][predicted]` counts for the `labels` present; `nameOf(label)` names a class;
 * `onPick({ label, predicted })` runs when a cell is chosen.
 */
export function confusionTable(matrix, labels, nameOf, onPick) {
  const largest = Math.max(1, ...labels.flatMap((l) => labels.map((p) => (l === p ? 0 : matrix[l][p]))));
  const total = labels.reduce((sum, l) => sum + labels.reduce((s, p) => s + matrix[l][p], 0), 0);
  const cell = (l, p) => {
    const n = matrix[l][p];
    const right = l === p;
    const level = right ? 1 : Math.ceil((4 * n) / largest);
    return h('td', {},
      h('button', {
        type: 'button',
        class: `cm-cell ${right ? 'right' : 'wrong'} level-${n ? level : 0}`,
        dataset: { label: l, predicted: p },
        'aria-label': `${n} examples of ${nameOf(l)} predicted as ${nameOf(p)}`,
        title: `${n} of ${nameOf(l)} predicted ${nameOf(p)}: click to mark them`,
        disabled: n === 0,
        onclick: () => onPick({ label: l, predicted: p }),
      }, String(n)));
  };
  return h('table', { class: 'confusion' },
    h('caption', {}, `${total} examples: rows are the given label, columns the prediction`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'given ↓ · predicted →'), ...labels.map((p) => h('th', { scope: 'col' }, nameOf(p))))),
    h('tbody', {}, ...labels.map((l) => h('tr', {}, h('th', { scope: 'row' }, nameOf(l)), ...labels.map((p) => cell(l, p))))));
}
