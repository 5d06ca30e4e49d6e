// The image editor end to end: load the digits from the page, train an MLP to ≥ 90 % on the CPU,
// draw a new example with the mouse, relabel one in the gallery, and diff the committed versions.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, openTool, usePlayground } from './helpers/playground.js';

const session = usePlayground((page) => page.evaluate(() => document.querySelector('sw2-playground').configure({ backend: 'cpu' })));
const inPage = (fn, arg) => session.page.evaluate(fn, arg);

const imageCount = async () => (await document.querySelector('sw2-playground').getData()).images.length;

test('the digits load from the page and train to at least 90 % test accuracy on the CPU', async () => {
  const { page } = session;
  const root = page.locator('sw2-playground');
  await root.locator('select[name=preset]').selectOption('digits');
  await root.locator('.image-editor').waitFor();
  await page.waitForFunction(() => document.querySelector('sw2-playground').shadowRoot.querySelectorAll('.gallery-row').length === 10);
  assert.equal(await root.locator('.canvas-wrap').isHidden(), true, 'the 2D canvas gives way to the image editor');
  const m = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.configure({ hidden: [128], activation: 'relu', optimizer: 'adam', learningRate: 0.001, batchSize: 64, seed: 1 });
    const train = (await pg.getData()).images.length;
    const m = await pg.train({ steps: 10 * Math.ceil((train * 0.7) / 64) });
    return { ...m, train };
  });
  assert.equal(m.train, 1500, "the digits preset leaves 297 of the 1,797 out, for worlds");
  assert.ok(m.testAccuracy >= 0.9, `test accuracy ${m.testAccuracy}`);
  await page.waitForFunction(() => document.querySelector('sw2-playground').shadowRoot.querySelectorAll('.class-accuracy tbody tr').length === 10);
});

test('a drawn example is added through the UI, predicted live, and shows in the diff of two commits', async () => {
  const { page } = session;
  const root = page.locator('sw2-playground');
  const before = await inPage(() => document.querySelector('sw2-playground').commit('the built-in digits'));
  const count = await inPage(imageCount);

  const grid = root.locator('canvas.draw-grid');
  const box = await grid.boundingBox();
  const stroke = async (x0, y0, x1, y1) => {
    await page.mouse.move(box.x + box.width * x0, box.y + box.height * y0);
    await page.mouse.down();
    for (let t = 0; t <= 1; t += 0.1) await page.mouse.move(box.x + box.width * (x0 + (x1 - x0) * t), box.y + box.height * (y0 + (y1 - y0) * t));
    await page.mouse.up();
  };
  await stroke(0.5, 0.1, 0.52, 0.9); // the stem of a 1
  await stroke(0.35, 0.25, 0.5, 0.1); // its flag
  await page.waitForFunction(() => document.querySelector('sw2-playground').shadowRoot.querySelectorAll('.prediction-bars .bar').length === 10);
  await root.locator('select[name=image-label]').selectOption('1');
  await root.locator('button', { hasText: 'Add as class' }).click();
  await eventually(page, async (n) => (await document.querySelector('sw2-playground').getData()).images.length === n + 1, count);

  const after = await inPage(() => document.querySelector('sw2-playground').commit('drew a one'));
  const diff = await inPage(([a, b]) => document.querySelector('sw2-playground').diff(a, b), [before, after]);
  assert.equal(diff.added.length, 1);
  assert.equal(diff.removed.length, 0);
  assert.equal(diff.relabelled.length, 0);
  const drawn = diff.added[0];
  assert.equal(drawn.label, 1);
  assert.deepEqual([drawn.width, drawn.height, drawn.pixels.length], [8, 8, 64]);
  assert.ok(drawn.pixels.filter((p) => p > 0).length >= 6, 'the strokes left ink');
  assert.ok(drawn.pixels.every((p) => p >= 0 && p <= 1));

  // Relabel an example in the gallery: the diff calls it a relabel, not a removal plus an addition.
  await root.locator('.gallery-row').first().locator('canvas').first().click();
  await root.locator('.selection select[name=relabel]').selectOption('7');
  await eventually(page, async (id) => (await document.querySelector('sw2-playground').diff(id, 'current')).relabelled.length === 1, after);
  const relabel = await inPage((id) => document.querySelector('sw2-playground').diff(id, 'current'), after);
  assert.deepEqual([relabel.relabelled[0].from, relabel.relabelled[0].to, relabel.added.length, relabel.removed.length], [0, 7, 0, 0]);
  await root.locator('.stage').screenshot({ path: 'test-results/images.png' });
});

test('image data can train a small CNN chosen in the network panel', async () => {
  const { page } = session;
  const root = page.locator('sw2-playground');
  await openTool(page, 'network');
  await root.locator('input[name=conv]').fill('4');
  await root.locator('input[name=conv]').press('Enter');
  await page.waitForFunction(() => (document.querySelector('sw2-playground').client.config.conv || []).join() === '4');
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    const m = await pg.train({ steps: 30 });
    const w = await pg.weights();
    const bad = await pg.configure({ conv: [4, 4, 4, 4] }).catch((e) => e.message);
    return { step: m.step, shapes: w.map((t) => [t.name, t.shape]), bad };
  });
  assert.equal(r.step, 30);
  assert.deepEqual(r.shapes[0], ['convs.0.weight', [4, 1, 3, 3]]);
  assert.deepEqual(r.shapes[2][0], 'layers.0.weight');
  assert.equal(r.shapes[2][1][0], 4 * 4 * 4, 'the dense part reads the pooled feature maps');
  assert.match(r.bad, /conv|convolution/);
  await inPage(() => document.querySelector('sw2-playground').configure({ conv: [] }));
});

test('image files dropped on the grid are scaled to it and added to the chosen class; a broken one is named', async () => {
  const { page } = session;
  const root = page.locator('sw2-playground');
  await root.locator('select[name=image-label]').selectOption('3');
  const before = await inPage(imageCount);
  // A 40×40 PNG: white, with a black vertical bar down the middle; plus a text file and a broken "PNG".
  await inPage(async () => {
    const source = document.createElement('canvas');
    source.width = 40;
    source.height = 40;
    const ctx = source.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 40, 40);
    ctx.fillStyle = '#000';
    ctx.fillRect(15, 0, 10, 40);
    const png = await new Promise((resolve) => source.toBlob(resolve, 'image/png'));
    const transfer = new DataTransfer();
    transfer.items.add(new File([png], 'bar.png', { type: 'image/png' }));
    transfer.items.add(new File(['not an image'], 'notes.txt', { type: 'text/plain' }));
    transfer.items.add(new File([new Uint8Array([1, 2, 3, 4])], 'broken.png', { type: 'image/png' }));
    const grid = document.querySelector('sw2-playground').shadowRoot.querySelector('canvas.draw-grid');
    grid.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    grid.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await eventually(page, async (n) => (await document.querySelector('sw2-playground').getData()).images.length === n + 1, before);
  const added = await inPage(async () => (await document.querySelector('sw2-playground').getData()).images.at(-1));
  assert.deepEqual([added.label, added.width, added.height], [3, 8, 8]);
  const column = (c) => [0, 1, 2, 3, 4, 5, 6, 7].map((r) => added.pixels[r * 8 + c]);
  assert.ok(column(3).every((p) => p > 0.6) && column(4).every((p) => p > 0.6), `the bar is ink: ${column(3)} ${column(4)}`);
  assert.ok(column(0).every((p) => p < 0.1) && column(7).every((p) => p < 0.1), `the white sides are not: ${column(0)}`);
  await page.waitForFunction(() => /broken\.png could not be read/.test(document.querySelector('sw2-playground').shadowRoot.querySelector('.message').textContent));
  // One undo takes the dropped image back.
  await inPage(() => document.querySelector('sw2-playground').undo());
  assert.equal(await inPage(imageCount), before);
});
