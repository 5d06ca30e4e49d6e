// The image program made visible: what each hidden unit looks for (its first-layer weights as a
// picture), the convolution kernels and feature maps, every unit's response to the image being
// drawn (live), and, on a click, the training images that excite a unit most. The core computes
// every number; this view paints them.

import { h } from '../dom.js';
import { divergingRgb, paintValues } from '../views/heatmap.js';
import { paintImage } from '../views/draw-grid.js';

const TOP_COUNT = 12;
const MAX_TILES = 128;  // units drawn per layer
const MAX_KERNELS = 96; // kernels drawn per convolution layer

/**
 * `client` is the public API; `imageAt(index)` gives a dataset image (`{ pixels, width, height,
 * label }`), `drawnPixels()` the drawing now, `nameOf(label)` a class's name.
 */
export function imageProgramView(client, { imageAt, drawnPixels, nameOf }) {
  let program = null;
  let response = null;
  let chosen = null; // { layer, unit }
  let busy = false;
  let again = null; // a refresh asked for while one ran: whether it needs the weights too

  const tiles = h('div', { class: 'unit-layers' });
  const convs = h('div', { class: 'conv-view' });
  const detail = h('div', { class: 'unit-detail', 'aria-live': 'polite' });
  const element = h('div', { class: 'image-program', hidden: true },
    h('h3', {}, 'What each unit looks for'),
    h('p', { class: 'hint' }, 'Each tile is a hidden unit. In the first layer of a network without convolutions it shows the unit\'s weights on every pixel: blue where ink raises it, orange where ink lowers it. The bar is how strongly it responds to the image being drawn, live as you draw. Click a unit to see the training images that excite it most.'),
    tiles, detail, convs);

  /**
   * Paints map `k` of a stack `{ count, width, height, values, scale }` into a new canvas, on the
   * stack's shared scale or (`own`) on the map's own, so every unit's pattern reads clearly.
   */
  function mapCanvas(stack, k, cls, own = false) {
    const cells = stack.width * stack.height;
    const scale = own ? stack.values.slice(k * cells, (k + 1) * cells).reduce((m, v) => Math.max(m, Math.abs(v)), 0) : stack.scale;
    const canvas = h('canvas', { class: cls });
    return paintValues(canvas, stack.values, k * cells, stack.width, stack.height, (v) => divergingRgb(v, scale || 1));
  }

  /** Tiles for every hidden layer: the template (when there is one) and the response bar. */
  function renderTiles() {
    const layers = response ? response.layers.filter((l) => l.kind === 'hidden') : [];
    tiles.replaceChildren(...layers.map((layer, l) => {
      const scale = layer.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
      const shown = layer.units.slice(0, MAX_TILES);
      return h('div', { class: 'unit-layer' },
        h('span', { class: 'field-label' }, `Hidden layer ${l + 1} · ${layer.units.length} units`),
        h('div', { class: 'unit-tiles' }, ...shown.map((name, u) => {
          const value = layer.values[u];
          const template = l === 0 && program && program.templates ? mapCanvas(program.templates, u, 'unit-template', true) : null;
          const [r, g, b] = divergingRgb(value, scale);
          const level = h('i', { class: 'unit-level', style: `--level:${Math.min(1, Math.abs(value) / scale)};--tone:rgb(${r | 0} ${g | 0} ${b | 0})` });
          const picked = chosen && chosen.layer === l + 1 && chosen.unit === u;
          return h('button', {
            type: 'button', class: `unit-tile${picked ? ' picked' : ''}${template ? '' : ' no-template'}`,
            dataset: { layer: l + 1, unit: u, activation: value },
            'aria-pressed': String(Boolean(picked)),
            title: `${name}: responds ${value.toPrecision(3)} to the drawing`,
            onclick: () => choose(l + 1, u, name),
          }, template || h('span', { class: 'unit-swatch', style: `--tone:rgb(${r | 0} ${g | 0} ${b | 0})` }), level,
          h('small', {}, name));
        }),
        layer.units.length > MAX_TILES ? h('small', { class: 'more' }, `+${layer.units.length - MAX_TILES} more`) : null));
    }));
  }

  /** Kernels of each convolution and the drawing's feature maps. */
  function renderConvs() {
    if (!program || !program.kernels.length) { convs.replaceChildren(); return; }
    convs.replaceChildren(h('h3', {}, 'Convolutions'),
      h('p', { class: 'hint' }, 'Each 3×3 kernel is slid over the image; its feature map (after ReLU) shows where in the drawing it found its pattern.'),
      ...program.kernels.map((stack, c) => {
        const maps = response && response.featureMaps[c];
        return h('div', { class: 'conv-layer' },
          h('span', { class: 'field-label' }, `Convolution ${c + 1}: ${stack.count} kernels`),
          h('div', { class: 'kernel-row' }, ...Array.from({ length: Math.min(stack.count, MAX_KERNELS) }, (_, k) => mapCanvas(stack, k, 'kernel'))),
          maps ? h('span', { class: 'field-label' }, `Feature maps of the drawing (${maps.width}×${maps.height})`) : null,
          maps ? h('div', { class: 'feature-row' }, ...Array.from({ length: maps.count }, (_, k) => mapCanvas(maps, k, 'feature-map'))) : null);
      }));
  }

  /** Shows the training images that excite hidden unit `unit` of layer `layer` most. */
  async function choose(layer, unit, name) {
    chosen = { layer, unit };
    for (const t of tiles.querySelectorAll('.unit-tile')) {
      const on = Number(t.dataset.layer) === layer && Number(t.dataset.unit) === unit;
      t.classList.toggle('picked', on);
      t.setAttribute('aria-pressed', String(on));
    }
    try {
      const top = await client.topImages(unit, { layer, count: TOP_COUNT });
      detail.replaceChildren(h('span', { class: 'field-label' }, `${name} responds most to these training images`),
        h('div', { class: 'top-images' }, ...top.map((t) => {
          const img = imageAt(t.index);
          const thumb = h('canvas', { width: 28, height: 28 });
          if (img) paintImage(thumb, img.pixels, img.width, img.height);
          return h('figure', { class: 'top-image', dataset: { index: t.index, label: t.label } }, thumb,
            h('figcaption', {}, `${nameOf(t.label)} · ${t.activation.toPrecision(2)}`));
        })));
    } catch (e) {
      detail.replaceChildren(h('small', {}, e.message));
    }
  }

  /** Reads the drawing's activations (and, with `weights`, the templates) and redraws; coalesces. */
  async function refresh(weights = true) {
    if (element.hidden) return;
    if (busy) { again = again || weights; return; }
    busy = true;
    try {
      if (weights || !program) program = await client.imageProgram();
    } catch {
      program = null; // no network yet
    }
    try {
      response = program ? await client.imageActivations(drawnPixels()) : null;
    } catch {
      response = null; // the drawing has another size than the dataset's images
    }
    busy = false;
    renderTiles();
    renderConvs();
    element.dispatchEvent(new CustomEvent('response', { detail: response }));
    if (again !== null) { const next = again; again = null; refresh(next); }
  }

  // A new network has other units: forget the chosen one. New weights: its top images again.
  client.addEventListener('config', () => { chosen = null; detail.replaceChildren(); });
  const topAgain = () => {
    if (!chosen || element.hidden) return;
    const tile = tiles.querySelector(`.unit-tile[data-layer="${chosen.layer}"][data-unit="${chosen.unit}"]`);
    if (tile) choose(chosen.layer, chosen.unit, tile.querySelector('small').textContent);
  };
  client.addEventListener('training', (e) => { if (!e.detail.running) topAgain(); });
  client.addEventListener('weights', topAgain);
  client.addEventListener('data', topAgain);

  return {
    element,
    refresh,
    /** The drawing changed: only the activations need reading again. */
    drawn: () => refresh(false),
    /** Shown for image datasets only. */
    setVisible(on) {
      element.hidden = !on;
      if (!on) { chosen = null; detail.replaceChildren(); }
    },
    /** The latest `imageActivations` answer (or null). */
    get response() { return response; },
  };
}
