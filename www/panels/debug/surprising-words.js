// Debugging a word list: the words the program finds most surprising — highest loss per character —
// are where typos, foreign entries and junk pasted into the list hide. The ranking is the core's
// diagnose(); clicking a word selects it in the word editor, ready to fix or delete.

import { h } from '../../dom.js';

const SHOWN = 25;
const WAITING = 'Train, then list the words the program finds hardest to believe: typos, foreign entries, junk pasted in.';

/** The section; `dbg` is the debug panel's shared context (`client`, `revealWord(word)`). */
export function surprisingWordsSection(dbg) {
  const hint = h('p', { class: 'hint', 'aria-live': 'polite' }, WAITING);
  const list = h('ol', { class: 'debug-list surprising-words' });
  const run = h('button', { type: 'button', onclick: () => refresh() }, 'List the most surprising words');

  async function refresh() {
    run.disabled = true;
    hint.textContent = 'Scoring every word…';
    try {
      const { words } = await dbg.client.diagnose();
      hint.textContent = `The ${Math.min(SHOWN, words.length)} of ${words.length.toLocaleString('en-US')} words with the highest loss per character (nats), highest first. Click one to select it in the list.`;
      list.replaceChildren(...words.slice(0, SHOWN).map((w) => h('li', {},
        h('button', { type: 'button', class: 'linkish', onclick: () => dbg.revealWord(w.word) }, w.word),
        h('small', {}, `${w.loss.toFixed(2)} nats/char · ${w.split} `),
        dbg.explainWord ? h('button', { type: 'button', class: 'linkish', 'aria-label': `Why does it write ${w.word}?`, onclick: () => dbg.explainWord(w.word) }, 'why?') : null)));
    } catch (e) {
      hint.textContent = e.message;
      list.replaceChildren();
    } finally {
      run.disabled = false;
    }
  }

  const element = h('div', { class: 'debug-section surprising-section', hidden: true },
    h('h3', {}, 'The most surprising words'),
    h('p', { class: 'hint' }, 'There is no faulty line in a word program either: the words it cannot believe point at the data to fix.'),
    run, hint, list);
  return {
    element,
    refresh,
    /** Forgets the list: after a change of the data its ranking no longer holds. */
    clear() { list.replaceChildren(); hint.textContent = WAITING; },
  };
}
