// Training dynamics: the data map of the training examples — easy, ambiguous, hard to learn — and
// how many of the label-error finder's picks are among the hard ones, where mislabels hide.

import { h } from '../../dom.js';
import { DataMapPlot, REGION_COLOUR } from '../../views/data-map-plot.js';

/** The section; `dbg` is the debug panel's shared context. */
export function dataMapSection(dbg) {
  let map = [];
  let flagged = [];
  const canvas = h('canvas', { class: 'data-map', 'aria-label': 'Data map: each training example by the variability (x) and mean confidence (y) of its own label over training; click a dot to mark it' });
  const plot = new DataMapPlot(canvas, (index) => {
    plot.pick(index);
    const p = map.find((m) => m.index === index);
    dbg.mark([index], `example #${index}: ${p.region}, ${Math.round(p.confidence * 100)} % confident on average`);
  });
  const counts = h('p', { class: 'hint', 'aria-live': 'polite' }, 'Train, then map how each example was learnt.');

  function render() {
    plot.show(map, flagged);
    if (!map.length) {
      counts.textContent = 'Train, then map how each example was learnt.';
      return;
    }
    const by = (r) => map.counts[r];
    const hard = new Set(map.filter((p) => p.region === 'hard').map((p) => p.index));
    const inHard = flagged.filter((i) => hard.has(i)).length;
    counts.replaceChildren(
      ...['easy', 'ambiguous', 'hard'].map((r) => h('span', { class: `count region-${r}`, style: `--swatch:${REGION_COLOUR[r]}` }, `${by(r)} ${r === 'hard' ? 'hard to learn' : r}`)),
      flagged.length ? h('span', {}, ` ${inHard} of the ${flagged.length} suspected label errors are hard to learn.`) : '');
  }

  async function refresh() {
    try {
      map = await dbg.client.dataMap();
      render();
    } catch (e) {
      map = [];
      render();
      counts.textContent = e.message;
    }
  }

  const element = h('div', { class: 'debug-section' },
    h('h3', {}, 'How each example was learnt'),
    h('p', { class: 'hint' }, 'Mean confidence in its own label over training (y) against how much it swung (x): top left easy, right ambiguous, bottom hard to learn.'),
    canvas, counts);
  return {
    element,
    refresh,
    /** The label-error finder's picks, ringed on the map and counted against the hard region. */
    setFlagged(indices) { flagged = indices; render(); },
    clear() { map = []; flagged = []; render(); },
    setEnabled(classes) { element.hidden = !classes; },
  };
}
