// A canvas drawn sharp at any size: its backing store follows its CSS size times the device's pixel
// ratio, and it is redrawn after each change.

/**
 * Keeps `canvas`'s pixel size at its CSS box × `devicePixelRatio` (with `square`, as tall as it is
 * wide) and calls `draw()` whenever that size changes.
 */
export function keepCanvasSized(canvas, draw, { square = false } = {}) {
  new ResizeObserver(() => {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(canvas.clientWidth * dpr);
    const ht = square ? w : Math.round(canvas.clientHeight * dpr);
    if (w > 0 && (canvas.width !== w || canvas.height !== ht)) {
      canvas.width = w;
      canvas.height = ht;
      draw();
    }
  }).observe(canvas);
}
