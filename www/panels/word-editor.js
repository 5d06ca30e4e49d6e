// The word list as source code you can edit: one word a line in a plain text box (paste, type, or
// drop a .txt file), Apply to make it the dataset (one undo step; a bad word is named and its line
// selected, and nothing you typed is lost), and a search that lists the first matching words.
// A text box is one DOM node however long the list, so 32,033 names stay responsive: matches are
// listed a few dozen at a time, never as a node per word. A text far longer than that (the prompt
// corpus's 26,000 lines, 860 KB) would stall the page each time the box lays it out, so it opens as
// a read-only window of lines that Find and "show me" move; "Edit the whole text" puts it all in.

import { download, h } from '../dom.js';

const SHOWN_MATCHES = 30;
const SEARCH_PAUSE_MS = 120;
/** Longest text (characters) the box holds for editing at once: names.txt's 228 KB fits. */
export const EDITABLE_CHARS = 400_000;
/** Lines a read-only window shows of a longer text. */
export const WINDOW_LINES = 1_000;
const fmt = (n) => n.toLocaleString('en-US');

/** Whether two word lists are the same list. */
function sameWords(a, b) {
  return a.length === b.length && a.every((w, i) => w === b[i]);
}

/** Line number of the `index`-th word of `text`: the core counts words with blank lines dropped. */
export function lineOfWord(text, index) {
  const lines = text.split('\n');
  let seen = -1;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '') seen += 1;
    if (seen === index) return i;
  }
  return -1;
}

/** `word` with the first occurrence of `query` (lower case) marked. */
function marked(word, query) {
  const at = word.toLowerCase().indexOf(query);
  if (at < 0) return [word];
  return [word.slice(0, at), h('mark', {}, word.slice(at, at + query.length)), word.slice(at + query.length)];
}

/**
 * Builds the editor around `client` (the public API). It follows the dataset by itself (`data`
 * events that carry words); `lock(on, why)` makes it read-only where a page locks the data.
 */
export function wordEditor(client) {
  let applied = [];   // the list as the core holds it
  let lines = false;  // lines of text (a prompt corpus) rather than words
  let testMask = [];
  let dirty = false;  // the text box holds edits not applied yet
  let locked = false;
  let searchTimer = 0;
  let windowed = false; // the box shows a window of a long list, read-only
  let wholeAsked = false; // the person asked to edit this long list whole
  let windowStart = 0;
  let appliedChars = 0; // the applied list's length as text

  const text = h('textarea', {
    class: 'word-text', name: 'words', rows: 10, spellcheck: 'false', autocomplete: 'off', wrap: 'off',
    'aria-label': 'The word list, one word a line', 'aria-describedby': 'word-status',
  });
  const counts = h('p', { class: 'word-counts', 'aria-live': 'polite' });
  const status = h('p', { class: 'word-status', id: 'word-status', 'aria-live': 'polite' });
  const search = h('input', { type: 'search', name: 'word-search', placeholder: 'Find words, e.g. ann', 'aria-label': 'Find words in the list', autocomplete: 'off', spellcheck: 'false' });
  const found = h('p', { class: 'word-found', 'aria-live': 'polite' });
  const matches = h('ol', { class: 'word-matches', 'aria-label': 'Matching words' });
  const windowNote = h('span', {});
  const editWhole = h('button', { type: 'button', title: 'Put every line in the box to edit it (the page may pause while it lays the text out)', onclick: () => { wholeAsked = true; showWords(applied); text.focus(); } }, 'Edit the whole text');
  const windowBar = h('p', { class: 'word-window', hidden: true }, windowNote, ' ', editWhole);
  const file = h('input', { type: 'file', accept: '.txt,text/plain', hidden: true, name: 'word-file' });
  const apply = h('button', { type: 'button', class: 'accent', disabled: true, onclick: () => applyText() }, 'Apply');
  const revert = h('button', { type: 'button', disabled: true, title: 'Put back the list the dataset holds', onclick: () => showWords(applied) }, 'Revert');
  const undo = h('button', { type: 'button', disabled: true, title: 'Undo the last change of the dataset (Ctrl+Z outside the text box)', onclick: () => act(() => client.undo()) }, '↶ Undo');
  const open = h('button', { type: 'button', title: 'Load a .txt file, one word a line', onclick: () => file.click() }, 'Open .txt…');
  const save = h('button', { type: 'button', title: 'Download the list as words.txt', onclick: () => act(async () => download('words.txt', await client.exportText(), 'text/plain')) }, 'Save .txt');

  const title = h('h2', {}, 'Word list ', h('em', {}, 'the source code, one word a line'));
  const element = h('section', { class: 'word-editor' },
    h('div', { class: 'word-head' }, title, counts),
    search,
    h('div', { class: 'word-search-results' }, found, matches),
    windowBar,
    text,
    status,
    h('div', { class: 'row wrap word-actions' }, apply, revert, undo, open, save),
    h('small', { class: 'hint' }, 'Type or paste a list, or drop a .txt file on the box. Apply compiles it into the dataset as one undo step.'),
    file);

  const act = async (fn) => {
    try {
      await fn();
    } catch (e) {
      say(e.message, 'error');
    }
  };

  /** One line under the box: what happened, what to do next, or what went wrong. */
  function say(textLine, kind = 'info') {
    status.textContent = textLine;
    status.dataset.kind = kind;
  }

  function setDirty(on) {
    dirty = on;
    apply.disabled = locked || !on;
    revert.disabled = locked || !on;
    if (on) say('Edited: Apply makes these lines the dataset (one undo step).', 'edited');
  }

  /** Puts the core's list in the box (the person's unapplied edits go, as they asked for another list). */
  function showWords(words) {
    appliedChars = words.reduce((n, w) => n + w.length + 1, 0);
    windowed = appliedChars > EDITABLE_CHARS && !wholeAsked;
    text.readOnly = locked || windowed;
    windowBar.hidden = !windowed;
    if (windowed) showWindow(0);
    else text.value = words.join('\n');
    text.removeAttribute('aria-invalid');
    setDirty(false);
    say('');
    runSearch();
  }

  /** Shows `WINDOW_LINES` lines of the long list from `start`, and says which. */
  function showWindow(start) {
    windowStart = Math.max(0, Math.min(start, applied.length - WINDOW_LINES));
    const end = Math.min(applied.length, windowStart + WINDOW_LINES);
    text.value = applied.slice(windowStart, end).join('\n');
    text.scrollTop = 0;
    windowNote.textContent = `Lines ${fmt(windowStart + 1)}–${fmt(end)} of ${fmt(applied.length)} (${fmt(Math.round(appliedChars / 1000))} KB), read-only: a text this long would slow the page. Find moves the window.`;
  }

  /** Selects line `line` of the list and scrolls it into the middle (moving a window there first). */
  function selectLine(line) {
    if (windowed) {
      if (line < windowStart || line >= windowStart + WINDOW_LINES) showWindow(line - WINDOW_LINES / 2);
      line -= windowStart;
    }
    const lines = text.value.split('\n');
    let start = 0;
    for (let i = 0; i < line; i++) start += lines[i].length + 1;
    text.focus();
    text.setSelectionRange(start, start + lines[line].length);
    const lineHeight = parseFloat(getComputedStyle(text).lineHeight) || 18;
    text.scrollTop = Math.max(0, line * lineHeight - text.clientHeight / 2);
  }

  /**
   * Makes `value` (the box's text, or a file's) the dataset. Refused, it waits in the box whole
   * (a file's text goes in, editable however long) with the line the core named selected.
   */
  async function applyText(source = 'the list', value = text.value) {
    if (locked) return;
    try {
      await client.importText(value); // lines stay lines: the core keeps the kind
      say(`Applied ${source}: ${fmt(applied.length)} ${lines ? 'lines' : 'words'}. Undo takes it back.`);
    } catch (e) {
      if (text.value !== value) {
        wholeAsked = true;
        windowed = false;
        windowBar.hidden = true;
        text.readOnly = false;
        text.value = value;
        setDirty(true);
      }
      say(`Not applied: ${e.message}`, 'error');
      text.setAttribute('aria-invalid', 'true');
      const index = /(?:word|line) (\d+)/.exec(e.message);
      const line = index ? lineOfWord(text.value, Number(index[1])) : -1;
      if (line >= 0) selectLine(line);
    }
  }

  /** Lists the first words (or lines) of the list that contain the query, and how many do. */
  function runSearch() {
    const query = search.value.trim().toLowerCase();
    matches.replaceChildren();
    if (!query) { found.textContent = ''; return; }
    const rows = windowed ? applied : text.value.split('\n');
    const hits = [];
    rows.forEach((row, i) => { if (row.toLowerCase().includes(query)) hits.push(i); });
    const noun = lines ? 'line' : 'word';
    found.textContent = hits.length
      ? `${fmt(hits.length)} ${noun}${hits.length === 1 ? '' : 's'} contain${hits.length === 1 ? 's' : ''} '${query}'${hits.length > SHOWN_MATCHES ? `; the first ${SHOWN_MATCHES}:` : ':'}`
      : `No ${noun} contains '${query}'.`;
    matches.replaceChildren(...hits.slice(0, SHOWN_MATCHES).map((i) => h('li', {},
      h('button', { type: 'button', class: 'word-match', title: `Line ${i + 1}: select it in the list`, onclick: () => selectLine(i) },
        ...marked(rows[i], query),
        !dirty && testMask[i] ? h('small', {}, 'test') : null))));
  }

  text.addEventListener('input', () => { if (!dirty) setDirty(true); text.removeAttribute('aria-invalid'); });
  text.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); applyText(); }
  });
  search.addEventListener('input', () => { clearTimeout(searchTimer); searchTimer = setTimeout(runSearch, SEARCH_PAUSE_MS); });
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { e.preventDefault(); matches.querySelector('button')?.click(); }
  });

  /** A dropped or chosen .txt file becomes the dataset (or, refused, the text to fix). */
  async function loadFile(f) {
    if (locked || !f) return;
    await applyText(f.name, await f.text());
  }
  file.addEventListener('change', () => { const f = file.files[0]; file.value = ''; loadFile(f); });
  const textFile = (e) => [...(e.dataTransfer?.files || [])].find((f) => f.name.endsWith('.txt') || f.type.startsWith('text/'));
  const hasFiles = (e) => [...(e.dataTransfer?.items || [])].some((i) => i.kind === 'file');
  text.addEventListener('dragover', (e) => { if (hasFiles(e)) { e.preventDefault(); text.classList.add('drop'); } });
  text.addEventListener('dragleave', () => text.classList.remove('drop'));
  text.addEventListener('drop', (e) => {
    text.classList.remove('drop');
    const f = textFile(e);
    if (!f) return; // a project file goes on to the playground, which opens it
    e.preventDefault();
    e.stopPropagation();
    loadFile(f);
  });

  /** The counts under the title: words and split from the data view, characters from the core's vocabulary. */
  async function showCounts(view) {
    const test = Array.from(view.testMask || []).filter(Boolean).length;
    const words = (view.data.words || view.data.lines).length;
    let chars = '–';
    try {
      chars = fmt((await client.embeddings()).chars.length - 1); // the vocabulary less the end token
    } catch { /* no program yet: the count waits */ }
    counts.textContent = `${fmt(words)} ${lines ? 'lines' : 'words'} · ${chars} distinct characters · ${fmt(words - test)} train · ${fmt(test)} test`;
  }

  client.addEventListener('data', (e) => {
    const view = e.detail;
    const list = view.data.words || view.data.lines;
    if (!list) return;
    if (lines !== Boolean(view.data.lines)) {
      lines = Boolean(view.data.lines);
      title.replaceChildren(lines ? 'Text ' : 'Word list ', h('em', {}, `the source code, one ${lines ? 'line' : 'word'} a line`));
      text.setAttribute('aria-label', lines ? 'The text, one line a sequence' : 'The word list, one word a line');
    }
    testMask = Array.from(view.testMask || []);
    undo.disabled = locked || !(view.undo > 0);
    const changed = !sameWords(applied, list);
    if (changed && !dirty) wholeAsked = false; // another list: a long one opens as a window again
    applied = list;
    if (changed || !dirty) showWords(applied);
    showCounts(view);
  });

  return {
    element,
    /** Makes the list read-only (`why` as the tooltip), or editable again. */
    lock(on, why) {
      locked = on;
      text.readOnly = on || windowed;
      open.disabled = on;
      editWhole.disabled = on;
      if (on) undo.disabled = true;
      setDirty(dirty && !on);
      if (on) text.title = why;
      else text.removeAttribute('title');
    },
    /** Selects the first line holding exactly `word` (the debugger's "show me" for a word). */
    reveal(word) {
      const line = (windowed ? applied : text.value.split('\n')).indexOf(word);
      if (line >= 0) selectLine(line);
    },
  };
}
