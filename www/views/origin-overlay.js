// `git blame` for data on the canvas: a ring around every point in the colour of who wrote it — a
// preset, a person's brush, an imported file, a rule, or a round of the data engine.

/** One colour per kind of author (rings on the canvas, segments of the "who wrote this" bar). */
export const ORIGIN_COLOUR = {
  preset: '#64748b', hand: '#db2777', import: '#0891b2', rule: '#65a30d', engine: '#7c3aed', unknown: '#cbd5e1',
};

/** A layer of `BoundaryView`, off until `setOrigins` gets a list and `shown` is true. */
export class OriginOverlay {
  constructor(view) {
    this.view = view;
    this.origins = [];
    this.shown = false;
    this.boxes = [];
    view.addLayer(this);
  }

  /**
   * A checkbox (in its label) that turns the rings on and off; every toggle made here stays in step,
   * so the data, versions and debug panels can each offer one.
   */
  toggle(text = 'ring each point in its author\'s colour') {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'colour-by-origin';
    box.checked = this.shown;
    box.addEventListener('change', () => this.show(box.checked));
    this.boxes.push(box);
    const label = document.createElement('label');
    label.className = 'check';
    label.append(box, ` ${text}`);
    return label;
  }

  /** Every point's origin (`{ kind, … }`), in dataset order. */
  setOrigins(origins) {
    this.origins = origins || [];
    if (this.shown) this.view.draw();
  }

  /** Turns the rings on or off. */
  show(on) {
    this.shown = on;
    for (const b of this.boxes) b.checked = on;
    this.view.draw();
  }

  underlay() {}

  overlay(ctx, w, radius) {
    if (!this.shown) return;
    const points = this.view.points;
    ctx.lineWidth = Math.max(2, radius / 2);
    points.forEach((p, i) => {
      const o = this.origins[i];
      if (!o) return;
      ctx.beginPath();
      ctx.arc(((p.x + 1) / 2) * w, ((1 - p.y) / 2) * w, radius * 1.9, 0, Math.PI * 2);
      ctx.strokeStyle = ORIGIN_COLOUR[o.kind] || ORIGIN_COLOUR.unknown;
      ctx.stroke();
    });
  }
}
