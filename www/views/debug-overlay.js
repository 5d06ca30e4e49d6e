// What the debugger draws on the main canvas: a shading (the network's uncertainty, or where the
// training data is dense), the slices' rectangles, marked examples (rings), the examples that
// pushed a prediction (proponents and opponents glowing in two colours) and the ? suggestions.

/** Colours of the debugger's marks; proponents and opponents stay apart for colour-blind eyes. */
export const MARK = {
  ring: '#0f172a',
  proponent: '#059669',
  opponent: '#dc2626',
  suggestion: '#7c3aed',
  slice: '#0f172a',
};
const SHADE_RGB = { uncertainty: [88, 28, 135], density: [15, 118, 110] };

/** A layer of `BoundaryView`: `underlay` draws beneath the points, `overlay` above them. */
export class DebugOverlay {
  constructor(view) {
    this.view = view;
    this.shades = {}; // kind → canvas
    this.slices = [];
    this.marks = [];
    this.glows = { proponents: [], opponents: [], query: null };
    this.suggestions = [];
    this.draft = null; // the slice being drawn
    view.addLayer(this);
  }

  /** Shows (or, with `null`, hides) a map `{ size, values, range }` as a shading of `kind`. */
  setShade(kind, map) {
    if (!map) {
      delete this.shades[kind];
    } else {
      const c = document.createElement('canvas');
      c.width = map.size;
      c.height = map.size;
      const ctx = c.getContext('2d');
      const img = ctx.createImageData(map.size, map.size);
      const top = map.range[1] || 1;
      const [r, g, b] = SHADE_RGB[kind];
      for (let i = 0; i < map.size * map.size; i++) {
        const t = Math.max(0, Math.min(1, map.values[i] / top));
        img.data.set([r, g, b, Math.round(255 * 0.62 * t)], i * 4);
      }
      ctx.putImageData(img, 0, 0);
      this.shades[kind] = c;
    }
    this.view.draw();
  }

  /** The slices' regions `[{ name, region: { x0, y0, x1, y1 } }]` (label slices are not drawn). */
  setSlices(slices) {
    this.slices = slices.filter((s) => s.region);
    this.view.draw();
  }

  /** Rings around the examples at `indices` (of the points on the canvas). */
  setMarks(indices) {
    this.marks = indices;
    this.view.draw();
  }

  /** Proponents and opponents `{ proponents, opponents, query: { x, y } }` (`null` clears). */
  setGlows(glows) {
    this.glows = glows || { proponents: [], opponents: [], query: null };
    this.view.draw();
  }

  /** The ? places `[{ x, y }]` still waiting for a label. */
  setSuggestions(list) {
    this.suggestions = list;
    this.view.draw();
  }

  /** The rectangle being dragged out, in data units (`null` when none). */
  setDraft(region) {
    this.draft = region;
    this.view.draw();
  }

  /** Index of the ? suggestion under a pointer event, or -1. */
  suggestionAt(e) {
    const { x, y } = this.view.toData(e);
    const reach = 0.06;
    return this.suggestions.findIndex((s) => Math.hypot(s.x - x, s.y - y) <= reach);
  }

  underlay(ctx, w) {
    for (const c of Object.values(this.shades)) {
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(c, 0, 0, w, w);
    }
  }

  overlay(ctx, w, radius) {
    const px = (x) => ((x + 1) / 2) * w;
    const py = (y) => ((1 - y) / 2) * w;
    const points = this.view.points;
    for (const s of [...this.slices, ...(this.draft ? [{ name: '', region: this.draft }] : [])]) {
      const { x0, y0, x1, y1 } = s.region;
      ctx.setLineDash([6, 4]);
      ctx.lineWidth = Math.max(1.5, w / 300);
      ctx.strokeStyle = MARK.slice;
      ctx.strokeRect(px(Math.min(x0, x1)), py(Math.max(y0, y1)), Math.abs(px(x1) - px(x0)), Math.abs(py(y1) - py(y0)));
      ctx.setLineDash([]);
      if (s.name) label(ctx, s.name, px(Math.min(x0, x1)) + 4, py(Math.max(y0, y1)) + 4, radius);
    }
    const ring = (i, colour, scale, width) => {
      const p = points[i];
      if (!p) return;
      ctx.beginPath();
      ctx.arc(px(p.x), py(p.y), radius * scale, 0, Math.PI * 2);
      ctx.strokeStyle = colour;
      ctx.lineWidth = width;
      ctx.stroke();
    };
    const strongest = (list) => Math.max(1e-12, ...list.map((g) => Math.abs(g.score)));
    for (const [list, colour] of [[this.glows.proponents, MARK.proponent], [this.glows.opponents, MARK.opponent]]) {
      const top = strongest(list);
      for (const g of list) {
        const p = points[g.index];
        if (!p) continue;
        ctx.beginPath();
        ctx.arc(px(p.x), py(p.y), radius * (1.6 + 2.2 * Math.abs(g.score) / top), 0, Math.PI * 2);
        ctx.fillStyle = `${colour}55`;
        ctx.fill();
        ring(g.index, colour, 1.6, Math.max(2, radius / 2));
      }
    }
    if (this.glows.query) {
      const { x, y } = this.glows.query;
      ctx.lineWidth = Math.max(2, radius / 2);
      ctx.strokeStyle = MARK.ring;
      ctx.beginPath();
      ctx.moveTo(px(x) - radius * 2, py(y)); ctx.lineTo(px(x) + radius * 2, py(y));
      ctx.moveTo(px(x), py(y) - radius * 2); ctx.lineTo(px(x), py(y) + radius * 2);
      ctx.stroke();
    }
    for (const i of this.marks) ring(i, MARK.ring, 2.1, Math.max(2, radius / 2.2));
    for (const s of this.suggestions) {
      ctx.beginPath();
      ctx.arc(px(s.x), py(s.y), radius * 2.2, 0, Math.PI * 2);
      ctx.fillStyle = '#fff';
      ctx.fill();
      ctx.lineWidth = Math.max(2, radius / 2);
      ctx.strokeStyle = MARK.suggestion;
      ctx.stroke();
      ctx.fillStyle = MARK.suggestion;
      ctx.font = `700 ${Math.round(radius * 3)}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('?', px(s.x), py(s.y) + 1);
    }
  }
}

function label(ctx, text, x, y, radius) {
  ctx.font = `600 ${Math.max(11, Math.round(radius * 2.4))}px system-ui, sans-serif`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  const width = ctx.measureText(text).width;
  ctx.fillStyle = 'rgb(255 255 255 / 0.85)';
  ctx.fillRect(x - 2, y - 1, width + 4, radius * 2.8);
  ctx.fillStyle = '#0f172a';
  ctx.fillText(text, x, y);
}
