// Shipping the binary: download the model (safetensors + JSON description), load such a pair back,
// or see the network "compiled" to JavaScript or Rust source with the weights as literals.

import { download, h } from '../dom.js';

/** The export/import buttons and the code dialog. `afterImport()` runs after a model loads. */
export function exportControls(client, { message, afterImport }) {
  const code = h('pre', { class: 'code' });
  let codeText = '';
  let codeName = '';
  const dialog = h('dialog', { class: 'code-dialog' },
    h('div', { class: 'dialog-head' },
      h('strong', { class: 'dialog-title' }, 'The program, compiled'),
      h('button', { type: 'button', onclick: () => navigator.clipboard?.writeText(codeText).then(() => message('Copied.', 'info'), () => message('The clipboard is not available here: use Download.', 'info')) }, 'Copy'),
      h('button', { type: 'button', onclick: () => download(codeName, codeText, 'text/plain') }, 'Download'),
      h('button', { type: 'button', onclick: () => dialog.close() }, 'Close')),
    code);

  const showCode = async (language) => {
    try {
      codeText = await client.exportCode(language);
      codeName = language === 'js' ? 'model.mjs' : 'model.rs';
      dialog.querySelector('.dialog-title').textContent = `The program, compiled to ${language === 'js' ? 'JavaScript' : 'Rust'} (${codeText.split('\n').length} lines)`;
      code.textContent = codeText;
      dialog.showModal();
    } catch (e) {
      message(e.message, 'error');
    }
  };

  const fileInput = h('input', { type: 'file', accept: '.safetensors,.json', multiple: true, hidden: true, name: 'model-files' });
  fileInput.addEventListener('change', async () => {
    const files = [...fileInput.files];
    fileInput.value = '';
    const weights = files.find((f) => f.name.endsWith('.safetensors'));
    const description = files.find((f) => f.name.endsWith('.json'));
    if (!weights || !description) {
      message('Choose both files of a model: the .safetensors weights and the .json description.', 'error');
      return;
    }
    try {
      let config;
      try {
        config = JSON.parse(await description.text());
      } catch (e) {
        throw new Error(`${description.name} is not valid JSON: ${e.message}`);
      }
      await client.importModel({ safetensors: new Uint8Array(await weights.arrayBuffer()), config });
      message(`Loaded ${weights.name}: the network now runs those weights.`, 'info');
      afterImport();
    } catch (e) {
      message(`The model was not loaded: ${e.message}`, 'error');
    }
  });

  const buttons = {
    model: h('button', { type: 'button', onclick: async () => {
      try {
        const { safetensors, config } = await client.exportModel();
        download('model.safetensors', safetensors, 'application/octet-stream');
        download('model.json', JSON.stringify(config, null, 2), 'application/json');
      } catch (e) {
        message(e.message, 'error');
      }
    } }, '⤓ Model (.safetensors + .json)'),
    load: h('button', { type: 'button', onclick: () => fileInput.click() }, '⤒ Load model…'),
    js: h('button', { type: 'button', onclick: () => showCode('js') }, '{ } As JavaScript'),
    rust: h('button', { type: 'button', onclick: () => showCode('rust') }, '{ } As Rust'),
  };
  const element = h('div', { class: 'export-controls' },
    h('span', { class: 'field-label' }, 'Ship the binary'),
    h('div', { class: 'buttons' }, buttons.model, buttons.load, buttons.js, buttons.rust),
    fileInput, dialog);

  return {
    element,
    /** Export needs a network; loading a model is always possible. */
    setEnabled(on) {
      for (const b of [buttons.model, buttons.js, buttons.rust]) b.disabled = !on;
    },
    /** A word program (`'words'`) compiles to JavaScript only: the Rust button goes. */
    setKind(kind) {
      buttons.rust.hidden = kind === 'words';
    },
  };
}
