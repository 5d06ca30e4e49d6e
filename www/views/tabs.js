// ARIA tabs, as the WAI-ARIA Authoring Practices describe them: one tab stop for the whole strip
// (roving tabindex), arrow keys and Home/End move between tabs and select them, and only the
// selected tab's panel is shown. Used by the workbench, where tools take turns beside the canvas.

import { h } from '../dom.js';

/**
 * Builds a tab strip over `items` (`[{ id, title, content: [elements] }]`); `label` names the strip
 * for assistive technology, `prefix` keeps the ids unique inside one shadow root, `onSelect(id)`
 * hears every change of tab (by click, key or `select`). Returns `{ tablist, panels, select,
 * selected }`; each panel is a `role="tabpanel"` element holding its item's content.
 */
export function tabs({ label, items, prefix = 'tab', onSelect }) {
  let selected = items[0].id;
  const buttons = new Map();
  const panels = new Map();
  for (const { id, title, content } of items) {
    const tab = h('button', {
      type: 'button', role: 'tab', id: `${prefix}-${id}`, class: 'tab', dataset: { tab: id },
      'aria-controls': `${prefix}-panel-${id}`, onclick: () => select(id),
    }, title);
    buttons.set(id, tab);
    panels.set(id, h('div', {
      role: 'tabpanel', id: `${prefix}-panel-${id}`, class: 'tabpanel', dataset: { tab: id },
      'aria-labelledby': tab.id, tabindex: 0,
    }, ...content));
  }
  const tablist = h('div', { role: 'tablist', class: 'tablist', 'aria-label': label }, ...buttons.values());
  const ids = items.map((i) => i.id);

  tablist.addEventListener('keydown', (e) => {
    const open = ids.filter((id) => !buttons.get(id).hidden); // a hidden tab is skipped
    const at = open.indexOf(selected);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: open.length - 1 }[e.key];
    if (next === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    e.stopPropagation(); // arrows here move between tabs; they are no editor shortcut
    select(open[(next + open.length) % open.length]);
    buttons.get(selected).focus();
  });

  /** Selects tab `id` (an unknown id is ignored) and shows its panel. */
  function select(id) {
    if (!buttons.has(id)) return;
    const changed = id !== selected;
    selected = id;
    for (const [key, tab] of buttons) {
      const on = key === id;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      panels.get(key).hidden = !on;
    }
    if (changed) onSelect?.(id);
  }
  select(selected);

  /** Hides the tabs in `hiddenIds` (their tools do not apply now); a hidden selected tab gives way to the first. */
  function hide(hiddenIds) {
    for (const [id, tab] of buttons) tab.hidden = hiddenIds.includes(id);
    if (hiddenIds.includes(selected)) select(ids.find((id) => !hiddenIds.includes(id)));
  }

  return {
    tablist,
    panels: [...panels.values()],
    select,
    hide,
    /** The id of the tab shown now. */
    get selected() { return selected; },
  };
}
