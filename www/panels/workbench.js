// The workbench: the layout of the full page and of an element without `panels`. The stage (the
// canvas, the Train bar, the metrics) stays in view; the tools take turns beside it in tabs, each
// scrolling inside its own area, so a tool that points at the canvas — a why, a slice, a ? marker —
// never scrolls the canvas away. The tab in use is page state: it is kept in localStorage under the
// element's autosave key, not in the URL fragment, which share links use.

import { h } from '../dom.js';
import { tabs } from '../views/tabs.js';

/** The tools in the order of the story: source, compiler flags, binary, then what works on them. */
export const TOOLS = [
  ['data', 'Data'], ['network', 'Network'], ['program', 'Program'], ['prompt', 'Prompt'], ['debug', 'Debug'],
  ['engine', 'Engine'], ['rule', 'Rule'], ['versions', 'Versions'], ['project', 'Project'],
];

const STORAGE_PREFIX = 'sw2-playground-tab:';

/**
 * Builds the tools column. `parts` maps each tool's id to its panel element; `key()` is where the
 * tab in use is remembered (the autosave key), `remember()` whether to remember it at all (not with
 * `autosave="off"`); `onLeave(id)` hears a tool's tab close (a tool that took the canvas gives it
 * back). `place()` puts the panels (back) into their tabs; `restore()` reopens the remembered tab.
 */
export function workbench({ parts, key, remember, onLeave }) {
  const storage = () => `${STORAGE_PREFIX}${key()}`;
  let shown = TOOLS[0][0];
  const strip = tabs({
    label: 'Tools',
    prefix: 'tool',
    items: TOOLS.map(([id, title]) => ({ id, title, content: [parts[id]] })),
    onSelect: (id) => {
      onLeave?.(shown);
      shown = id;
      if (!remember()) return;
      try { localStorage.setItem(storage(), id); } catch { /* storage unavailable: the tab is not remembered */ }
    },
  });
  const element = h('div', { class: 'tools' }, strip.tablist, ...strip.panels);
  return {
    element,
    select: strip.select,
    /** The id of the tool shown now. */
    get selected() { return strip.selected; },
    /** Hides the tools in `ids` (they do not apply to the data now), shows the others. */
    hideTools: (ids) => strip.hide(ids),
    place() {
      strip.panels.forEach((panel, i) => panel.replaceChildren(parts[TOOLS[i][0]]));
    },
    restore() {
      if (!remember()) return;
      try { strip.select(localStorage.getItem(storage())); } catch { /* storage unavailable */ }
    },
  };
}
