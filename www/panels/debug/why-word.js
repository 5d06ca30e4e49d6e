// Why it writes this word: type a word (or pick a surprising one) and the training words whose
// training made it more likely are listed beside those that made it less likely — TracIn over the
// timeline, the core's influence(word). Clicking a word selects it in the word editor.

import { h } from '../../dom.js';

const TOP = 10;

/** The section; `dbg` is the debug panel's shared context (`client`, `revealWord(word)`). */
export function whyWordSection(dbg) {
  const field = h('input', { type: 'text', name: 'why-word', autocomplete: 'off', spellcheck: 'false', placeholder: 'a word, e.g. emma', 'aria-label': 'Word to explain' });
  const run = h('button', { type: 'button', onclick: () => explain(field.value.trim()) }, 'Why this word?');
  field.addEventListener('keydown', (e) => { if (e.key === 'Enter') explain(field.value.trim()); });
  const status = h('p', { class: 'hint', 'aria-live': 'polite' }, 'Which training words made the program write a word (TracIn over the timeline; the bigram and the MLP).');
  const lists = h('div', { class: 'why-lists' });

  const column = (title, items, kind) => h('div', { class: `why-column ${kind}` },
    h('span', { class: 'field-label' }, title),
    h('ol', { class: 'debug-list' }, ...items.map((w) => h('li', {},
      h('button', { type: 'button', class: 'linkish', onclick: () => dbg.revealWord(w.word) }, w.word),
      h('small', {}, ` ${w.score.toExponential(1)}`)))));

  /** Explains `word`: lists the training words for and against it. */
  async function explain(word) {
    if (!word) return;
    field.value = word;
    run.disabled = true;
    status.textContent = `Asking which training words shaped "${word}"…`;
    try {
      const r = await dbg.client.influence(word, { top: TOP });
      status.textContent = `"${r.word}": ${r.proponents.length} training words made it more likely, ${r.opponents.length} less likely (strongest first).`;
      lists.replaceChildren(column('Made it more likely', r.proponents, 'proponents'), column('Made it less likely', r.opponents, 'opponents'));
    } catch (e) {
      status.textContent = e.message;
      lists.replaceChildren();
    } finally {
      run.disabled = false;
    }
  }

  const element = h('div', { class: 'debug-section why-word-section', hidden: true },
    h('h3', {}, 'Why it writes this word'),
    h('div', { class: 'row wrap' }, field, run),
    status, lists);
  return {
    element,
    explain,
    /** Forgets the answer: after a change of the data it no longer holds. */
    clear() { lists.replaceChildren(); },
  };
}
