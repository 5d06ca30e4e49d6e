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
    this.edges = [];
    this.units = [];
  }

  /**
   * Draws `weights` (`[{ name, shape, values }]`) with `maps` from `neurons()` (or null). The
   * structure is built once per shape; later calls only recolour edges and repaint thumbnails,
   * so redrawing several times a second while training stays cheap for the page. Image networks
   * have no maps over a square: `units` (`{ inputs, layers }` from `imageActivations`, with the
   * drawn pixels as `inputs`) colours each unit by how strongly it responds to the drawing.
   */
  show(all, maps, scale, units = null) {
    // The graph draws the fully connected part; convolution kernels show in the matrices.
    const weights = (all || []).filter((w) => w.name.startsWith('layers.'));
    const matrices = weights.filter((w) => w.name.endsWith('.weight'));
    const layerWidths = matrices.length ? [matrices[0].shape[0], ...matrices.map((w) => w.shape[1])] : [];
    const key = `${layerWidths.join(',')}|${maps ? maps.layers.map((l) => l.units.join()).join('/') : '-'}`;
    if (key !== this.key) this.build(layerWidths, maps);
    this.key = key;
    if (!layerWidths.length) return;
    const s = scale || 1;
    for (const edge of this.edges) {
      const w = matrices[edge.layer];
      const value = w.values[edge.info.index];
      const a = Math.min(1, Math.abs(value) / s);
      edge.info.value = value;
      edge.line.setAttribute('stroke', divergingCss(Math.sign(value) * s, s));
      edge.line.setAttribute('stroke-width', 0.4 + 4 * a);
      edge.line.setAttribute('stroke-opacity', 0.25 + 0.75 * a);
    }
    const convs = (all || []).filter((w) => w.name.startsWith('convs.') && w.name.endsWith('.weight')).length;
    for (const unit of this.units) {
      if (unit.info.name) unit.info.value = weights.find((w) => w.name === unit.info.name).values[unit.info.index];
      const layer = maps && maps.layers[unit.layer];
      if (layer) {
        const cells = maps.size * maps.size;
        const rgb = layer.kind === 'output' ? CLASS_RGB[outputLabel(layer.units[unit.unit]) % CLASS_RGB.length] : null;
        paintValues(unit.canvas, layer.values, unit.unit * cells, maps.size, maps.size, layerColour(layer, rgb));
      } else {
        paintResponse(unit, units, convs > 0);
      }
    }
    this.note.textContent = [
      !maps && units ? 'Each unit is coloured by how strongly it responds to the image being drawn.' : '',
      !maps && !units ? 'Draw an image to see each unit respond.' : '',
      convs ? `The first column is the flattened output of ${convs} convolution layer${convs > 1 ? 's' : ''}.` : ''].join(' ').trim();
  }

  /** Lays out units and edges for these layer widths; thumbnails are canvases over the SVG. */
  build(layerWidths, maps) {
    this.svg.replaceChildren();
    this.edges = [];
    this.units = [];
    if (!layerWidths.length) return;
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
    for (let l = 0; l + 1 < layerWidths.length; l++) {
      const outs = layerWidths[l + 1];
      for (let i = 0; i < shown[l]; i++) {
        for (let j = 0; j < shown[l + 1]; j++) {
          const line = svg('line', { x1: colX(l) + NODE, y1: rowY(l, i) + NODE / 2, x2: colX(l + 1), y2: rowY(l + 1, j) + NODE / 2, class: 'edge' });
          const info = { name: `layers.${l}.weight`, index: i * outs + j, value: 0, what: `${this.unitName(maps, l, i)} → ${this.unitName(maps, l + 1, j)}`, kind: 'weight' };
          this.interact(line, info);
          this.edges.push({ line, layer: l, info });
          edges.append(line);
        }
      }
    }
    layerWidths.forEach((n, l) => {
      for (let u = 0; u < shown[l]; u++) {
        // The heatmap lives inside its unit's group, so it scales with the frame at any size.
        const g = svg('g', { class: 'unit', transform: `translate(${colX(l)} ${rowY(l, u)})` });
        const canvas = h('canvas', { class: 'thumb', width: 1, height: 1 });
        const holder = svg('foreignObject', { width: NODE, height: NODE, class: 'thumb-holder' });
        holder.append(canvas);
        g.append(holder, svg('rect', { width: NODE, height: NODE, rx: 3, class: 'unit-frame' }));
        const name = this.unitName(maps, l, u);
        const info = l > 0
          ? { name: `layers.${l - 1}.bias`, index: u, value: 0, what: `bias of ${name}`, kind: 'bias', layer: l, unit: u, unitName: name }
          : { layer: l, unit: u, unitName: name, kind: 'input' };
        this.interact(g, info);
        nodes.append(g);
        this.units.push({ layer: l, unit: u, canvas, info });
      }
      if (n > shown[l]) {
        const t = svg('text', { x: colX(l) + NODE / 2, y: height - 4, 'text-anchor': 'middle', class: 'more' });
        t.textContent = `+${n - shown[l]} more`;
        nodes.append(t);
      }
    });
    this.svg.append(edges, nodes);
  }

  unitName(maps, l, u) {
    const layer = maps && maps.layers[l];
    return layer ? layer.units[u] : l === 0 ? `input ${u}` : `h${l}.${u}`;
  }

  /** Hover shows the value (and the unit large in the main view); click asks for a new value. */
  interact(el, info) {
    el.addEventListener('pointerenter', (e) => {
      const value = info.value === undefined ? '' : ` = ${Number(info.value).toPrecision(4)}`;
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

/**
 * Colours an image network's unit by its response to the drawn image: pixels for the inputs (when
 * they are pixels), the diverging scale for hidden units, the class colour for output probabilities.
 */
function paintResponse(unit, units, convInputs) {
  const ctx = unit.canvas.getContext('2d');
  let rgb = [255, 255, 255];
  if (units && unit.layer === 0 && !convInputs) {
    const shade = 255 * (1 - Math.max(0, Math.min(1, units.inputs[unit.unit] || 0)));
    rgb = [shade, shade, shade];
  } else if (units && unit.layer > 0 && units.layers[unit.layer - 1]?.units[unit.unit] !== undefined) {
    // (A response read for an older network may lack this unit: it stays white until the next one.)
    const layer = units.layers[unit.layer - 1];
    const scale = layer.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
    const classRgb = layer.kind === 'output' ? CLASS_RGB[outputLabel(layer.units[unit.unit]) % CLASS_RGB.length] : null;
    rgb = layerColour({ kind: layer.kind, range: [-scale, scale] }, classRgb)(layer.values[unit.unit]);
  }
  unit.canvas.width = 1;
  unit.canvas.height = 1;
  ctx.fillStyle = `rgb(${rgb.map(Math.round).join(' ')})`;
  ctx.fillRect(0, 0, 1, 1);
}
