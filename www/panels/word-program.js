// A word program as a picture: the bigram's table (row: the character before, column: the next)
// and the map of the characters' embeddings. The table's cells are the core's nextChars for each
// one-character prefix; the map is the core's `embeddings().projection`. Redrawn after training,
// every few seconds while it trains (when in view), and at a past step of the timeline (the map).

import { h } from '../dom.js';
import { BigramTable } from '../views/bigram-table.js';
import { EmbeddingMap } from '../views/embedding-map.js';
import { followProgram } from './follow-program.js';

const LIVE_EVERY_MS = 2500; // while training: a table is a few dozen calls, so less often than samples

/**
 * Builds the picture around `client`. Quiet until `setActive(true)` (a word list); `setStep(step)`
 * shows the map at a past step of the timeline (`null`: now); `refresh()` redraws from the core.
 */
export function wordProgram(client) {
  let step = null;

  const table = new BigramTable();
  const map = new EmbeddingMap();
  const tableHint = h('p', { class: 'hint' }, 'The whole bigram program: the probability of each next character given the one before.');
  const element = h('div', { class: 'word-program' },
    h('section', { class: 'word-figure' }, h('h3', {}, 'The table it learned'), tableHint, table.element),
    h('section', { class: 'word-figure' }, h('h3', {}, 'How it sees each character'),
      h('p', { class: 'hint' }, "Each character at its place on the core's 2D map of its embedding: characters the program uses alike sit close together."),
      map.element));

  /** The core's probabilities of every next character after each character: one nextChars per row. */
  async function tableRows(chars) {
    const ranked = await Promise.all(chars.map((c) => client.nextChars(c === '.' ? '' : c)));
    return ranked.map((row) => {
      const byChar = new Map(row.map((n) => [n.char, n.probability]));
      return chars.map((c) => byChar.get(c) ?? 0);
    });
  }

  async function draw() {
    try {
      const config = client.config?.text || (await client.getConfig()).text;
      const embedding = await client.embeddings(step === null ? {} : { step });
      map.show(embedding);
      tableHint.hidden = config.architecture !== 'bigram';
      if (config.architecture !== 'bigram') {
        const reads = config.architecture === 'mlp' ? `an MLP: it reads the last ${config.context} characters through their embeddings` : `a ${config.architecture}: it reads several characters at once`;
        table.clear(`This program is ${reads}, so it has no single table. Choose the bigram in the Network tab to see one.`);
      } else if (step !== null) {
        table.clear(`The table shows the program as it is now; the map below shows step ${step}. Back to live to read the table.`);
      } else {
        table.show(embedding.chars, await tableRows(embedding.chars));
      }
    } catch (e) {
      table.clear(e.message);
      map.clear(e.message);
    }
  }
  const { refresh, setActive } = followProgram(client, element, draw, { everyMs: LIVE_EVERY_MS });

  return {
    element,
    refresh,
    /** Whether the data is a word list: only then does the picture ask the core anything. */
    setActive,
    /** Shows the map at a past timeline `step` (`null`: live). */
    setStep(next) {
      step = next;
      refresh();
    },
  };
}
