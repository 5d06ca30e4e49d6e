// Running a program that writes words: a handful of samples, fresh every second while it trains, a
// temperature slider, a prefix every sample starts with, how many samples are copies of training
// words (memorised rather than invented), and the bars of what it would write after the prefix.
// Samples, copies and probabilities are the core's (sample, nextChars); this panel only shows them.

import { h } from '../dom.js';
import { nextCharsView } from '../views/next-chars.js';
import { followProgram } from './follow-program.js';

const SAMPLES = 20;
const LIVE_EVERY_MS = 1000; // fresh samples while training
const TYPING_PAUSE_MS = 60; // the prefix and the slider answer while you type, without a call per key

/**
 * Builds the panel around `client` (the public API). It stays quiet until `setActive(true)` (the
 * data is a word list); then it follows training, the data and the configuration by itself.
 * `refresh()` asks the core again now.
 */
export function writingPanel(client) {
  let seed = 1;
  let timer = 0;

  const temperature = h('input', { type: 'range', name: 'temperature', min: 0.1, max: 2, step: 0.05, value: 1, 'aria-describedby': 'temperature-hint' });
  const tempOut = h('output', { class: 'temperature-value' }, '1.00');
  const prefix = h('input', {
    type: 'text', name: 'prefix', id: 'writing-prefix', autocomplete: 'off', spellcheck: 'false', maxlength: 31,
    placeholder: 'e.g. mar', 'aria-describedby': 'prefix-error',
  });
  const prefixError = h('p', { class: 'field-error', id: 'prefix-error', 'aria-live': 'polite' });
  const list = h('ul', { class: 'samples', 'aria-label': 'Words the program wrote' });
  const memory = h('p', { class: 'memorised' });
  const bars = nextCharsView();
  const soon = () => { clearTimeout(timer); timer = setTimeout(refresh, TYPING_PAUSE_MS); };
  temperature.addEventListener('input', () => { tempOut.textContent = Number(temperature.value).toFixed(2); soon(); });
  prefix.addEventListener('input', soon);
  const fresh = h('button', { type: 'button', title: 'Draw another handful (the next seed)', onclick: () => { seed += 1; refresh(); } }, '↻ New samples');

  const element = h('section', { class: 'panel writing-panel' },
    h('h2', {}, 'What it writes ', h('em', {}, 'running the program')),
    h('div', { class: 'writing-controls' },
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Temperature ', tempOut), temperature,
        h('small', { id: 'temperature-hint' }, 'Low: the likeliest spellings. High: adventurous ones.')),
      h('div', { class: 'field' },
        h('label', { class: 'field-label', for: 'writing-prefix' }, 'Starts with'),
        h('div', { class: 'row' }, prefix, fresh),
        prefixError)),
    list,
    memory,
    bars.element);

  /** Marks the prefix part of a sample, so "starts with" reads at a glance. */
  const sampleItem = ({ word, isNew, logprob }, start) => h('li', {
    class: `sample${isNew ? '' : ' copy'}`,
    title: `${word || '(empty)'}: ${isNew ? 'a new word' : 'a copy of a training word'} · log-probability ${logprob.toFixed(2)} nats`,
  }, start ? h('b', {}, word.slice(0, start.length)) : null, word.slice(start.length),
  // It may end a word before writing anything: say so rather than show an empty box.
  word === '' ? h('span', { class: 'empty-word' }, '(empty word)') : null,
  isNew ? null : h('small', {}, 'copy'));

  function showSamples(samples, start) {
    list.replaceChildren(...samples.map((s) => sampleItem(s, start)));
    const copies = samples.filter((s) => !s.isNew).length;
    memory.replaceChildren(
      h('strong', {}, `${copies} of ${samples.length}`),
      ` samples (${Math.round((100 * copies) / samples.length)} %) are copies of training words — memorised, not invented.`);
  }

  /** Asks the core for samples and the next-character bars, and shows them. */
  async function draw() {
    const start = prefix.value;
    const options = { count: SAMPLES, temperature: Number(temperature.value), prefix: start, seed };
    try {
      const [samples, next] = await Promise.all([client.sample(options), client.nextChars(start)]);
      showSamples(samples, start);
      bars.show(next, start);
      prefixError.textContent = '';
      prefix.removeAttribute('aria-invalid');
    } catch (e) {
      // A prefix with a character the program never saw: said beside the box, not in a pop-up.
      prefixError.textContent = e.message;
      prefix.setAttribute('aria-invalid', String(start !== ''));
      bars.clear(start ? `No bars for '${start}'.` : 'No program to ask yet.');
    }
  }
  const { refresh, setActive } = followProgram(client, element, draw, { everyMs: LIVE_EVERY_MS });

  return {
    element,
    refresh,
    /** Whether the data is a word list: only then does the panel ask the core anything. */
    setActive,
    /** Types `text` into the prefix box (a lesson or a link can start from a prefix). */
    setPrefix(text) { prefix.value = text; refresh(); },
  };
}
