// The image dataset editor: draw an example on a grid (or drop image files), add it to a class,
// see the model's live prediction while drawing, browse the per-class gallery, delete or relabel
// an example, and read the accuracy class by class.

import { h, select } from '../dom.js';
import { DrawGrid, imageFileToRgba, paintImage } from '../views/draw-grid.js';

const SIDES = [8, 12, 16, 20, 28];
const LABELS = 10;
const GALLERY_PER_CLASS = 18;

/**
 * `client` is the public API; `message(text, kind)` reports; `onDraw(pixels)` follows the drawing
 * and `onLabel(label)` the class chosen here (the data panel's class buttons follow it).
 */
export function imageEditor(client, message, { onDraw, onLabel } = {}) {
  let images = [];       // the dataset's images, as the core holds them
  let testMask = [];
  let selected = null;   // index of the gallery example picked
  let predicting = false;
  let again = false;

  const sideSelect = select('image-side', SIDES.map((s) => [s, `${s}×${s}`]));
  sideSelect.setAttribute('aria-label', 'Image size');
  const labelSelect = select('image-label', Array.from({ length: LABELS }, (_, i) => [i, String(i)]));
  labelSelect.setAttribute('aria-label', 'Class of the drawn example');
  labelSelect.title = 'Class of the drawn example';
  const canvas = h('canvas', { class: 'draw-grid', 'aria-label': 'Draw an example: drag to ink, shift-drag or right-drag to erase; drop image files here' });
  const grid = new DrawGrid(canvas, { side: 8, onChange: (pixels) => { predictLive(); onDraw?.(pixels); } });
  labelSelect.addEventListener('change', () => onLabel?.(Number(labelSelect.value)));
  const bars = h('div', { class: 'prediction-bars', 'aria-live': 'polite' });
  const gallery = h('div', { class: 'gallery', tabindex: 0, role: 'region', 'aria-label': 'Gallery of the dataset\'s images' });
  const perClass = h('table', { class: 'class-accuracy' });
  const selection = h('div', { class: 'selection', hidden: true });
  const fileInput = h('input', { type: 'file', accept: 'image/*', multiple: true, hidden: true, name: 'image-files' });

  const side = () => (images.length ? images[0].width : Number(sideSelect.value));
  sideSelect.addEventListener('change', () => { grid.setSide(side()); predictLive(); });

  const act = async (fn) => {
    try {
      await fn();
    } catch (e) {
      message(e.message, 'error');
    }
  };
  const setImages = (next, origin = 'hand') => act(() => client.setData({ images: next, origin }));

  const addDrawn = () => {
    if (!grid.pixels.some((v) => v > 0)) return message('Draw something first: drag on the grid.', 'info');
    const s = side();
    const image = { pixels: Array.from(grid.pixels, (v) => Math.round(v * 1000) / 1000), width: s, height: s, label: Number(labelSelect.value) };
    grid.clear();
    return setImages([...images, image]);
  };

  const importFiles = async (files) => {
    const s = side();
    const label = Number(labelSelect.value);
    const added = [];
    const unreadable = [];
    for (const f of files) {
      try {
        added.push({ pixels: await client.pixelsFromRgba(await imageFileToRgba(f, s), s, s), width: s, height: s, label });
      } catch {
        unreadable.push(f.name);
      }
    }
    const failed = unreadable.length ? `${unreadable.join(', ')} could not be read as an image.` : '';
    if (added.length) {
      await setImages([...images, ...added], 'import:image files');
      message(`Added ${added.length} image${added.length > 1 ? 's' : ''} as class ${label}, scaled to ${s}×${s}. Undo takes ${added.length > 1 ? 'them' : 'it'} back. ${failed}`.trim(), failed ? 'warning' : 'info');
    } else if (failed) {
      message(failed, 'error');
    }
  };
  fileInput.addEventListener('change', () => { const files = [...fileInput.files]; fileInput.value = ''; importFiles(files); });
  canvas.addEventListener('dragover', (e) => { e.preventDefault(); canvas.classList.add('drop'); });
  canvas.addEventListener('dragleave', () => canvas.classList.remove('drop'));
  canvas.addEventListener('drop', (e) => {
    e.preventDefault();
    canvas.classList.remove('drop');
    importFiles([...e.dataTransfer.files].filter((f) => f.type.startsWith('image/')));
  });

  /** Asks the model what it sees in the drawing; coalesces while a request is out. */
  async function predictLive() {
    if (predicting) { again = true; return; }
    if (!images.length || images[0].width !== grid.side) { bars.replaceChildren(h('small', {}, 'Predictions appear here once the dataset has images of this size.')); return; }
    predicting = true;
    try {
      const [probs] = await client.predict([Array.from(grid.pixels)]);
      const best = probs.indexOf(Math.max(...probs));
      bars.replaceChildren(...probs.map((p, label) => h('div', { class: `bar${label === best ? ' best' : ''}` },
        h('span', {}, String(label)), h('i', { style: `width:${(p * 100).toFixed(1)}%` }), h('small', {}, `${Math.round(p * 100)}%`))));
    } catch {
      bars.replaceChildren(h('small', {}, 'Train to see predictions.'));
    } finally {
      predicting = false;
      if (again) { again = false; predictLive(); }
    }
  }

  function pick(i) {
    selected = i;
    for (const el of gallery.querySelectorAll('canvas')) el.classList.toggle('picked', Number(el.dataset.index) === i);
    selection.hidden = i === null;
    if (i !== null) {
      const img = images[i];
      selection.replaceChildren(
        h('span', {}, `Example ${i} · class ${img.label}${testMask[i] ? ' · test' : ' · train'}`),
        select('relabel', Array.from({ length: LABELS }, (_, l) => [l, `→ class ${l}`]), (e) => {
          const label = Number(e.target.value);
          setImages(images.map((im, k) => (k === i ? { ...im, label } : im)));
        }),
        h('button', { type: 'button', class: 'small', onclick: () => { grid.setPixels(img.pixels); predictLive(); onDraw?.(grid.pixels); } }, 'Edit a copy'),
        h('button', { type: 'button', class: 'small', onclick: () => { pick(null); setImages(images.filter((_, k) => k !== i)); } }, 'Delete'));
      selection.querySelector('select').value = String(img.label);
      selection.querySelector('select').setAttribute('aria-label', 'New class of this example');
    }
  }

  function renderGallery() {
    const byClass = new Map();
    images.forEach((img, i) => { if (!byClass.has(img.label)) byClass.set(img.label, []); byClass.get(img.label).push(i); });
    gallery.replaceChildren(...[...byClass.keys()].sort((a, b) => a - b).map((label) => {
      const ids = byClass.get(label);
      return h('div', { class: 'gallery-row' },
        h('span', { class: 'gallery-label' }, `${label}`, h('small', {}, `${ids.length}`)),
        ...ids.slice(-GALLERY_PER_CLASS).map((i) => {
          const thumb = h('canvas', { width: 28, height: 28, class: testMask[i] ? 'test' : '', dataset: { index: i }, title: `example ${i}${testMask[i] ? ' (test)' : ''}` });
          paintImage(thumb, images[i].pixels, images[i].width, images[i].height);
          thumb.addEventListener('click', () => pick(i));
          return thumb;
        }),
        ids.length > GALLERY_PER_CLASS ? h('small', { class: 'more' }, `+${ids.length - GALLERY_PER_CLASS}`) : null);
    }));
  }

  /** Fetches the per-class accuracy from the core and shows it. */
  async function refreshAccuracy() {
    try {
      const rows = await client.classAccuracy();
      const pct = (r, t) => (t ? `${Math.round((100 * r) / t)} %` : '–');
      perClass.replaceChildren(
        h('thead', {}, h('tr', {}, h('th', {}, 'class'), h('th', {}, 'train'), h('th', {}, 'test'), h('th', {}, 'test n'))),
        h('tbody', {}, ...rows.map((r) => h('tr', { class: r.testTotal && r.testCorrect / r.testTotal < 0.8 ? 'weak' : '' },
          h('td', {}, String(r.label)), h('td', {}, pct(r.trainCorrect, r.trainTotal)), h('td', {}, pct(r.testCorrect, r.testTotal)), h('td', {}, String(r.testTotal))))));
    } catch {
      perClass.replaceChildren();
    }
  }

  const element = h('div', { class: 'image-editor' },
    h('div', { class: 'draw-column' },
      canvas,
      h('div', { class: 'row add-row' }, h('button', { type: 'button', class: 'accent', onclick: addDrawn }, '+ Add as class'), labelSelect, h('button', { type: 'button', onclick: () => grid.clear() }, 'Clear')),
      h('div', { class: 'row' }, sideSelect, h('button', { type: 'button', onclick: () => fileInput.click() }, 'Import images…'), fileInput),
      h('small', { class: 'hint' }, 'Drag to ink, shift-drag to erase. Drop image files on the grid to add them to the chosen class.')),
    h('div', { class: 'side-column' },
      h('span', { class: 'field-label' }, 'The model sees'), bars,
      h('span', { class: 'field-label' }, 'Accuracy by class'), perClass),
    h('div', { class: 'gallery-wrap' }, h('span', { class: 'field-label' }, 'Gallery — click an example to relabel or delete it'), selection, gallery));

  return {
    element,
    /** New image data from the core (or `[]` for a fresh image dataset). */
    show(next, mask) {
      images = next;
      testMask = Array.from(mask || []);
      if (images.length) {
        sideSelect.value = String(images[0].width);
        sideSelect.disabled = true;
        if (grid.side !== images[0].width) grid.setSide(images[0].width);
      } else {
        sideSelect.disabled = false;
      }
      if (selected !== null && selected >= images.length) selected = null;
      renderGallery();
      pick(selected);
      predictLive();
      refreshAccuracy();
    },
    refreshAccuracy,
    predictLive,
    /** The image on the drawing grid now, pixels row by row. */
    drawnPixels: () => Array.from(grid.pixels),
    /** Dataset image `i` as the core holds it (or undefined). */
    imageAt: (i) => images[i],
    /** Follows the class picked elsewhere (the data panel's class buttons). */
    setLabel(label) { if (label >= 0 && label < LABELS) labelSelect.value = String(label); },
  };
}
