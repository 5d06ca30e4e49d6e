// Versions of the dataset, like commits: commit with a message, list, check out, and diff two
// versions (added / removed / relabelled, drawn on the canvas as + / − / ~).

import { h, select } from '../dom.js';
import { BoundaryView } from '../views/boundary-view.js';

const COMPARE_STEPS = 500;

const pct = (v) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)} %`);
const num = (v) => (v === null || v === undefined ? '–' : v.toPrecision(3));

/** How well one version's model did: accuracies, or squared errors for regression. */
function scoreLine(m) {
  return m.trainAccuracy === null
    ? `test MSE ${num(m.testLoss)} · train MSE ${num(m.trainLoss)}`
    : `test ${pct(m.testAccuracy)} · train ${pct(m.trainAccuracy)}`;
}

/** A small boundary view with a caption, for one trained version. */
function comparisonCard(t) {
  const canvas = h('canvas', { class: 'compare-canvas', 'aria-label': `Boundary of a model trained on ${t.version}` });
  const card = h('figure', { class: 'compare-card' }, canvas,
    h('figcaption', {}, h('code', {}, t.version), h('br'), scoreLine(t.metrics)));
  if (t.boundary) {
    const view = new BoundaryView(canvas);
    view.setPoints(t.points, t.testMask, t.boundary.range);
    view.setGrid(t.boundary);
  } else {
    canvas.remove();
  }
  return card;
}

/** The versions panel around `client`; `showDiff(diff | null)` draws marks; `message(text, kind)`. */
export function versionsPanel(client, { showDiff, message, originToggle }) {
  const text = h('input', { type: 'text', name: 'commit-message', placeholder: 'What changed in the data?', 'aria-label': 'Commit message' });
  const list = h('ol', { class: 'versions' });
  const none = h('p', { class: 'hint' }, 'No versions yet: type what changed and press Commit to keep this dataset as a version.');
  const from = select('diff-from', []);
  const to = select('diff-to', []);
  from.setAttribute('aria-label', 'Diff from version');
  to.setAttribute('aria-label', 'Diff to version');
  const summary = h('p', { class: 'diff-summary', 'aria-live': 'polite' });
  let shown = false;
  // Until the user picks, a diff runs from the newest commit to the current data.
  const pinned = new Set();
  from.addEventListener('change', () => pinned.add(from));
  to.addEventListener('change', () => pinned.add(to));

  const act = async (fn) => {
    try {
      await fn();
    } catch (e) {
      message(e.message, 'error');
    }
  };
  const commit = () => act(async () => {
    const id = await client.commit(text.value);
    text.value = '';
    message(`Committed ${id}.`, 'info');
  });
  text.addEventListener('keydown', (e) => { if (e.key === 'Enter') commit(); });

  const runDiff = () => act(async () => {
    const d = await client.diff(from.value, to.value);
    summary.replaceChildren(
      h('span', { class: 'diff-added' }, `+${d.added.length} added`), ' · ',
      h('span', { class: 'diff-removed' }, `−${d.removed.length} removed`), ' · ',
      h('span', { class: 'diff-relabelled' }, `~${d.relabelled.length} relabelled`),
      h('small', {}, ` (${from.value} → ${to.value})`));
    shown = true;
    showDiff(d);
  });
  const hideDiff = () => {
    shown = false;
    summary.textContent = '';
    comparison.replaceChildren();
    showDiff(null);
  };
  const comparison = h('div', { class: 'comparison', 'aria-live': 'polite' });
  const compare = () => act(async () => {
    comparison.replaceChildren(h('small', {}, `Training a fresh model on each version (${COMPARE_STEPS} steps, same seed)…`));
    const pair = await client.compareVersions(from.value, to.value, { steps: COMPARE_STEPS });
    comparison.replaceChildren(...pair.map(comparisonCard));
  });

  async function refresh() {
    let versions = [];
    try {
      versions = await client.versions();
    } catch {
      return;
    }
    none.hidden = versions.length > 0;
    list.replaceChildren(...versions.slice().reverse().map((v) => h('li', { class: v.current ? 'current' : '' },
      h('div', {}, h('code', {}, v.id), ' ', v.message),
      h('small', {}, `${v.examples} examples · ${v.task === 'regression' ? 'values' : `classes ${v.classes.join(', ')}`}`, v.current ? ' · current' : '', v.trained ? ' · trained' : ''),
      h('button', { type: 'button', class: 'small', disabled: v.current, onclick: () => act(() => client.checkout(v.id)) }, 'Check out'))));
    const options = [...versions.map((v) => [v.id, `${v.id} ${v.message}`.slice(0, 40)]), ['current', 'current data']];
    const defaults = new Map([[from, (versions[versions.length - 1] || { id: 'current' }).id], [to, 'current']]);
    for (const [sel, fallback] of defaults) {
      const keep = sel.value;
      sel.replaceChildren(...options.map(([v, t]) => h('option', { value: v }, t)));
      sel.value = pinned.has(sel) && options.some(([v]) => v === keep) ? keep : fallback;
    }
  }
  client.addEventListener('versions', refresh);
  client.addEventListener('data', (e) => {
    // Comparing trains two networks on points or images; a word list has no boundary to compare.
    compareButton.hidden = Boolean(e.detail.data.words || e.detail.data.lines);
    if (originToggle) originToggle.hidden = Boolean(e.detail.data.words || e.detail.data.lines);
    refresh();
    if (shown) runDiff();
  });
  const compareButton = h('button', { type: 'button', title: 'Train the same network from the same seed on both versions and show their boundaries side by side', onclick: compare }, 'Compare models');

  const element = h('section', { class: 'panel versions-panel' },
    h('h2', {}, 'Versions ', h('em', {}, 'commits of the data')),
    h('div', { class: 'row' }, text, h('button', { type: 'button', onclick: commit }, 'Commit')),
    none,
    list,
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Diff'),
      h('div', { class: 'row' }, from, h('span', {}, '→'), to),
      h('div', { class: 'row' }, h('button', { type: 'button', onclick: runDiff }, 'Show diff'), h('button', { type: 'button', onclick: hideDiff }, 'Hide')),
      originToggle || null,
      compareButton),
    summary,
    comparison);
  return { element, refresh };
}
