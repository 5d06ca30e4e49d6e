// Colour scales for numbers from the core: a diverging scale for weights and activations
// (orange below zero, blue above, white at zero) and painting a map of values into a canvas.

/** Colour of positive values. */
export const POSITIVE_RGB = [37, 99, 235];
/** Colour of negative values. */
export const NEGATIVE_RGB = [249, 115, 22];

/** `[r, g, b]` for `v` on a diverging scale reaching full colour at ±`scale`. */
export function divergingRgb(v, scale) {
  const t = scale > 0 ? Math.max(-1, Math.min(1, v / scale)) : 0;
  const rgb = t < 0 ? NEGATIVE_RGB : POSITIVE_RGB;
  const a = Math.abs(t);
  return [255 + (rgb[0] - 255) * a, 255 + (rgb[1] - 255) * a, 255 + (rgb[2] - 255) * a];
}

/**
 * `[r, g, b]` for a regression value on the dataset's `[lo, hi]` range: the lowest value orange,
 * the middle of the range white, the highest blue (beyond the range, the end colours).
 */
export function valueRgb(v, [lo, hi]) {
  const t = hi > lo ? (2 * (v - lo)) / (hi - lo) - 1 : 0;
  return divergingRgb(t, 1);
}

/** CSS colour of a regression value on `range`. */
export function valueCss(v, range) {
  const [r, g, b] = valueRgb(v, range);
  return `rgb(${Math.round(r)} ${Math.round(g)} ${Math.round(b)})`;
}

/** CSS colour for `v` on the diverging scale. */
export function divergingCss(v, scale) {
  const [r, g, b] = divergingRgb(v, scale);
  return `rgb(${Math.round(r)} ${Math.round(g)} ${Math.round(b)})`;
}

/**
 * Paints `cols × rows` values (row-major, starting at `offset`) into `canvas` at one pixel per
 * value; `colour(v)` gives `[r, g, b]`.
 */
export function paintValues(canvas, values, offset, cols, rows, colour) {
  canvas.width = cols;
  canvas.height = rows;
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(cols, rows);
  for (let i = 0; i < cols * rows; i++) {
    const [r, g, b] = colour(values[offset + i]);
    img.data[i * 4] = r;
    img.data[i * 4 + 1] = g;
    img.data[i * 4 + 2] = b;
    img.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}

/** The colour function for one layer of neuron maps: class colour for outputs, diverging otherwise. */
export function layerColour(layer, classRgb) {
  if (layer.kind === 'output' && classRgb) {
    return (v) => {
      const t = Math.max(0, Math.min(1, v));
      return [255 + (classRgb[0] - 255) * t, 255 + (classRgb[1] - 255) * t, 255 + (classRgb[2] - 255) * t];
    };
  }
  const scale = Math.max(Math.abs(layer.range[0]), Math.abs(layer.range[1])) || 1;
  return (v) => divergingRgb(v, scale);
}
