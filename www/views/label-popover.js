// A small popover at a place on the canvas that asks for a class (buttons) or a value (a number):
// how a ? suggestion gets its label.

import { h } from '../dom.js';
import { swatchStyle } from '../palette.js';

/**
 * Opens the popover inside `wrap` (positioned) at client coordinates `at`; `classes` are the
 * labels to offer (`nameOf` names them), or `null` for a value; `onPick(labelOrValue)` answers;
 * `question` replaces the default wording.
 * Escape, Cancel or a click elsewhere closes it. Returns a function that closes it.
 */
export function askLabel(wrap, at, { classes, nameOf, onPick, question }) {
  wrap.querySelector('.label-popover')?.remove();
  const close = () => { pop.remove(); document.removeEventListener('pointerdown', outside, true); };
  const answer = (v) => { close(); onPick(v); };
  const choices = classes
    ? classes.map((c) => h('button', { type: 'button', class: 'swatch', style: swatchStyle(c), onclick: () => answer(c) }, nameOf(c)))
    : [h('input', { type: 'number', step: 'any', name: 'suggestion-value', value: '0', 'aria-label': 'Value at this place' }),
      h('button', { type: 'button', class: 'accent', onclick: () => answer(Number(pop.querySelector('input').value)) }, 'Add')];
  const pop = h('div', { class: 'label-popover', role: 'dialog', 'aria-label': 'Label this place' },
    h('span', { class: 'field-label' }, question || (classes ? 'Which class is this?' : 'What value is here?')),
    h('div', { class: 'popover-choices' }, ...choices),
    h('button', { type: 'button', class: 'small', onclick: close }, 'Cancel'));
  pop.addEventListener('keydown', (e) => { if (e.key === 'Escape') close(); });
  const box = wrap.getBoundingClientRect();
  pop.style.left = `${Math.max(0, Math.min(box.width - 180, at.clientX - box.left + 12))}px`;
  pop.style.top = `${Math.max(0, at.clientY - box.top + 12)}px`;
  wrap.append(pop);
  const outside = (e) => { if (!e.composedPath().includes(pop)) close(); };
  setTimeout(() => document.addEventListener('pointerdown', outside, true), 0);
  pop.querySelector('button, input')?.focus();
  return close;
}
