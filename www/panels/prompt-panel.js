// The Prompt tool: type a prompt, press Run, and the program writes what follows, one character at
// a time, each with how sure it was and what else it considered. On the prompt model the prompt
// picks which program the same weights run (Software 3.0); on a names model it finishes a name.
// The characters and their probabilities are the core's (`complete`); this panel only shows them.

import { h } from '../dom.js';
import { percent, tokenName } from '../views/next-chars.js';

const REVEAL_MS = 70; // one character after another, as the program wrote them

/** Prompts to click: for the prompt model, one per kind of program; for names, a start. */
const EXAMPLES = {
  lines: ['reverse: plan =>', 'sort the letters: dcab =>', 'how many letters in: river =>', 'capitalise: ada =>',
    'remove the vowels: planet =>', 'double each letter: sam =>', 'last letter of: piano =>'],
  words: ['mar', 'ja', 'el'],
};

/**
 * Builds the panel around `client` (the public API). Until `setActive(true)` (text data) it says
 * what it needs and offers `loadPrompts()`, the shipped prompt model; `setKind('lines' | 'words')`
 * picks the examples. `run(prompt)` asks the core and shows the answer.
 */
export function promptPanel(client, { loadPrompts }) {
  let kind = 'lines';
  let shown = 0; // which answer is being revealed: a newer run stops an older reveal

  const input = h('input', {
    type: 'text', name: 'prompt', id: 'prompt-input', autocomplete: 'off', spellcheck: 'false', maxlength: 63,
    placeholder: 'reverse: plan =>', 'aria-describedby': 'prompt-error prompt-hint',
  });
  const temperature = h('select', { name: 'prompt-temperature', 'aria-label': 'How it picks each character' },
    h('option', { value: '0' }, 'the likeliest (temperature 0)'),
    h('option', { value: '0.7' }, 'a draw, cautious (0.7)'),
    h('option', { value: '1' }, 'a draw, as trained (1)'));
  const error = h('p', { class: 'field-error', id: 'prompt-error', 'aria-live': 'polite' });
  const answer = h('p', { class: 'prompt-answer', 'aria-live': 'polite' });
  const steps = h('ol', { class: 'prompt-steps', 'aria-label': 'Each character it wrote, with its probability' });
  const stopped = h('p', { class: 'hint prompt-stopped' });
  const examples = h('div', { class: 'prompt-examples', role: 'group', 'aria-label': 'Example prompts' });
  const form = h('form', { class: 'prompt-form', onsubmit: (e) => { e.preventDefault(); run(input.value); } },
    h('label', { class: 'field-label', for: 'prompt-input' }, 'Prompt'),
    h('div', { class: 'row' }, input, h('button', { type: 'submit', class: 'accent' }, 'Run')),
    temperature,
    error);

  const needsText = h('div', { class: 'prompt-needs' },
    h('p', {}, 'A prompt needs a program that writes text: load a word list, or the prompt model — a small transformer trained on eight string programs, each named in plain English.'),
    h('button', { type: 'button', class: 'accent', onclick: () => loadPrompts() }, 'Load the prompt model'));
  const tool = h('div', { class: 'prompt-tool', hidden: true }, form, examples, answer, steps, stopped);
  const element = h('section', { class: 'panel prompt-panel' },
    h('h2', {}, 'Prompt ', h('em', {}, 'the prompt is the program')),
    h('p', { class: 'hint', id: 'prompt-hint' },
      'Type a prompt and press Run: the program writes what follows, one character at a time. Each character shows how sure it was; hover or focus one for what else it considered.'),
    needsText, tool);

  function showExamples() {
    examples.replaceChildren(h('span', { class: 'field-label' }, 'Try'), ...EXAMPLES[kind].map((text) =>
      h('button', { type: 'button', class: 'prompt-example', onclick: () => { input.value = text; run(text); } }, text)));
  }
  showExamples();

  /** One written character: the character, a bar as tall as its probability, the number. */
  const stepItem = ({ char, probability, alternatives }) => {
    const others = alternatives.map((a) => `${tokenName(a.char)} ${percent(a.probability)}`).join(', ');
    return h('li', { class: 'prompt-step', tabindex: 0, title: `Else: ${others}`, 'aria-label': `${tokenName(char)}: ${percent(probability)}; else ${others}` },
      h('span', { class: 'prompt-char' }, char === ' ' ? '␣' : char),
      h('span', { class: 'prompt-track', 'aria-hidden': 'true' }, h('i', { style: `--share:${probability}` })),
      h('span', { class: 'prompt-p' }, percent(probability)));
  };

  const why = { end: 'It wrote the end: it thinks the answer is complete', maxChars: 'It stopped at the most characters asked for', length: 'It stopped: its context is full' };

  /** Asks the core to complete `prompt` and reveals the answer character by character. */
  async function run(prompt) {
    const mine = ++shown;
    try {
      const done = await client.complete(prompt, { maxChars: 40, temperature: Number(temperature.value), seed: mine });
      error.textContent = '';
      input.removeAttribute('aria-invalid');
      answer.replaceChildren(h('span', { class: 'prompt-echo' }, prompt), h('b', { class: 'prompt-text' }));
      steps.replaceChildren();
      stopped.textContent = '';
      for (const step of done.steps) {
        if (mine !== shown) return;
        answer.lastChild.textContent += step.char;
        steps.append(stepItem(step));
        await new Promise((resolve) => setTimeout(resolve, REVEAL_MS));
      }
      if (mine !== shown) return;
      const end = done.endProbability === null ? '' : ` (${percent(done.endProbability)} sure)`;
      stopped.textContent = `${why[done.stopped]}${end}.`;
      // Out of the shadow root to the element: a lesson or a page hears each answer as `completed`.
      element.dispatchEvent(new CustomEvent('completed', { detail: { prompt, ...done }, bubbles: true, composed: true }));
    } catch (e) {
      // A character the program never saw, or no program to ask: said under the box, no pop-up.
      error.textContent = e.message;
      input.setAttribute('aria-invalid', 'true');
    }
  }

  return {
    element,
    run,
    /** Whether the data is text (words or lines): only then is there a program to prompt. */
    setActive(on) { tool.hidden = !on; needsText.hidden = on; },
    /** `'lines'` (a prompt corpus) or `'words'`: which example prompts to offer. */
    setKind(next) { if (next !== kind) { kind = next; showExamples(); } },
    /** Types `text` into the box (a lesson can start from a prompt). */
    setPrompt(text) { input.value = text; },
  };
}
