// What a page that embeds the playground chooses: which panels show (`panels`) and which settings
// the viewer may not change (`locked`). Locked controls are disabled with a tooltip saying why;
// the embedding page's own script can still set everything through the API.

/** The panels an embedding can choose, in page order. */
export const PANELS = ['title', 'data', 'versions', 'project', 'canvas', 'train', 'metrics', 'rule', 'network', 'debug', 'engine', 'program', 'prompt'];

/** Configuration keys (and `network`, all of them) that `locked` can name, besides `data`. */
export const LOCKABLE = ['network', 'hidden', 'conv', 'activation', 'features', 'optimizer', 'learningRate', 'batchSize',
  'regularization', 'regularizationRate', 'seed', 'backend', 'data'];

const words = (text) => (text || '').split(/[\s,]+/).filter(Boolean);

/**
 * Applies the element's `panels` and `locked` attributes. `parts` maps each panel name to its
 * elements; `columns` is `{ layout, left, right }` (the layout grid and its side columns);
 * `network` and `data` are the panels with `lock`; `warn(text)` reports unknown names.
 */
export function applyEmbedding(element, { parts, columns, network, data, warn }) {
  const asked = element.hasAttribute('panels') ? words(element.getAttribute('panels')) : PANELS;
  const locked = words(element.getAttribute('locked'));
  const unknown = [...asked.filter((p) => !PANELS.includes(p)), ...locked.filter((k) => !LOCKABLE.includes(k))];
  if (unknown.length) warn(`Unknown name${unknown.length > 1 ? 's' : ''} in panels/locked: ${unknown.join(', ')}. Panels: ${PANELS.join(', ')}; locked: ${LOCKABLE.join(', ')}.`);
  const shown = new Set(asked);
  for (const [name, els] of Object.entries(parts)) for (const el of els) el.hidden = !shown.has(name);
  const leftShown = ['data', 'versions', 'project'].some((p) => shown.has(p));
  const rightShown = shown.has('network');
  columns.left.hidden = !leftShown;
  columns.layout.dataset.columns = `${leftShown ? 'left ' : ''}stage${rightShown ? ' right' : ''}`;
  const keys = new Set(locked);
  network.lock(keys, 'Locked on this page: the network stays as it is here. Change the data instead.');
  data.lock(keys.has('data'), 'Locked on this page: the data stays as it is here. Change the network instead.');
  return { shown, locked: keys };
}
