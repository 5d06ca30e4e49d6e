// The debugger of Software 2.0: there is no faulty line, so it shows where the program is wrong,
// which examples made it so, which labels are bugs, and where to collect data next. Every number
// comes from the core; this panel assembles its sections and the marks they draw on the canvas.

import { h } from '../dom.js';
import { paintImage } from '../views/draw-grid.js';
import { DebugOverlay } from '../views/debug-overlay.js';
import { DebugTools } from '../views/debug-tools.js';
import { askLabel } from '../views/label-popover.js';
import { mistakesSection } from './debug/mistakes.js';
import { slicesSection } from './debug/slices.js';
import { collectSection } from './debug/collect.js';
import { labelErrorsSection } from './debug/label-errors.js';
import { whySection } from './debug/why.js';
import { dataMapSection } from './debug/data-map.js';
import { surprisingWordsSection } from './debug/surprising-words.js';
import { whyWordSection } from './debug/why-word.js';

const REFRESH_WHILE_TRAINING_MS = 1500;
const MARKED_THUMBNAILS = 48;

/**
 * Builds the panel around `client`; `view` is the main BoundaryView (the panel adds its marks as a
 * layer), `brush` the 2D editor's brush (the panel's canvas tools go first), `wrap` the canvas's
 * positioned container. Hooks: `message(text, kind)`, `nameOf(label)`, `drawnPixels()` (the image
 * being drawn in the image editor), `revealWord(word)` (selects a word in the word editor). A word
 * list gets its own section; the sections that read points or images wait for such data.
 */
export function debugPanel(client, { view, brush, wrap, message, nameOf, drawnPixels, originToggle, revealWord }) {
  let data = { points: [], images: null, testMask: [], classCounts: [], task: 'classification' };
  const overlay = new DebugOverlay(view);
  const markedCaption = h('span', {});
  const markedThumbs = h('div', { class: 'thumb-strip' });
  const marked = h('div', { class: 'marked', hidden: true, 'aria-live': 'polite' }, markedCaption,
    h('button', { type: 'button', class: 'small', onclick: () => dbg.mark([], '') }, 'Clear marks'), markedThumbs);

  const dbg = {
    client,
    overlay,
    message,
    nameOf,
    drawnPixels,
    revealWord: (word) => revealWord?.(word),
    explainWord: (word) => whyWord.explain(word),
    regression: () => data.task === 'regression',
    classes: () => data.classCounts.map((c) => c.label),
    labelOf: (i) => (data.images ? data.images[i]?.label : data.points[i]?.label),
    /** Rings examples on the canvas (images: shows them as thumbnails) with a caption. */
    mark(indices, caption) {
      overlay.setMarks(data.images ? [] : indices);
      marked.hidden = indices.length === 0;
      markedCaption.textContent = caption ? `Marked: ${caption}` : '';
      markedThumbs.replaceChildren(...(data.images ? indices.slice(0, MARKED_THUMBNAILS).map((i) => dbg.thumbnail(i)) : []));
    },
    /** A small picture of image example `i` (nothing for points). */
    thumbnail(i) {
      const img = data.images && data.images[i];
      if (!img) return null;
      const c = h('canvas', { width: 28, height: 28, class: `thumb${data.testMask[i] ? ' test' : ''}`, title: `example #${i} (${nameOf(img.label)})` });
      paintImage(c, img.pixels, img.width, img.height);
      return c;
    },
    setMode(mode) {
      tools.mode = mode;
      if (mode !== 'slice') slices.stopDrawing();
      if (mode !== 'why') why.stop();
    },
    ask: (event, classes, onPick, question) => askLabel(wrap, event, { classes, nameOf, onPick, question }),
    addPoint: (point) => client.setData({ points: [...data.points, point], origin: 'hand' }),
    onIssues: (issues) => dataMap.setFlagged(issues.map((i) => i.index)),
  };

  const tools = new DebugTools(overlay, {
    onSlice: (region) => slices.addRegion(region),
    onWhy: (p, event) => why.at(p, event),
    onSuggestion: (i, event) => collect.answerAt(i, event),
  });
  brush.intercept = (e, phase) => tools.intercept(e, phase);

  const mistakes = mistakesSection(dbg);
  const slices = slicesSection(dbg);
  const collect = collectSection(dbg);
  const labels = labelErrorsSection(dbg);
  const why = whySection(dbg);
  const dataMap = dataMapSection(dbg);
  const surprising = surprisingWordsSection(dbg);
  const whyWord = whyWordSection(dbg);
  const grid = h('div', { class: 'debug-grid' }, mistakes.element, slices.element, collect.element, labels.element, why.element, dataMap.element);

  const element = h('section', { class: 'panel debug-panel' },
    h('h2', {}, 'Debug ', h('em', {}, 'no faulty line: find where it is wrong, and fix it with data')),
    originToggle || null,
    marked,
    grid, surprising.element, whyWord.element);

  let lastRefresh = 0;
  let words = false; // a word list: these tools read points or images, so they stay quiet
  const refresh = () => {
    if (words) return;
    lastRefresh = performance.now();
    mistakes.refresh();
    slices.refresh();
    collect.refresh();
  };

  client.addEventListener('data', (e) => {
    const { data: d, testMask, classCounts, task } = e.detail;
    words = Boolean(d.words || d.lines);
    grid.hidden = words;
    if (originToggle) originToggle.hidden = words;
    surprising.element.hidden = !words;
    surprising.clear();
    whyWord.element.hidden = !words;
    whyWord.clear();
    data = { points: d.points || [], images: d.images || null, testMask: Array.from(testMask || []), classCounts: classCounts || [], task };
    const twoD = !data.images;
    slices.setTwoD(twoD);
    collect.setTwoD(twoD);
    why.setTwoD(twoD);
    dataMap.setEnabled(task !== 'regression');
    slices.showClasses(dbg.classes());
    // Indices and places from before the change no longer hold.
    dbg.mark([], '');
    labels.clear();
    collect.clear();
    why.clear();
    dataMap.clear();
    refresh();
  });
  client.addEventListener('progress', () => {
    if (performance.now() - lastRefresh >= REFRESH_WHILE_TRAINING_MS) refresh();
  });
  client.addEventListener('training', (e) => {
    if (!e.detail.running && !words) {
      refresh();
      dataMap.refresh();
    }
  });
  for (const type of ['weights', 'config', 'restarted']) client.addEventListener(type, refresh);

  return {
    element,
    overlay,
    /** Gives the canvas back to the brush (a brush tool was chosen). */
    release: () => dbg.setMode(null),
  };
}
