// "The weights are the program": the network graph, the weight matrices, the timeline that
// replays training, and the buttons that ship the binary (safetensors, JS, Rust) or load one.
// A word program shows what it writes and its picture (table, map) in place of the graph.

import { h } from '../dom.js';
import { NetworkGraph } from '../views/network-graph.js';
import { WeightMatrices } from '../views/weight-matrices.js';
import { timeline } from './timeline.js';
import { exportControls } from './export-controls.js';
import { imageProgramView } from './image-program.js';
import { writingPanel } from './writing-panel.js';
import { wordProgram } from './word-program.js';

const REFRESH_EVERY_MS = 500;
const MAP_SIZE = 24;

/**
 * Builds the panel around `client`. Hooks into the page: `showUnit(map | null)` shows one unit's
 * heatmap large in the main view; `showStep(step | null)` shows the boundary of a past step (null:
 * live); `message(text, kind)` tells the user something; `images` (`imageAt`, `drawnPixels`,
 * `nameOf`) lets the image view read the dataset's images and the drawing.
 */
export function programPanel(client, { showUnit, showStep, message, images }) {
  let viewStep = null; // null: live
  let twoD = true;
  let words = false;
  let maps = null;
  let busy = false;
  let again = false;
  let lastRefresh = 0;
  let editing = null;

  const graph = new NetworkGraph({
    onHoverUnit: (u) => showUnit(u && maps ? { layer: maps.layers[u.layer], unit: u.unit, size: maps.size } : null),
    onEdit: (info) => openEditor(info),
  });
  const matrices = new WeightMatrices();
  const writing = writingPanel(client);
  const picture = wordProgram(client);
  // The main view of a word list is its editor, not a boundary: a past step shows in the map instead.
  const showAt = (step) => (words ? picture.setStep(step) : showStep(step));
  const line = timeline({
    onScrub: async (step) => {
      viewStep = step;
      if (step !== null) await client.pause();
      showAt(step);
      refresh();
    },
    onRestore: async (step) => {
      try {
        await client.restore(step);
        viewStep = null;
        showAt(null);
        message(`Restored the weights of step ${step}; training continues from there.`, 'info');
      } catch (e) {
        message(e.message, 'error');
      }
      refresh();
    },
  });
  const exports = exportControls(client, { message, afterImport: () => refresh() });
  const imageView = imageProgramView(client, images);
  const graphHint = h('p', { class: 'hint' });
  const hintFor = (points) => `Each square is a neuron: ${points ? 'its output over the input square. Hover to see it large' : 'its colour is how strongly it responds to the image being drawn'}; click an edge or a neuron to type a weight or bias by hand — a line of Software 1.0 inside a Software 2.0 program.`;
  graphHint.textContent = hintFor(true);
  let drawnWeights = null; // the weights the graph shows, kept to recolour units as the drawing changes
  imageView.element.addEventListener('response', (e) => {
    if (drawnWeights && !twoD) graph.show(drawnWeights.weights, null, drawnWeights.scale, e.detail && { inputs: images.drawnPixels(), layers: e.detail.layers });
  });

  const editorInput = h('input', { type: 'number', step: 'any', name: 'weight-value', 'aria-label': 'New value' });
  const editorLabel = h('span', { class: 'editor-label' });
  const editor = h('form', { class: 'weight-editor', hidden: true, onsubmit: (e) => { e.preventDefault(); submitEdit(); } },
    editorLabel, editorInput,
    h('button', { type: 'submit', class: 'accent' }, 'Set'),
    h('button', { type: 'button', onclick: () => closeEditor() }, 'Cancel'));
  editor.addEventListener('keydown', (e) => e.key === 'Escape' && closeEditor());

  const wordSection = h('div', { class: 'word-section', hidden: true }, writing.element, picture.element);
  const graphColumn = h('div', { class: 'graph-column' },
    graphHint,
    graph.element, editor);
  const matricesBox = h('div', { class: 'matrices-box' }, matrices.element);
  const element = h('section', { class: 'panel program-panel' },
    h('h2', {}, 'The program ', h('em', {}, 'the weights are the binary')),
    wordSection,
    line.element,
    h('div', { class: 'program-grid' },
      graphColumn,
      h('div', { class: 'matrices-column' }, matricesBox, exports.element)),
    imageView.element);

  function openEditor(info) {
    if (viewStep !== null) {
      message('This is a past step: go back to live (or restore this step) to edit weights.', 'info');
      return;
    }
    editing = info;
    editorLabel.textContent = `${info.what} (${info.name}[${info.index}])`;
    editorInput.value = String(Number(info.value.toPrecision(6)));
    editor.hidden = false;
    editorInput.focus();
    editorInput.select();
  }

  function closeEditor() {
    editor.hidden = true;
    editing = null;
  }

  async function submitEdit() {
    const value = Number(editorInput.value);
    if (!editing || editorInput.value.trim() === '' || !Number.isFinite(value)) {
      message('Type a number for the weight.', 'error');
      return;
    }
    const { name, index } = editing;
    closeEditor();
    try {
      await client.setWeight(name, index, value);
    } catch (e) {
      message(e.message, 'error');
    }
  }

  /** Fetches history, weights and neuron maps for the step in view and redraws; coalesces calls. */
  async function refresh() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    lastRefresh = performance.now();
    try {
      const steps = await client.history();
      if (words) {
        // A word program draws its own picture; the weight summary (gradients over every word of the
        // training set: seconds on 32,033 names) would hold training up, so the timeline is all it needs.
        line.setSteps(steps, viewStep, null);
        exports.setEnabled(true);
        return;
      }
      const step = viewStep ?? undefined;
      const [summary, unitMaps] = await Promise.all([
        client.weightSummary({ step, bins: 30 }),
        twoD ? client.neurons({ size: MAP_SIZE, step }).catch(() => null) : null,
      ]);
      maps = unitMaps;
      line.setSteps(steps, viewStep, summary.step);
      drawnWeights = summary;
      // Image data: the graph is drawn once the drawing's responses are read (the `response` event).
      if (twoD) graph.show(summary.weights, maps, summary.scale);
      else imageView.refresh();
      matrices.show(summary);
      exports.setEnabled(true);
    } catch {
      // no data or no network yet
      graph.show(null);
      matrices.show(null);
      line.setSteps([], null, 0);
      exports.setEnabled(false);
    } finally {
      busy = false;
      if (again) {
        again = false;
        refresh();
      }
    }
  }

  client.addEventListener('progress', () => {
    if (viewStep === null && performance.now() - lastRefresh >= REFRESH_EVERY_MS) refresh();
  });
  client.addEventListener('training', (e) => {
    if (e.detail.running && viewStep !== null) {
      viewStep = null;
      showAt(null);
    }
    if (!e.detail.running) refresh();
  });
  for (const type of ['data', 'config', 'weights', 'restarted']) client.addEventListener(type, () => refresh());

  return {
    element,
    refresh,
    /** Whether the main view shows a past step (live boundary updates are then held back). */
    get viewStep() { return viewStep; },
    /** Image datasets have no neuron heatmaps over a 2D square: they show the image view instead. */
    setTwoD(value) {
      twoD = value;
      graphHint.textContent = hintFor(value);
      imageView.setVisible(!value && !words);
    },
    /**
     * A word list: what the program writes and its picture (the bigram's table, the characters'
     * map) take the graph's place; the weight matrices and the export stay.
     */
    setWords(on) {
      const changed = on !== words;
      words = on;
      wordSection.hidden = !on;
      graphColumn.hidden = on;
      matricesBox.hidden = on;
      if (on) imageView.setVisible(false);
      exports.setKind(on ? 'words' : 'network');
      writing.setActive(on);
      picture.setActive(on);
      if (changed && viewStep !== null) { viewStep = null; picture.setStep(null); refresh(); }
    },
    /** The drawing changed: the units' responses are read again. */
    drawn: () => imageView.drawn(),
  };
}
