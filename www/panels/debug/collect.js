// How sure the program is and where its data is thin: shadings of uncertainty and data density
// over the canvas, and suggestions (? markers) of where to collect next. A ? is answered with a
// click on it (or from the list, by keyboard) and becomes a point, one undoable step.

import { h, field } from '../../dom.js';
import { swatchStyle } from '../../palette.js';

const SHADE_SIZE = 48;

/** The section; `dbg` is the debug panel's shared context. */
export function collectSection(dbg) {
  let suggestions = [];
  let answering = false; // the data change under way is a ? being answered: keep the other ?s
  const showUncertainty = h('input', { type: 'checkbox', name: 'shade-uncertainty' });
  const showDensity = h('input', { type: 'checkbox', name: 'shade-density' });
  const count = h('input', { type: 'number', name: 'suggest-count', min: 1, max: 20, value: 5 });
  const list = h('ul', { class: 'debug-list suggestions' });

  async function shade() {
    try {
      dbg.overlay.setShade('uncertainty', showUncertainty.checked ? await dbg.client.uncertainty(SHADE_SIZE) : null);
    } catch (e) {
      showUncertainty.checked = false;
      dbg.message(e.message, 'info');
    }
    try {
      dbg.overlay.setShade('density', showDensity.checked ? await dbg.client.density(SHADE_SIZE) : null);
    } catch {
      dbg.overlay.setShade('density', null);
    }
  }
  showUncertainty.addEventListener('change', shade);
  showDensity.addEventListener('change', shade);

  function show(next) {
    suggestions = next;
    dbg.overlay.setSuggestions(suggestions);
    const classes = dbg.classes();
    list.replaceChildren(...suggestions.map((s, i) => h('li', {},
      h('span', {}, `? at (${s.x.toFixed(2)}, ${s.y.toFixed(2)}) · ${Math.round(s.score * 100)} % unsure`),
      dbg.regression()
        ? h('button', { type: 'button', class: 'small', onclick: (e) => answerAt(i, e) }, 'Give a value…')
        : h('span', { class: 'answer' }, ...classes.map((c) => h('button', {
          type: 'button', class: 'swatch mini', style: swatchStyle(c), 'aria-label': `Label the place ${i + 1} as ${dbg.nameOf(c)}`, onclick: () => answer(i, c),
        }, dbg.nameOf(c)))))));
  }

  async function suggest() {
    try {
      show(await dbg.client.suggest({ count: Number(count.value) || 5 }));
      if (suggestions.length) dbg.message(`${suggestions.length} places where a label would teach the most are marked ?: click one to label it.`, 'info');
    } catch (e) {
      dbg.message(e.message, 'error');
    }
  }

  /** Labels suggestion `i` with `target` (a class, or a value for regression): one undoable edit. */
  async function answer(i, target) {
    const s = suggestions[i];
    if (!s) return;
    const point = dbg.regression() ? { x: s.x, y: s.y, value: target } : { x: s.x, y: s.y, label: target };
    try {
      answering = true;
      await dbg.addPoint(point);
      show(suggestions.filter((_, k) => k !== i));
    } catch (e) {
      dbg.message(e.message, 'error');
    } finally {
      answering = false;
    }
  }

  /** Opens the class (or value) question at the ? under the pointer. */
  function answerAt(i, event) {
    dbg.ask(event, dbg.regression() ? null : dbg.classes(), (target) => answer(i, target));
  }

  const element = h('div', { class: 'debug-section' },
    h('h3', {}, 'Where to collect next'),
    h('label', { class: 'check' }, showUncertainty, ' shade where the network is unsure'),
    h('label', { class: 'check' }, showDensity, ' shade where the training data is dense'),
    h('p', { class: 'hint' }, 'Unsure and bare at once is a blind spot: confident there only by chance.'),
    h('div', { class: 'row' }, field('Places', count), h('button', { type: 'button', class: 'accent', onclick: suggest }, '? Suggest where to collect')),
    list);
  return {
    element,
    answerAt,
    /** New data or weights: the shadings follow; answered places stay answered. */
    refresh: shade,
    /** Forgets the suggestions when the data changed under them (not when one was just answered). */
    clear() { if (!answering) show([]); },
    setTwoD(twoD) { element.hidden = !twoD; if (!twoD) { show([]); showUncertainty.checked = false; showDensity.checked = false; shade(); } },
  };
}
