// Class colours: ten hues that stay distinct on white (the first eight also for common
// colour-vision deficiencies), and the text colour readable on each.

/** One `[r, g, b]` per label 0..9 (points use 0..7, images 0..9). */
export const CLASS_RGB = [
  [249, 115, 22],  // orange
  [37, 99, 235],   // blue
  [22, 163, 74],   // green
  [219, 39, 119],  // pink
  [124, 58, 237],  // violet
  [202, 138, 4],   // amber
  [8, 145, 178],   // cyan
  [87, 83, 78],    // stone
  [220, 38, 38],   // red
  [15, 118, 110],  // teal
];

/** CSS colour of a label. */
export function classColor(label, alpha = 1) {
  const [r, g, b] = CLASS_RGB[label % CLASS_RGB.length];
  return alpha === 1 ? `rgb(${r} ${g} ${b})` : `rgb(${r} ${g} ${b} / ${alpha})`;
}

/** Relative luminance of an sRGB colour (WCAG 2). */
function luminance([r, g, b]) {
  const lin = (c) => { const v = c / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** White or near-black, whichever reads better on the label's colour (WCAG contrast). */
export function classInk(label) {
  const l = luminance(CLASS_RGB[label % CLASS_RGB.length]);
  return (1.05) / (l + 0.05) >= (l + 0.05) / (luminance([15, 23, 42]) + 0.05) ? '#fff' : '#0f172a';
}

/** Inline custom properties for a chip or button in the label's colour: `--swatch` and `--on-swatch`. */
export function swatchStyle(label) {
  return `--swatch:${classColor(label)};--on-swatch:${classInk(label)}`;
}
