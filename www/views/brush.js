// The pointer tools of the 2D editor: a click adds one point exactly where it lands; a drag sprays
// points (brush size and density), erases, or relabels (or gives a new value to) what the brush
// passes over. A whole stroke is one edit, so one undo takes it back.

const GOLDEN_ANGLE = 2.399963229728653;
const CLICK_SLOP_PX = 4;

/**
 * `view` is the BoundaryView to preview on; `commit(points)` receives the edited point list when
 * a stroke ends; `target()` gives what to paint: `{ label }` (a class) or `{ value }` (regression).
 */
export class Brush {
  constructor(view, { commit, target }) {
    this.view = view;
    this.commit = commit;
    this.target = target;
    this.tool = 'add';
    this.radius = 0.1;    // data units; the square is 2 wide
    this.density = 4;     // points per dab
    this.stroke = null;
    /** Another tool's first look at each pointer event (`(e, phase) → taken`), e.g. the debugger's. */
    this.intercept = null;
    const canvas = view.canvas;
    canvas.addEventListener('pointerdown', (e) => this.down(e));
    canvas.addEventListener('pointermove', (e) => this.move(e));
    canvas.addEventListener('pointerup', (e) => this.up(e));
    canvas.addEventListener('pointercancel', () => this.up(null));
    canvas.addEventListener('pointerleave', () => { if (!this.stroke) view.setCursor(null); });
  }

  down(e) {
    if (this.intercept?.(e, 'down')) return;
    e.preventDefault();
    this.view.canvas.setPointerCapture?.(e.pointerId);
    const at = this.view.toData(e);
    this.stroke = { points: this.view.points.slice(), mask: this.view.testMask.slice(), start: [e.clientX, e.clientY], moved: false, dabs: 0, last: at, changed: false };
    if (this.tool !== 'add') this.apply(at);
  }

  move(e) {
    if (!this.stroke && this.intercept?.(e, 'move')) {
      this.view.setCursor(null);
      return;
    }
    const at = this.view.toData(e);
    this.view.setCursor({ ...at, r: this.tool === 'add' && !this.stroke ? 0 : this.radius });
    const s = this.stroke;
    if (!s) return;
    if (!s.moved && Math.hypot(e.clientX - s.start[0], e.clientY - s.start[1]) < CLICK_SLOP_PX) return;
    s.moved = true;
    if (this.tool !== 'add' || Math.hypot(at.x - s.last.x, at.y - s.last.y) >= this.radius / 2 || s.dabs === 0) {
      this.apply(at);
      s.last = at;
    }
  }

  up(e) {
    if (!this.stroke && e && this.intercept?.(e, 'up')) return;
    const s = this.stroke;
    this.stroke = null;
    if (!s) return;
    if (e && this.tool === 'add' && !s.moved) {
      const { x, y } = this.view.toData(e);
      s.points.push({ x, y, ...this.target() });
      s.changed = true;
    }
    if (s.changed) this.commit(s.points);
  }

  /** One dab of the current tool at `at`. */
  apply(at) {
    const s = this.stroke;
    const r2 = this.radius ** 2;
    const inside = (p) => (p.x - at.x) ** 2 + (p.y - at.y) ** 2 <= r2;
    if (this.tool === 'add') {
      for (let k = 0; k < this.density; k++) {
        const r = this.radius * Math.sqrt((k + 0.5) / this.density);
        const a = (s.dabs * this.density + k) * GOLDEN_ANGLE;
        const clamp = (v) => Math.max(-1, Math.min(1, v));
        s.points.push({ x: clamp(at.x + r * Math.cos(a)), y: clamp(at.y + r * Math.sin(a)), ...this.target() });
        s.mask.push(0);
      }
      s.dabs += 1;
      s.changed = true;
    } else if (this.tool === 'erase') {
      const keep = s.points.map((p) => !inside(p));
      if (keep.every(Boolean)) return;
      s.points = s.points.filter((_, i) => keep[i]);
      s.mask = s.mask.filter((_, i) => keep[i]);
      s.changed = true;
    } else if (this.tool === 'relabel') {
      const target = this.target();
      const same = (p) => Object.keys(target).every((k) => p[k] === target[k]);
      s.points = s.points.map((p) => {
        if (same(p) || !inside(p)) return p;
        s.changed = true;
        return { x: p.x, y: p.y, ...target };
      });
    }
    this.view.setPoints(s.points, s.mask, this.view.range);
  }
}
