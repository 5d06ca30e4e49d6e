// The debugger's pointer tools on the main canvas, consulted before the brush: dragging out a
// slice's rectangle, asking "why?" at a place, and answering a ? suggestion with a label.

const MIN_SLICE = 0.05; // a rectangle smaller than this (data units) is a stray click

/**
 * `overlay` is the DebugOverlay to preview on; hooks: `onSlice(region)`, `onWhy({ x, y }, event)`,
 * `onSuggestion(index, event)`. `mode` is `null`, `'slice'` or `'why'`.
 */
export class DebugTools {
  constructor(overlay, { onSlice, onWhy, onSuggestion }) {
    this.overlay = overlay;
    this.view = overlay.view;
    this.hooks = { onSlice, onWhy, onSuggestion };
    this.mode = null;
    this.start = null;
  }

  /** Takes the pointer event (`phase`: down, move, up) when a tool wants it; `true` if taken. */
  intercept(e, phase) {
    const at = this.view.toData(e);
    if (phase === 'down') {
      const hit = this.overlay.suggestionAt(e);
      if (hit >= 0) {
        e.preventDefault();
        this.hooks.onSuggestion(hit, e);
        return true;
      }
      if (this.mode === 'why') {
        e.preventDefault();
        this.hooks.onWhy(at, e);
        return true;
      }
      if (this.mode === 'slice') {
        e.preventDefault();
        this.view.canvas.setPointerCapture?.(e.pointerId);
        this.start = at;
        return true;
      }
      return false;
    }
    if (this.mode !== 'slice' || !this.start) return this.mode === 'why' || this.mode === 'slice';
    const region = { x0: this.start.x, y0: this.start.y, x1: at.x, y1: at.y };
    if (phase === 'move') {
      this.overlay.setDraft(region);
    } else {
      this.start = null;
      this.overlay.setDraft(null);
      if (Math.abs(region.x1 - region.x0) >= MIN_SLICE && Math.abs(region.y1 - region.y0) >= MIN_SLICE) this.hooks.onSlice(region);
    }
    return true;
  }
}
