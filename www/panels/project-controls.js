// The whole experiment, to take away or hand on: save and open the project file (a button, or a
// file dropped on the playground), copy a share link, and the snippet that embeds it elsewhere.

import { download, h } from '../dom.js';

const ELEMENT_URL = new URL('../sw2-playground.js', import.meta.url);

/**
 * The project buttons around the element `pg` (its `exportProject`, `importProject`,
 * `exportLink`); `message(text, kind)` reports.
 */
export function projectControls(pg, message) {
  const fileInput = h('input', { type: 'file', accept: '.sw2,application/octet-stream', hidden: true, name: 'project-file' });
  const snippet = h('textarea', { class: 'snippet', rows: 5, readonly: true, spellcheck: 'false', 'aria-label': 'Code to paste into a page' });
  const dialogTitle = h('strong', { class: 'dialog-title' }, '');
  const dialogNote = h('p', { class: 'hint' });
  const dialog = h('dialog', { class: 'share-dialog', 'aria-label': 'Share' },
    h('div', { class: 'dialog-head' }, dialogTitle,
      h('button', { type: 'button', onclick: () => copy(snippet.value) }, 'Copy'),
      h('button', { type: 'button', onclick: () => dialog.close() }, 'Close')),
    h('div', { class: 'dialog-body' }, dialogNote, snippet));

  const copy = (text) => (navigator.clipboard?.writeText(text) ?? Promise.reject())
    .then(() => message('Copied.', 'info'), () => message('The clipboard is not available here: select the text and copy it.', 'info'));

  const show = (title, text, note) => {
    dialogTitle.textContent = title;
    dialogNote.textContent = note;
    snippet.value = text;
    if (!dialog.open) dialog.showModal();
    snippet.select();
  };

  const act = (fn) => async () => {
    try {
      await fn();
    } catch (e) {
      message(e.message, 'error');
    }
  };

  const save = act(async () => {
    download('experiment.sw2', await pg.exportProject(), 'application/octet-stream');
    message('Saved experiment.sw2: data, versions, configuration, weights and timeline. Open it here, or send it.', 'info');
  });

  /** Opens a project file chosen or dropped; a bad file changes nothing and says why. */
  async function open(file) {
    try {
      await pg.importProject(new Uint8Array(await file.arrayBuffer()));
      message(`Opened ${file.name}.`, 'info');
    } catch (e) {
      message(`${file.name} was not opened: ${e.message}`, 'error');
    }
  }
  fileInput.addEventListener('change', () => {
    const [file] = fileInput.files;
    fileInput.value = '';
    if (file) open(file);
  });

  const link = act(async () => {
    const url = await pg.exportLink();
    show('A link to this experiment', url, `Everything travels in the link itself (${Math.round(url.length / 1024)} kB), after the #, which browsers never send to a server.`);
    copy(url);
  });

  const embed = act(async () => {
    let src;
    let note;
    try {
      src = await pg.client.exportLink();
      note = 'Paste this into any page. The experiment travels inside the src attribute; the page needs the playground\'s files (see README, "Put it on a static host").';
    } catch {
      src = 'experiment.sw2';
      note = 'This experiment is too large to travel in the code: save the project file, put experiment.sw2 next to your page, then paste this.';
    }
    show('Embed this experiment', `<script type="module" src="${ELEMENT_URL.href}"></script>\n<sw2-playground src="${src}"></sw2-playground>`, note);
  });

  const element = h('div', { class: 'project-controls' },
    h('span', { class: 'field-label' }, 'Project'),
    h('div', { class: 'buttons' },
      h('button', { type: 'button', onclick: save, title: 'Download the whole experiment as one file' }, '⤓ Save project'),
      h('button', { type: 'button', onclick: () => fileInput.click(), title: 'Open a .sw2 project file (or drop one on the playground)' }, '⤒ Open project…'),
      h('button', { type: 'button', onclick: link, title: 'A link that opens this experiment' }, '⇗ Copy link'),
      h('button', { type: 'button', onclick: embed, title: 'Code that embeds this experiment in another page' }, '</> Embed')),
    h('p', { class: 'hint project-hint' }, 'The whole experiment — data, versions, network, weights, timeline — in one file, a link or a snippet to embed.'),
    fileInput, dialog);
  return { element, open };
}
