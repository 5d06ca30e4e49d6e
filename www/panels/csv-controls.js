// CSV in and out: import a file or a paste (errors name line and column), export as a download.

import { download, h } from '../dom.js';

/** The CSV buttons and paste dialog around `client`; `message(text, kind)` reports. */
export function csvControls(client, message) {
  const importText = async (text, source) => {
    try {
      const ignored = await client.importCsv(text);
      const skipped = ignored.length ? ` Ignored column${ignored.length > 1 ? 's' : ''}: ${ignored.join(', ')}.` : '';
      message(`Imported ${source}.${skipped} Undo (Ctrl+Z) takes it back.`, 'info');
      return true;
    } catch (e) {
      message(`Nothing was imported: ${e.message}`, 'error');
      return false;
    }
  };
  const file = h('input', { type: 'file', accept: '.csv,text/csv,text/plain', hidden: true, name: 'csv-file' });
  file.addEventListener('change', async () => {
    const f = file.files[0];
    file.value = '';
    if (f) await importText(await f.text(), f.name);
  });
  const paste = h('textarea', { name: 'csv-text', rows: 10, spellcheck: 'false', placeholder: 'x,y,label\n0.5,-0.25,1\n…' });
  const dialog = h('dialog', { class: 'csv-dialog' },
    h('form', { method: 'dialog', onsubmit: async (e) => {
      e.preventDefault();
      if (await importText(paste.value, 'the pasted CSV')) dialog.close();
    } },
    h('p', {}, h('strong', {}, 'Paste CSV'), ' — header ', h('code', {}, 'x,y,label'), ' for points, or ', h('code', {}, 'p0_0,…,label'), ' for images.'),
    paste,
    h('div', { class: 'row' },
      h('button', { type: 'submit', class: 'accent' }, 'Import'),
      h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'))));

  const element = h('div', { class: 'field csv-controls' },
    h('span', { class: 'field-label' }, 'CSV'),
    h('div', { class: 'row' },
      h('button', { type: 'button', title: 'Import a CSV file', onclick: () => file.click() }, 'Import…'),
      h('button', { type: 'button', title: 'Paste CSV text', onclick: () => { paste.value = ''; dialog.showModal(); paste.focus(); } }, 'Paste…'),
      h('button', { type: 'button', title: 'Download the dataset as CSV', onclick: async () => {
        try {
          download('dataset.csv', await client.exportCsv({ source: true }), 'text/csv');
        } catch (e) {
          message(e.message, 'error');
        }
      } }, 'Export')),
    file, dialog);
  return { element };
}
