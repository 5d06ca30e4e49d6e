// The dataset editor's controls: presets, classes or values, the class (or value) to paint,
// add/erase/relabel tools and the test split. A word list keeps only what applies to it (the
// presets, the split, who wrote it, undo): its editor is the word editor in the stage.

import { h, field } from '../dom.js';
import { swatchStyle } from '../palette.js';
import { valueCss } from '../views/heatmap.js';
import { ORIGIN_COLOUR } from '../views/origin-overlay.js';

const PRESETS = ['circle', 'xor', 'gaussian', 'spiral', 'moons'];
const VALUE_PRESETS = [['wave', 'wave'], ['hill', 'hill']];
const IMAGE_PRESETS = [['digits', 'digits (8×8 images)'], ['draw-images', 'draw your own images']];
const WORD_PRESETS = [['names', 'names (makemore, 32,033)'], ['prompts', 'prompts (a trained prompt model)']];
const POINT_CLASSES = 8;  // the core's limit for points
const IMAGE_CLASSES = 10; // digits 0–9

/**
 * Builds the data panel; `actions` are `loadPreset(name, opts)`, `setTestFraction(f)`, `clear()`,
 * `onTool(tool)`, `onTask(task)` (the person switched between classes and values), `onClass(label)`,
 * `originToggle` (the checkbox that rings points by author),
 * `undo()`, `redo()`, and `extra`: elements appended at the bottom (CSV, versions). It shows only
 * what applies to the dataset's kind (`setKind`): points keep their 2D controls, images get ten
 * classes and no point tools; each kind's settings stay as the person left them.
 */
export function dataPanel(actions) {
  let seed = 1;
  let selectedClass = 0;
  let task = 'classification';
  let kind = 'points';
  let names = [];
  const classCount = () => (kind === 'images' ? IMAGE_CLASSES : POINT_CLASSES);
  /** The name a person gave a class, or its number. */
  const nameOf = (label) => names[label] || String(label);
  const group = (label, options) => h('optgroup', { label }, options.map(([v, t]) => h('option', { value: v }, t)));
  const preset = h('select', { name: 'preset', 'aria-label': 'Preset' },
    h('option', { value: '', disabled: true }, 'your own data'),
    group('Classes', PRESETS.map((p) => [p, p])), group('Values (regression)', VALUE_PRESETS), group('Images', IMAGE_PRESETS),
    group('Words and text', WORD_PRESETS));
  preset.value = 'circle';
  const noise = h('input', { type: 'range', name: 'noise', min: 0, max: 0.5, step: 0.01, value: 0.1 });
  const n = h('input', { type: 'number', name: 'n', min: 2, max: 5000, step: 1, value: 300 });
  // A word list takes no size or noise: only the seed (of its split).
  const load = () => actions.loadPreset(preset.value, preset.value === 'names' ? { seed } : preset.value === 'prompts' ? {} : { n: Number(n.value), noise: Number(noise.value), seed });
  preset.addEventListener('change', load);
  noise.addEventListener('change', load);
  n.addEventListener('change', load);
  const regenerate = h('button', { type: 'button', onclick: () => { seed += 1; load(); } }, 'Regenerate');

  const swatches = h('div', { class: 'swatches', role: 'radiogroup', 'aria-label': 'Class to paint' });
  const pick = (c, tell = true) => {
    selectedClass = c;
    for (const b of swatches.children) b.setAttribute('aria-checked', String(Number(b.dataset.label) === c));
    if (tell) actions.onClass?.(c);
  };
  for (let c = 0; c < IMAGE_CLASSES; c++) {
    swatches.append(h('button', {
      type: 'button', class: 'swatch', role: 'radio', dataset: { label: c }, title: `Class ${c}`,
      style: swatchStyle(c), onclick: () => { pick(c); setTool('add'); },
    }, String(c)));
  }
  pick(0);
  const namesInput = h('input', { type: 'text', name: 'classNames', placeholder: 'e.g. cat, dog, bird', spellcheck: 'false' });
  const applyNames = (list) => {
    names = list;
    for (const b of swatches.children) {
      const c = Number(b.dataset.label);
      b.title = `Class ${c}${names[c] ? `: ${names[c]}` : ''}`;
      b.textContent = names[c] ? names[c].slice(0, 3) : String(c);
    }
  };
  namesInput.addEventListener('change', () => {
    applyNames(namesInput.value.split(',').map((n) => n.trim()).slice(0, IMAGE_CLASSES));
    actions.onNames?.(names);
  });

  // Regression: each point carries a number; the brush paints the slider's value.
  const paintValue = h('input', { type: 'range', name: 'paintValue', min: -1, max: 1, step: 0.05, value: 1, 'aria-label': 'Value to paint' });
  const valueLabel = h('output', { class: 'value-chip' });
  const showValue = () => {
    valueLabel.textContent = Number(paintValue.value).toFixed(2);
    valueLabel.style.setProperty('--swatch', valueCss(Number(paintValue.value), [-1, 1]));
    valueLabel.style.color = Math.abs(Number(paintValue.value)) > 0.5 ? '#fff' : '#0f172a';
  };
  paintValue.addEventListener('input', showValue);
  showValue();
  const valueField = h('div', { class: 'field', hidden: true }, h('span', { class: 'field-label' }, 'Paint value ', valueLabel), paintValue,
    h('small', {}, 'Each point carries a number; the network learns to predict it (regression).'));
  const classField = h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Paint class'), swatches);
  const namesField = field('Class names', namesInput, 'comma-separated, in class order');

  const taskToggle = h('div', { class: 'toggle', role: 'radiogroup', 'aria-label': 'What each point carries' });
  const showTask = (t) => {
    task = t;
    for (const b of taskToggle.children) b.setAttribute('aria-checked', String(b.dataset.task === t));
    const values = t === 'regression';
    valueField.hidden = !values;
    classField.hidden = values;
    namesField.hidden = values;
  };
  const chooseTask = (t) => {
    if (task === t) return;
    showTask(t);
    actions.onTask?.(t);
  };
  taskToggle.append(
    h('button', { type: 'button', role: 'radio', dataset: { task: 'classification' }, title: 'Each point has a class: the network learns a decision boundary', onclick: () => chooseTask('classification') }, 'Classes'),
    h('button', { type: 'button', role: 'radio', dataset: { task: 'regression' }, title: 'Each point carries a number: the network learns a surface (regression)', onclick: () => chooseTask('regression') }, 'Values'),
  );
  showTask('classification');

  const tools = h('div', { class: 'toggle', role: 'radiogroup', 'aria-label': 'Tool' });
  const setTool = (t) => {
    for (const b of tools.children) b.setAttribute('aria-checked', String(b.dataset.tool === t));
    actions.onTool(t);
  };
  tools.append(
    h('button', { type: 'button', role: 'radio', dataset: { tool: 'add' }, onclick: () => setTool('add') }, '✚ Add'),
    h('button', { type: 'button', role: 'radio', dataset: { tool: 'erase' }, onclick: () => setTool('erase') }, '⌫ Erase'),
    h('button', { type: 'button', role: 'radio', dataset: { tool: 'relabel' }, title: 'Paint the selected class (or value) over existing points', onclick: () => setTool('relabel') }, '⟲ Relabel'),
  );
  setTool('add');
  const brushSize = h('input', { type: 'range', name: 'brushSize', min: 0.03, max: 0.3, step: 0.01, value: 0.1, 'aria-label': 'Brush size' });
  const density = h('input', { type: 'range', name: 'brushDensity', min: 1, max: 12, step: 1, value: 4, 'aria-label': 'Brush density' });
  const sendBrush = () => actions.onBrush?.({ radius: Number(brushSize.value), density: Number(density.value) });
  brushSize.addEventListener('input', sendBrush);
  density.addEventListener('input', sendBrush);
  sendBrush();

  const testFraction = h('input', { type: 'range', name: 'testFraction', min: 0, max: 0.9, step: 0.05, value: 0.3 });
  const tfLabel = h('output', {}, '30 %');
  testFraction.addEventListener('input', () => { tfLabel.textContent = `${Math.round(testFraction.value * 100)} %`; });
  testFraction.addEventListener('change', () => actions.setTestFraction(Number(testFraction.value)));
  const counts = h('p', { class: 'counts' });
  // "Who wrote this program": a bar of the examples' authors, and rings on the canvas on request.
  const blameBar = h('div', { class: 'blame-bar', role: 'img', 'aria-label': 'Who wrote this program' });
  const blameLegend = h('p', { class: 'blame-legend' });
  const blameField = h('div', { class: 'field blame' }, h('span', { class: 'field-label' }, 'Who wrote this program'), blameBar, blameLegend,
    actions.originToggle || null);
  const undo = h('button', { type: 'button', disabled: true, title: 'Undo the last dataset change (Ctrl+Z / ⌘Z)', onclick: () => actions.undo() }, '↶ Undo');
  const redo = h('button', { type: 'button', disabled: true, title: 'Redo (Ctrl+Shift+Z / Ctrl+Y)', onclick: () => actions.redo() }, '↷ Redo');

  const pointsOnly = [
    field('Points', n),
    field('Noise', noise),
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Points carry'), taskToggle),
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Tool'), tools,
      h('small', {}, 'Click adds one point; drag paints with the brush.')),
    h('div', { class: 'two' }, field('Brush size', brushSize), field('Density', density)),
  ];
  const undoKeys = [h('kbd', {}, 'Ctrl'), '+', h('kbd', {}, 'Z'), ' undo · ', h('kbd', {}, 'Ctrl'), '+', h('kbd', {}, 'Y'), ' redo · '];
  const shortcuts = h('p', { class: 'shortcuts' });
  const clearButton = h('button', { type: 'button', class: 'quiet', onclick: () => actions.clear() }, 'Clear all points');
  const panel = h('section', { class: 'panel data-panel' },
    h('h2', {}, 'Data ', h('em', {}, 'the source code')),
    field('Preset', h('div', { class: 'row' }, preset, regenerate)),
    ...pointsOnly.slice(0, 3),
    classField,
    valueField,
    namesField,
    ...pointsOnly.slice(3),
    field(h('span', {}, 'Test split ', tfLabel), testFraction),
    counts,
    blameField,
    h('div', { class: 'row edit-row' }, undo, redo),
    shortcuts,
    clearButton,
    ...(actions.extra || []),
  );

  /** Shows the controls of `next` (`'points'`, `'images'` or `'words'`); hidden ones keep their values. */
  let pointTask = task; // the points' mode, kept while images or words are shown
  function setKind(next) {
    const changed = next !== kind;
    if (changed && kind === 'points') pointTask = task;
    kind = next;
    const images = kind === 'images';
    const words = kind === 'words';
    for (const el of pointsOnly) el.hidden = kind !== 'points';
    if (changed) showTask(kind === 'points' ? pointTask : 'classification');
    for (const el of [...(actions.extra || []), actions.originToggle]) if (el) el.hidden = words;
    if (words) for (const el of [classField, namesField, valueField]) el.hidden = true;
    regenerate.hidden = words;
    for (const b of swatches.children) b.hidden = Number(b.dataset.label) >= classCount();
    if (selectedClass >= classCount()) pick(0);
    swatches.classList.toggle('ten', images);
    clearButton.textContent = `Clear all ${kind}`;
    const keys = undoKeys.map((k) => (k instanceof Node ? k.cloneNode(true) : k));
    if (words) keys[keys.length - 1] = ' redo';
    shortcuts.replaceChildren(...keys,
      ...(kind === 'points' ? [h('kbd', {}, 'A'), ' add · ', h('kbd', {}, 'E'), ' erase · ', h('kbd', {}, 'R'), ' relabel · '] : []),
      ...(words ? [] : [h('kbd', {}, '0'), '–', h('kbd', {}, String(classCount() - 1)), ' class']));
  }
  setKind('points');
  let locked = false;
  return {
    element: panel,
    /** Disables every control that changes the data (`why` as their tooltip), or enables them again. */
    lock(on, why) {
      locked = on;
      for (const el of panel.querySelectorAll('button, input, select, textarea')) {
        el.disabled = on;
        if (on) el.title = why;
      }
      if (!on) { undo.disabled = true; redo.disabled = true; }
    },
    /** Whether the data may not be edited here. */
    get locked() { return locked; },
    selectedClass: () => selectedClass,
    /** The name a person gave class `label`, or its number. */
    nameOf,
    /** What a new point gets: `{ label }`, or `{ value }` in regression mode. */
    paintTarget: () => (task === 'regression' ? { value: Number(paintValue.value) } : { label: selectedClass }),
    /** `'classification'` or `'regression'`: the mode the editor paints in. */
    task: () => task,
    /** Follows the dataset the core holds (a preset or import may switch the task). */
    setTask: showTask,
    /** Reflects a preset loaded through the API in the menu and sliders. */
    showPreset(name, opts = {}) {
      if (PRESETS.includes(name) || [...VALUE_PRESETS, ...IMAGE_PRESETS, ...WORD_PRESETS].some(([v]) => v === name)) preset.value = name;
      if (opts.n !== undefined) n.value = opts.n;
      if (opts.noise !== undefined) noise.value = opts.noise;
      if (opts.seed !== undefined) seed = opts.seed;
    },
    loadCurrentPreset: load,
    /** The preset the data came from (`draw-images` for drawn images). */
    presetName: () => (preset.value === 'draw-images' ? 'digits' : preset.value),
    /** Keyboard: picks a class (0–7 for points, 0–9 for images). */
    pickClass: (c) => { if (c >= 0 && c < classCount()) { pick(c); setTool('add'); } },
    /** Follows a class picked elsewhere (the image editor) without echoing it back. */
    showClass: (c) => { if (c >= 0 && c < classCount()) pick(c, false); },
    setKind,
    /** `'points'`, `'images'` or `'words'`: the kind of dataset the panel is set up for. */
    kind: () => kind,
    setTool,
    /** The class names a person typed, in class order. */
    names: () => names.slice(),
    /** Shows saved class names. */
    setNames(list) {
      namesInput.value = (list || []).join(', ');
      applyNames(list || []);
    },
    /** Shows `blame()`: a bar of the examples' authors, largest first, and its legend. */
    showBlame(blame) {
      const counts = blame ? blame.counts : [];
      const total = counts.reduce((a, c) => a + c.count, 0);
      blameField.hidden = !total;
      // Data no preset wrote (painted, imported) is not shown as if it came from the menu's preset.
      if (total && !counts.some((c) => c.kind === 'preset' || c.kind === 'engine')) preset.value = '';
      const words = (c) => c.text.replace(/^preset:(.*):(\d+)$/, 'preset $1 (seed $2)').replace(/^engine:(\d+):(\w+):(\w+)$/, 'engine round $1, $2, labelled by the $3').replace(/^import:/, 'imported: ').replace(/^hand$/, 'by hand');
      blameBar.setAttribute('aria-label', `Who wrote this program: ${counts.map((c) => `${words(c)} ${c.count}`).join(', ')}`);
      blameBar.replaceChildren(...counts.map((c) => h('span', { title: `${words(c)}: ${c.count}`, style: `--swatch:${ORIGIN_COLOUR[c.kind] || ORIGIN_COLOUR.unknown};flex-grow:${c.count}` })));
      blameLegend.replaceChildren(...counts.slice(0, 6).map((c) => h('span', { class: 'blame-item', style: `--swatch:${ORIGIN_COLOUR[c.kind] || ORIGIN_COLOUR.unknown}` }, `${words(c)} · ${c.count}`)),
        counts.length > 6 ? `+${counts.length - 6} more` : '');
    },
    /** Enables undo/redo by how many steps each can take. */
    showUndo(depth) {
      undo.disabled = locked || !(depth && depth.undo > 0);
      redo.disabled = locked || !(depth && depth.redo > 0);
    },
    /** Shows per-class counts (or, for values, their range) for the dataset the core holds. */
    showData(examples, classCounts, fraction, valueRange, testMask, balance) {
      if (fraction !== undefined) {
        testFraction.value = fraction;
        tfLabel.textContent = `${Math.round(fraction * 100)} %`;
      }
      if (valueRange) {
        const test = Array.from(testMask || []).filter(Boolean).length;
        const fmt = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(2));
        counts.replaceChildren(
          `${examples.length} points with values · ${examples.length - test} train · ${test} test`,
          h('br'),
          h('span', { class: 'count', style: `--swatch:${valueCss(valueRange[0], valueRange)};--on-swatch:#0f172a` }, `min ${fmt(valueRange[0])}`),
          h('span', { class: 'count', style: `--swatch:${valueCss(valueRange[1], valueRange)}` }, `max ${fmt(valueRange[1])}`),
        );
        return;
      }
      if (typeof examples[0] === 'string') {
        const test = Array.from(testMask || []).filter(Boolean).length;
        counts.replaceChildren(`${examples.length.toLocaleString('en-US')} words · ${(examples.length - test).toLocaleString('en-US')} train · ${test.toLocaleString('en-US')} test`);
        return;
      }
      const train = classCounts.reduce((a, c) => a + c.train, 0);
      const test = classCounts.reduce((a, c) => a + c.test, 0);
      counts.replaceChildren(
        `${examples.length} ${examples[0] && examples[0].pixels ? 'images' : 'points'} · ${train} train · ${test} test`,
        h('br'),
        ...classCounts.map((c) => h('span', {
          class: 'count', style: swatchStyle(c.label),
          title: `${nameOf(c.label)}: ${c.train} train, ${c.test} test`,
        }, `${nameOf(c.label)} ${c.train + c.test}`)),
        balance && balance.unbalanced
          ? h('small', { class: 'imbalance' }, `Unbalanced: the largest class has ${Math.round(balance.ratio)}× the smallest. The program will lean towards it.`)
          : '',
      );
    },
  };
}
