// Slices: regions drawn on the canvas or sets of classes, each scored beside the whole — a model
// can be right on average and wrong on the slice that matters.

import { h, select } from '../../dom.js';

const fmt = (v) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(0)} %`);
const num = (v) => (v === null || v === undefined ? '–' : v.toFixed(3));

/** The section; `dbg` is the debug panel's shared context. */
export function slicesSection(dbg) {
  let slices = [];
  let drawing = false;
  const table = h('table', { class: 'slices-table' });
  const drawButton = h('button', { type: 'button', 'aria-pressed': 'false', onclick: () => setDrawing(!drawing) }, '▭ Draw a slice');
  const classPick = select('slice-class', []);
  classPick.setAttribute('aria-label', 'Class to slice by');
  const byClass = h('button', { type: 'button', onclick: () => addSlice({ name: `class ${dbg.nameOf(Number(classPick.value))}`, labels: [Number(classPick.value)] }) }, '+ Class slice');

  function setDrawing(on) {
    drawing = on;
    drawButton.setAttribute('aria-pressed', String(on));
    drawButton.textContent = on ? 'Drag on the canvas…' : '▭ Draw a slice';
    dbg.setMode(on ? 'slice' : null);
  }

  function addSlice(slice) {
    slices = [...slices, slice];
    dbg.overlay.setSlices(slices);
    refresh();
  }

  function remove(i) {
    slices = slices.filter((_, k) => k !== i);
    dbg.overlay.setSlices(slices);
    refresh();
  }

  const row = (s, i) => h('tr', {},
    h('th', { scope: 'row' }, s.name),
    h('td', {}, `${s.train.count} / ${s.test.count}`),
    h('td', {}, dbg.regression() ? num(s.train.loss) : fmt(s.train.accuracy)),
    h('td', {}, dbg.regression() ? num(s.test.loss) : fmt(s.test.accuracy)),
    h('td', {}, i === null ? '' : h('button', { type: 'button', class: 'small', 'aria-label': `Remove slice ${s.name}`, onclick: () => remove(i) }, '×')));

  async function refresh() {
    const kind = dbg.regression() ? 'MSE' : 'acc.';
    const head = h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'slice'), h('th', { scope: 'col' }, 'n train / test'),
      h('th', { scope: 'col' }, `train ${kind}`), h('th', { scope: 'col' }, `test ${kind}`), h('th', { scope: 'col' }, '')));
    try {
      const report = await dbg.client.sliceMetrics(slices.map(({ name, region, labels }) => (region ? { name, region } : { name, labels })));
      table.replaceChildren(head, h('tbody', {}, row(report.whole, null), ...report.slices.map(row)));
    } catch (e) {
      table.replaceChildren(h('caption', {}, slices.length ? e.message : 'Train first, then draw slices.'));
    }
  }

  /** The classes present, for the class picker. */
  function showClasses(labels) {
    const keep = classPick.value;
    classPick.replaceChildren(...labels.map((l) => h('option', { value: l }, dbg.nameOf(l))));
    if (labels.map(String).includes(keep)) classPick.value = keep;
    byClass.disabled = labels.length === 0;
  }

  const element = h('div', { class: 'debug-section' },
    h('h3', {}, 'Slices'),
    h('p', { class: 'hint' }, 'Score a part of the data beside the whole: draw a rectangle on the canvas, or pick a class.'),
    h('div', { class: 'row wrap' }, drawButton, classPick, byClass),
    table);
  return {
    element,
    refresh,
    showClasses,
    /** A rectangle drawn on the canvas becomes a slice. */
    addRegion(region) {
      setDrawing(false);
      addSlice({ name: `region ${slices.filter((s) => s.region).length + 1}`, region });
    },
    /** Leaves drawing mode (another tool took the canvas). */
    stopDrawing() { if (drawing) setDrawing(false); },
    /** Image datasets have no square to draw on. */
    setTwoD(twoD) { drawButton.hidden = !twoD; if (!twoD) { slices = slices.filter((s) => !s.region); dbg.overlay.setSlices(slices); } },
  };
}
