// The data engine on the page: deploy the program into a world, let a trigger flag stream
// examples (? markers on the canvas, thumbnails for images), label them by click or keys 0–9 (or
// with the world), fold them in as one round, and watch world accuracy climb — then compare
// strategies on a curve run beside the network.

import { h, field, select } from '../dom.js';
import { swatchStyle } from '../palette.js';
import { paintImage } from '../views/draw-grid.js';
import { EngineOverlay } from '../views/engine-overlay.js';
import { drawCurves, curveColour } from '../views/curve-plot.js';
import { askLabel } from '../views/label-popover.js';

const WORLDS = [['same', 'like the data'], ['spiral', 'spiral'], ['moons', 'moons'], ['circle', 'circle'], ['xor', 'xor'],
  ['gaussian', 'gaussian'], ['wave', 'wave (values)'], ['hill', 'hill (values)'], ['digits', 'digits (images)']];
const TRIGGERS = [['blindspot', 'blind spots (unsure or unexplored)'], ['uncertainty', 'uncertainty'], ['disagreement', 'disagreement (committee)'], ['class', 'predicted class'], ['random', 'random']];
const pct = (v) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)} %`);

/**
 * `client` is the public API; `page` gives `view`, `brush`, `wrap` (the canvas's box),
 * `message(text, kind)`, `nameOf(label)`, `imageData()` (whether the data are images),
 * `regression()` (whether points carry values) and `presetName()` (the preset the data came from).
 */
export function enginePanel(client, page) {
  const overlay = new EngineOverlay(page.view);
  let queue = [];   // [{ id, x, y, pixels, predicted, label?, value? }]
  let picked = null; // the queued item keys 0–9 label
  let curve = null;

  const world = select('engine-world', WORLDS);
  world.setAttribute('aria-label', 'World to deploy into');
  const seed = h('input', { type: 'number', name: 'engine-seed', min: 0, step: 1, value: 7, 'aria-label': 'World seed' });
  const status = h('p', { class: 'engine-status', 'aria-live': 'polite' }, 'Not deployed. Deploy the current network into a world it was not trained on.');
  const trigger = select('engine-trigger', TRIGGERS);
  trigger.setAttribute('aria-label', 'Trigger');
  const klass = select('engine-class', Array.from({ length: 10 }, (_, c) => [c, `class ${c}`]));
  klass.setAttribute('aria-label', 'Class the trigger collects');
  klass.hidden = true;
  trigger.addEventListener('change', () => { klass.hidden = trigger.value !== 'class'; });
  const count = h('input', { type: 'number', name: 'engine-count', min: 1, max: 100, value: 10 });
  const steps = h('input', { type: 'number', name: 'engine-steps', min: 1, max: 20000, value: 300 });
  const fired = h('p', { class: 'hint engine-fired' });
  const list = h('ul', { class: 'engine-queue', 'aria-label': 'Flagged examples waiting for labels' });
  const rounds = h('canvas', { class: 'engine-rounds', role: 'img', 'aria-label': 'World accuracy after each round against labels spent' });
  const roundsNote = h('p', { class: 'hint' });
  const curveCanvas = h('canvas', { class: 'engine-curves', role: 'img', 'aria-label': 'World accuracy against labels for each strategy' });
  const curveLegend = h('div', { class: 'curve-legend' });
  const curveSummary = h('p', { class: 'curve-summary', 'aria-live': 'polite' });
  const progress = h('progress', { max: 1, value: 0, hidden: true, 'aria-label': 'Curve progress' });
  const curveRounds = h('input', { type: 'number', name: 'curve-rounds', min: 1, max: 50, value: 8 });
  const curveBudget = h('input', { type: 'number', name: 'curve-budget', min: 1, max: 500, value: 10 });
  const curveSeeds = h('input', { type: 'number', name: 'curve-seeds', min: 1, max: 10, value: 3 });

  // A chart drawn while its tab was hidden is drawn again at its real size once it shows.
  const drawn = new Map();
  const draw = (canvas, series, options) => { drawn.set(canvas, [series, options]); drawCurves(canvas, series, options); };
  const resized = new ResizeObserver((entries) => entries.forEach(({ target }) => drawn.has(target) && drawCurves(target, ...drawn.get(target))));
  resized.observe(rounds);
  resized.observe(curveCanvas);
  const roundsEmpty = h('p', { class: 'empty-state' }, 'Deploy, flag, label and fold in: each round adds a point here.');
  const curveEmpty = h('p', { class: 'empty-state' }, 'Press "Compare strategies" to run blindspot, uncertainty and random beside your network.');

  let acting = 0; // the panel's own actions in flight: their engine events need no re-read
  const act = async (fn) => {
    acting += 1;
    try {
      await fn();
    } catch (e) {
      page.message(e.message, 'error');
    } finally {
      acting -= 1;
    }
  };

  function showStatus(s) {
    if (!s) {
      status.textContent = 'Not deployed. Deploy the current network into a world it was not trained on.';
      return;
    }
    const score = s.worldAccuracy !== null && s.worldAccuracy !== undefined ? `world accuracy ${pct(s.worldAccuracy)}` : `world MSE ${s.worldMse === null ? '–' : s.worldMse.toFixed(4)}`;
    status.textContent = `Deployed in ${s.world}: round ${s.round}, ${score} · stream ${s.streamSeen} of ${s.streamSize} met · ${s.flagged} flagged, ${s.labelled} labelled · ${s.worldTest} held out to measure it.`;
    if (s.lastFlag) {
      const each = (s.triggers || []).map((t) => `${t.trigger === 'class' ? `predicted ${page.nameOf(t.class)}` : t.trigger} ${t.fired}`);
      fired.textContent = `${s.lastFlag[0]} fired on ${s.lastFlag[1]} of the ${s.lastFlag[2]} examples the fleet just met. Each trigger there: ${each.join(' · ')}.`;
    }
  }

  const done = (it) => it.label !== undefined || it.value !== undefined || it.byWorld;
  const labelOf = (it) => (it.label !== undefined ? page.nameOf(it.label) : it.value !== undefined ? it.value.toFixed(2) : it.byWorld ? 'the world\'s label' : '?');
  const classes = () => (page.imageData() ? Array.from({ length: 10 }, (_, c) => c) : Array.from({ length: 8 }, (_, c) => c));

  function renderQueue() {
    overlay.setItems(queue);
    list.replaceChildren(...queue.map((it) => {
      const thumb = it.pixels ? h('canvas', { width: 28, height: 28, class: 'engine-thumb' }) : null;
      if (thumb) { const side = Math.round(Math.sqrt(it.pixels.length)); paintImage(thumb, it.pixels, side, side); }
      const where = it.pixels ? '' : ` at (${it.x.toFixed(2)}, ${it.y.toFixed(2)})`;
      const predicted = it.predicted === null || it.predicted === undefined ? '' : ` · model says ${page.imageData() || Number.isInteger(it.predicted) ? page.nameOf(it.predicted) : it.predicted.toFixed(2)}`;
      const li = h('li', { tabindex: 0, class: `${picked === it.id ? 'picked' : ''}${done(it) ? ' labelled' : ''}`, dataset: { id: it.id },
        'aria-label': `Example ${it.id}${where}${predicted}; label: ${labelOf(it)}. Press a digit to label it.`,
        onfocus: () => { picked = it.id; }, onclick: () => { picked = it.id; } },
      thumb, h('span', {}, `#${it.id}${where}${predicted} → `, h('strong', {}, labelOf(it))),
      page.regression()
        ? null
        : h('span', { class: 'answer' }, ...classes().slice(0, page.imageData() ? 10 : 4).map((c) => h('button', {
          type: 'button', class: 'swatch mini', style: swatchStyle(c), 'aria-label': `Label example ${it.id} as ${page.nameOf(c)}`,
          onclick: (e) => { e.stopPropagation(); labelItems([it.id], [c]); },
        }, page.nameOf(c)))));
      li.addEventListener('keydown', (e) => {
        if (/^[0-9]$/.test(e.key) && Number(e.key) < classes().length) {
          e.preventDefault();
          e.stopPropagation(); // the key labels this example; it does not also pick the paint class
          labelItems([it.id], [Number(e.key)]);
        }
      });
      return li;
    }));
  }

  const labelItems = (ids, labels) => act(async () => {
    showStatus(await client.label(ids, labels));
    for (const [k, id] of ids.entries()) {
      const it = queue.find((q) => q.id === id);
      if (it && page.regression()) it.value = labels[k];
      else if (it) it.label = labels[k];
    }
    const next = queue.find((q) => !done(q));
    picked = next ? next.id : null;
    renderQueue();
    if (picked !== null) list.querySelector(`li[data-id="${picked}"]`)?.focus();
  });

  async function deploy() {
    await act(async () => {
      const name = world.value === 'same' ? page.presetName() : world.value;
      if (!name) throw new Error('This data came from no preset, so there is no world "like the data": choose a world from the list.');
      const s = await client.deploy({ world: name, seed: Number(seed.value) || 0 });
      queue = [];
      renderQueue();
      showStatus(s);
      await plotRounds();
      draw(curveCanvas, []);
      curveEmpty.hidden = false;
      curveLegend.replaceChildren();
      curveSummary.textContent = '';
      page.message(`Deployed into ${s.world}. Flag examples where it is weak, label them, fold them in.`, 'info');
    });
  }

  const flag = () => act(async () => {
    const options = { trigger: trigger.value, count: Number(count.value) || 10 };
    if (trigger.value === 'class') options.class = Number(klass.value);
    const flagged = await client.flag(options);
    queue = [...queue, ...flagged];
    picked = flagged.length ? flagged[0].id : picked;
    renderQueue();
    showStatus(await client.engineStatus());
    if (!flagged.length) page.message('The trigger fired on nothing the fleet met this time: try another trigger or a lower threshold.', 'info');
  });

  const withWorld = () => act(async () => {
    showStatus(await client.labelWithWorld());
    queue = queue.map((q) => (done(q) ? q : { ...q, byWorld: true }));
    renderQueue();
  });

  const foldIn = () => act(async () => {
    const record = await client.foldIn({ steps: Number(steps.value) || 300 });
    queue = queue.filter((q) => !done(q));
    renderQueue();
    showStatus(await client.engineStatus());
    await plotRounds();
    const score = record.worldAccuracy !== null ? `world accuracy ${pct(record.worldAccuracy)}` : `world MSE ${record.worldMse.toFixed(4)}`;
    page.message(`Round ${record.round}: +${record.added} examples (one undo takes them out), committed; ${score}.`, 'info');
  });

  async function plotRounds() {
    const history = await client.engineHistory();
    const accuracy = history.length && history[0].worldAccuracy !== null;
    draw(rounds, [{ name: 'rounds', x: history.map((r) => r.labelsSpent), y: history.map((r) => (accuracy ? r.worldAccuracy : r.worldMse)) }], { percent: accuracy });
    roundsEmpty.hidden = history.length > 1;
    roundsNote.textContent = history.length > 1 ? `${history.length - 1} round${history.length > 2 ? 's' : ''}, ${history[history.length - 1].labelsSpent} labels spent.` : '';
    rounds.dataset.rounds = String(history.length - 1);
  }

  const compare = () => act(async () => {
    progress.hidden = false;
    progress.value = 0;
    curveSummary.textContent = 'Running the loop beside your network…';
    curve = await client.engineCurve({ rounds: Number(curveRounds.value), budget: Number(curveBudget.value), seeds: Number(curveSeeds.value) });
    progress.hidden = true;
    draw(curveCanvas, curve.strategies.map((s) => ({ name: s.strategy, x: curve.labels, y: s.mean, spread: s.spread })), { percent: curve.metric === 'accuracy' });
    curveEmpty.hidden = true;
    curveLegend.replaceChildren(...curve.strategies.map((s, k) => h('span', { class: 'legend-item', style: `--swatch:${curveColour(k)}` }, s.strategy)));
    const seeds = curve.strategies[0].runs.length;
    curveSummary.textContent = `${curve.summary} ${seeds > 1 ? `Bands show the spread over ${seeds} seeds.` : 'One seed: add seeds to see the spread.'}`;
  }).finally(() => { progress.hidden = true; });

  // A reopened project (a reload, a file) brings its deployment back, or none; so does a deploy,
  // flag, label or round made through the API (a lesson, the embedding page) rather than here.
  client.addEventListener('engine', (e) => { if (e.detail.reopened || !acting) act(() => reopen(e.detail.status)); });
  async function reopen(s) {
    queue = s ? (await client.engineQueue()).map((q) => ({
      ...q,
      label: q.labeller === 'person' && !page.regression() ? q.label : undefined,
      value: q.labeller === 'person' && page.regression() ? q.label : undefined,
      byWorld: q.labeller === 'world',
    })) : [];
    renderQueue();
    fired.textContent = '';
    showStatus(s);
    await plotRounds();
  }

  client.addEventListener('job', (e) => { if (e.detail.kind === 'engineCurve' && e.detail.running) progress.value = e.detail.progress; });

  const element = h('section', { class: 'panel engine-panel' },
    h('h2', {}, 'Data engine ', h('em', {}, 'flag where it is weak, label, fold in, retrain')),
    h('div', { class: 'row engine-row' }, field('World', world), field('Seed', seed),
      h('button', { type: 'button', class: 'accent', onclick: deploy }, '⇢ Deploy'),
      h('button', { type: 'button', onclick: () => act(async () => { await client.undeploy(); queue = []; renderQueue(); showStatus(null); }) }, 'Undeploy')),
    status,
    h('div', { class: 'row engine-row' }, field('Trigger', trigger), klass, field('Count', count),
      h('button', { type: 'button', class: 'accent', onclick: flag }, '⚑ Flag')),
    fired,
    list,
    h('div', { class: 'row engine-row' }, h('button', { type: 'button', onclick: withWorld }, 'Label the rest with the world'),
      field('Steps', steps), h('button', { type: 'button', class: 'accent', onclick: foldIn }, 'Fold in & retrain')),
    h('div', { class: 'engine-charts' },
      h('figure', {}, h('div', { class: 'chart-wrap' }, rounds, roundsEmpty), h('figcaption', {}, 'World accuracy after each round, against labels spent'), roundsNote),
      h('figure', {}, h('div', { class: 'chart-wrap' }, curveCanvas, curveEmpty), curveLegend, h('figcaption', {}, 'Does curating beat collecting at random?'), curveSummary,
        h('div', { class: 'row engine-row' }, field('Rounds', curveRounds), field('Labels per round', curveBudget), field('Seeds', curveSeeds)),
        h('div', { class: 'row' }, h('button', { type: 'button', onclick: compare }, 'Compare strategies'),
          h('button', { type: 'button', onclick: () => client.cancelJob('engineCurve') }, 'Cancel'), progress))));

  return {
    element,
    /** A click on the canvas over a ? marker asks for its label. */
    intercept(e, phase) {
      const it = overlay.itemAt(e);
      if (!it) return false;
      if (phase === 'up') {
        picked = it.id;
        askLabel(page.wrap, e, {
          classes: page.regression() ? null : classes().slice(0, 8),
          nameOf: page.nameOf,
          question: `Which class is example #${it.id}?`,
          onPick: (v) => labelItems([it.id], [v]),
        });
      }
      return true;
    },
  };
}
