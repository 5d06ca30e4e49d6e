// The network as a graph: inputs, hidden neurons and outputs as small heatmaps of what each unit
// computes over the input square, edges coloured by sign and thickened by magnitude. Hovering
// shows values; clicking an edge (a weight) or a neuron (its bias) asks for a new value.

import { CLASS_RGB } from '../palette.js';
import { h } from '../dom.js';
import { divergingCss, layerColour, paintValues } from './heatmap.js';

const SVG = 'http://www.w3.org/2000/svg';
const NODE = 34;        // thumbnail side, px
const ROW = 42;         // vertical distance between units
const MAX_UNITS = 16;   // units drawn per layer; the rest are summarized

function svg(tag, attrs = {}) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

/** Label of an output unit ("class 3") as its class label. */
function outputLabel(name) {
  return Number(name.replace(/^class /, ''));
}

/**
 * Renders the graph. Callbacks: `onHoverUnit({ layer, unit, name } | null)` while the pointer is
 * over a unit; `onEdit({ name, index, value, what })` when an edge or a neuron is clicked.
 */
export class NetworkGraph {
  constructor({ onHoverUnit, onEdit }) {
    this.onHoverUnit = onHoverUnit;
    this.onEdit = onEdit;
    this.svg = svg('svg', { class: 'network-graph', role: 'img', 'aria-label': 'The network: inputs, hidden neurons and outputs' });
    this.tooltip = h('div', { class: 'graph-tooltip', hidden: true });
    this.note = h('p', { class: 'graph-note' });
    this.element = h('div', { class: 'graph-wrap' }, this.svg, this.tooltip, this.note);
    this.thumbnail = document.createElement('canvas');
  }

  /** Draws `weights` (`[{ name, shape, values }]`) with `maps` from `neurons()` (or null). */
  show(all, maps, scale) {
    this.svg.replaceChildren();
    // The graph draws the fully connected part; convolution kernels show in the matrices.
    const weights = (all || []).filter((w) => w.name.startsWith('layers.'));
    if (!weights.length) return;
    const layerWidths = [weights[0].shape[0], ...weights.filter((w) => w.name.endsWith('.weight')).map((w) => w.shape[1])];
    const shown = layerWidths.map((n) => Math.min(n, MAX_UNITS));
    const rows = Math.max(...shown);
    const width = Math.max(360, layerWidths.length * 120);
    const height = rows * ROW + 24;
    const colX = (l) => 24 + (l * (width - 48 - NODE)) / Math.max(1, layerWidths.length - 1);
    const rowY = (l, u) => 12 + (height - 24 - shown[l] * ROW) / 2 + u * ROW + (ROW - NODE) / 2;
    this.svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    this.svg.style.aspectRatio = `${width} / ${height}`;

    const edges = svg('g', { class: 'edges' });
    const nodes = svg('g', { class: 'nodes' });
    const s = scale || 1;
    weights.filter((w) => w.name.endsWith('.weight')).forEach((w, l) => {
      const outs = w.shape[1];
      for (let i = 0; i < shown[l]; i++) {
        for (let j = 0; j < shown[l + 1]; j++) {
          const value = w.values[i * outs + j];
          const a = Math.min(1, Math.abs(value) / s);
          const line = svg('line', {
            x1: colX(l) + NODE, y1: rowY(l, i) + NODE / 2, x2: colX(l + 1), y2: rowY(l + 1, j) + NODE / 2,
            stroke: divergingCss(Math.sign(value) * s, s), 'stroke-width': 0.4 + 4 * a, 'stroke-opacity': 0.25 + 0.75 * a,
            class: 'edge', tabindex: -1,
          });
          const what = `${this.unitName(maps, l, i)} → ${this.unitName(maps, l + 1, j)}`;
          this.interact(line, { name: w.name, index: i * outs + j, value, what, kind: 'weight' });
          edges.append(line);
        }
      }
    });
    layerWidths.forEach((n, l) => {
      const bias = l > 0 ? weights.find((w) => w.name === `layers.${l - 1}.bias`) : null;
      for (let u = 0; u < shown[l]; u++) {
        const g = svg('g', { class: 'unit', transform: `translate(${colX(l)} ${rowY(l, u)})` });
        const href = this.thumbnailFor(maps, l, u);
        if (href) g.append(svg('image', { href, width: NODE, height: NODE, preserveAspectRatio: 'none' }));
        g.append(svg('rect', { width: NODE, height: NODE, rx: 3, class: 'unit-frame' }));
        const name = this.unitName(maps, l, u);
        if (bias) {
          this.interact(g, { name: bias.name, index: u, value: bias.values[u], what: `bias of ${name}`, kind: 'bias', layer: l, unit: u, unitName: name });
        } else {
          this.interact(g, { layer: l, unit: u, unitName: name, kind: 'input' });
        }
        nodes.append(g);
      }
      if (n > shown[l]) {
        const t = svg('text', { x: colX(l) + NODE / 2, y: height - 4, 'text-anchor': 'middle', class: 'more' });
        t.textContent = `+${n - shown[l]} more`;
        nodes.append(t);
      }
    });
    this.svg.append(edges, nodes);
    const convs = (all || []).filter((w) => w.name.startsWith('convs.') && w.name.endsWith('.weight')).length;
    this.note.textContent = [maps ? '' : 'Neuron heatmaps are drawn for 2D datasets.',
      convs ? `The first column is the flattened output of ${convs} convolution layer${convs > 1 ? 's' : ''}.` : ''].join(' ').trim();
  }

  unitName(maps, l, u) {
    const layer = maps && maps.layers[l];
    return layer ? layer.units[u] : l === 0 ? `input ${u}` : `h${l}.${u}`;
  }

  /** A data URL of unit `u`'s heatmap in layer `l`, or null without maps. */
  thumbnailFor(maps, l, u) {
    const layer = maps && maps.layers[l];
    if (!layer) return null;
    const cells = maps.size * maps.size;
    const rgb = layer.kind === 'output' ? CLASS_RGB[outputLabel(layer.units[u]) % CLASS_RGB.length] : null;
    paintValues(this.thumbnail, layer.values, u * cells, maps.size, maps.size, layerColour(layer, rgb));
    return this.thumbnail.toDataURL();
  }

  /** Hover shows the value (and the unit large in the main view); click asks for a new value. */
  interact(el, info) {
    el.addEventListener('pointerenter', (e) => {
      const value = info.value === undefined ? '' : ` = ${info.value.toPrecision(4)}`;
      const label = info.kind === 'input' ? info.unitName : `${info.what}${value}`;
      this.tooltip.textContent = info.kind === 'input' ? label : `${label}  (click to edit)`;
      this.tooltip.hidden = false;
      this.place(e);
      if (info.unit !== undefined) this.onHoverUnit({ layer: info.layer, unit: info.unit, name: info.unitName });
    });
    el.addEventListener('pointermove', (e) => this.place(e));
    el.addEventListener('pointerleave', () => {
      this.tooltip.hidden = true;
      if (info.unit !== undefined) this.onHoverUnit(null);
    });
    if (info.name) {
      el.addEventListener('click', (e) => this.onEdit({ ...info, x: e.clientX, y: e.clientY }));
    }
  }

  place(e) {
    const r = this.element.getBoundingClientRect();
    this.tooltip.style.left = `${e.clientX - r.left + 12}px`;
    this.tooltip.style.top = `${e.clientY - r.top + 12}px`;
  }
}
