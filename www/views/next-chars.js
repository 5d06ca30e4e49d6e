// What the program would write next: one bar per character, longest for the likeliest, as the core's
// nextChars(prefix) ranks them. The bars only draw the core's probabilities; nothing is computed here.

import { h } from '../dom.js';

const SHOWN = 12; // the likeliest characters get a bar each; the rest are summed up in one line

/** How a token reads on the page: the end token `.` says what it means. */
export function tokenName(char) {
  return char === '.' ? 'end of word' : `'${char}'`;
}

/** A probability as a percentage with one decimal (`4.2 %`), `< 0.1 %` for tiny ones. */
export function percent(p) {
  return p > 0 && p < 0.0005 ? '< 0.1 %' : `${(p * 100).toFixed(1)} %`;
}

/**
 * The bars for one prefix. `element` holds them; `show(list, prefix)` draws `[{ char, probability }]`
 * (most likely first, as `nextChars` gives it); `clear(note)` replaces them with a sentence.
 */
export function nextCharsView() {
  const caption = h('p', { class: 'next-caption', 'aria-live': 'polite' });
  const list = h('ol', { class: 'next-chars' });
  const more = h('p', { class: 'hint next-more' });
  const element = h('figure', { class: 'next-figure' }, h('figcaption', {}, caption), list, more);

  return {
    element,
    /** Draws the core's ranking of the characters that may follow `prefix`. */
    show(ranked, prefix) {
      caption.textContent = prefix ? `After '${prefix}' it writes…` : 'The first letter of a word…';
      const top = ranked.slice(0, SHOWN);
      const best = top.length ? top[0].probability : 1;
      list.replaceChildren(...top.map(({ char, probability }) => h('li', { class: `next-bar${char === '.' ? ' end' : ''}` },
        h('span', { class: 'next-char' }, char === '.' ? 'end' : char),
        // Scaled to the likeliest bar so the ranking reads at a glance; the number says the probability.
        h('span', { class: 'next-track', 'aria-hidden': 'true' }, h('i', { style: `--share:${best > 0 ? probability / best : 0}` })),
        h('span', { class: 'next-p' }, percent(probability)))));
      const rest = ranked.length - top.length;
      more.textContent = rest > 0 ? `${rest} more characters, each less likely.` : '';
      more.hidden = rest <= 0;
    },
    /** Shows `note` instead of bars (no program yet, or a prefix the program cannot read). */
    clear(note) {
      caption.textContent = note;
      list.replaceChildren();
      more.hidden = true;
    },
  };
}
