// Why it predicts this: click a place on the canvas (or explain the drawn image) and the training
// examples that pushed the prediction towards its class glow green, those that pushed away red.

import { h } from '../../dom.js';

const TOP = 8;

/** The section; `dbg` is the debug panel's shared context. */
export function whySection(dbg) {
  let on = false;
  const toggle = h('button', { type: 'button', 'aria-pressed': 'false', onclick: () => setOn(!on) }, '? Why — click the canvas');
  const explainDrawn = h('button', { type: 'button', hidden: true, onclick: () => explain(dbg.drawnPixels(), 'the drawn image') }, 'Why this prediction for the drawn image?');
  const status = h('p', { class: 'hint', 'aria-live': 'polite' }, 'Influence by TracIn over the timeline: examples whose training lowered (green) or raised (red) the loss of the prediction here.');
  const lists = h('div', { class: 'why-lists' });

  function setOn(next) {
    on = next;
    toggle.setAttribute('aria-pressed', String(on));
    dbg.setMode(on ? 'why' : null);
    if (!on) dbg.overlay.setGlows(null);
  }

  const column = (title, items, kind) => h('div', { class: `why-column ${kind}` },
    h('span', { class: 'field-label' }, title),
    h('ol', { class: 'debug-list' }, ...items.map((g) => h('li', {}, dbg.thumbnail(g.index),
      h('button', { type: 'button', class: 'linkish', onclick: () => dbg.mark([g.index], `example #${g.index}`) }, `#${g.index} (${dbg.nameOf(dbg.labelOf(g.index))})`),
      h('small', {}, ` ${g.score.toExponential(1)}`)))));

  /** Explains the prediction at `input` (`{ x, y }` or pixels); regression needs the `value` wanted there. */
  async function explain(input, what, value) {
    status.textContent = `Asking which examples shaped the prediction at ${what}…`;
    try {
      const r = await dbg.client.influence(input, { top: TOP, value });
      const query = input.x === undefined ? null : input;
      dbg.overlay.setGlows({ ...r, query });
      const target = r.label === null ? `the value ${r.value}` : `class ${dbg.nameOf(r.label)}`;
      status.textContent = `At ${what}, towards ${target}: ${r.proponents.length} examples pushed the prediction there (green), ${r.opponents.length} away (red).`;
      lists.replaceChildren(column('Pushed towards it', r.proponents, 'proponents'), column('Pushed away', r.opponents, 'opponents'));
    } catch (e) {
      status.textContent = e.message;
      lists.replaceChildren();
    }
  }

  const element = h('div', { class: 'debug-section' },
    h('h3', {}, 'Why it predicts this'),
    h('div', { class: 'row wrap' }, toggle, explainDrawn),
    status, lists);
  return {
    element,
    /** A canvas click in "why?" mode; for values, asks first which value it should predict there. */
    at(p, event) {
      const what = `(${p.x.toFixed(2)}, ${p.y.toFixed(2)})`;
      if (dbg.regression()) dbg.ask(event, null, (value) => explain(p, what, value), 'Which value should it predict here?');
      else explain(p, what);
    },
    /** Leaves "why?" mode (another tool took the canvas). */
    stop() { if (on) setOn(false); },
    clear() { dbg.overlay.setGlows(null); lists.replaceChildren(); },
    setTwoD(twoD) { toggle.hidden = !twoD; explainDrawn.hidden = twoD; if (!twoD) setOn(false); },
  };
}
