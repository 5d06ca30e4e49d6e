// Class colours: eight hues that stay distinct on white and for common colour-vision deficiencies.

/** One `[r, g, b]` per label 0..7. */
export const CLASS_RGB = [
  [249, 115, 22],  // orange
  [37, 99, 235],   // blue
  [22, 163, 74],   // green
  [219, 39, 119],  // pink
  [124, 58, 237],  // violet
  [202, 138, 4],   // amber
  [8, 145, 178],   // cyan
  [87, 83, 78],    // stone
];

/** CSS colour of a label. */
export function classColor(label, alpha = 1) {
  const [r, g, b] = CLASS_RGB[label % CLASS_RGB.length];
  return alpha === 1 ? `rgb(${r} ${g} ${b})` : `rgb(${r} ${g} ${b} / ${alpha})`;
}
