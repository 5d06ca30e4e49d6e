// Images as first-class as points: panels that fit the data, the image program (unit templates,
// live activations, top images, kernels and feature maps), a network graph that draws true at any
// size, a page that fits 360 px, and a clean axe-core audit with points and with images.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openTool, usePlayground } from './helpers/playground.js';
import { OUTPUT } from './helpers/browser.js';
import { seriousViolations } from './helpers/axe.js';

const s = usePlayground((page) => page.evaluate(() => document.querySelector('sw2-playground').configure({ backend: 'cpu' })));
const inPage = (fn, arg) => s.page.evaluate(fn, arg);
const root = () => s.page.locator('sw2-playground');

/** Which of the 2D controls are visible now. */
const pointControls = () => inPage(() => {
  const sr = document.querySelector('sw2-playground').shadowRoot;
  // In the workbench a control counts as shown when its panel shows it, whichever tab is open.
  const visible = (el) => {
    const tab = el?.closest('[role=tabpanel]');
    const hidden = tab?.hidden;
    if (tab) tab.hidden = false;
    const shown = Boolean(el && el.getClientRects().length);
    if (tab) tab.hidden = hidden;
    return shown;
  };
  const named = (n) => sr.querySelector(`[name=${n}]`);
  return {
    n: visible(named('n')), noise: visible(named('noise')), brush: visible(named('brushSize')),
    features: visible(named('feature')), task: visible(sr.querySelector('[aria-label="What each point carries"]')),
    tools: visible(sr.querySelector('[aria-label="Tool"]')),
  };
});
const visibleSwatches = () => inPage(() => [...document.querySelector('sw2-playground').shadowRoot.querySelectorAll('.data-panel .swatch')]
  .filter((b) => b.getClientRects().length).map((b) => b.dataset.label));

/** Draws strokes on the image editor's grid with the mouse (fractions of its box). */
async function draw(strokes) {
  await root().locator('canvas.draw-grid').scrollIntoViewIfNeeded();
  const box = await root().locator('canvas.draw-grid').boundingBox();
  for (const [x0, y0, x1, y1] of strokes) {
    await s.page.mouse.move(box.x + box.width * x0, box.y + box.height * y0);
    await s.page.mouse.down();
    for (let t = 0; t <= 1.001; t += 0.1) await s.page.mouse.move(box.x + box.width * (x0 + (x1 - x0) * t), box.y + box.height * (y0 + (y1 - y0) * t));
    await s.page.mouse.up();
  }
}

const activations = () => inPage(() => [...document.querySelector('sw2-playground').shadowRoot.querySelectorAll('.unit-tile')]
  .map((t) => Number(t.dataset.activation)));

test('the data panel fits the data: images hide the 2D controls and offer classes 0–9; points get their settings back', async () => {
  await root().locator('input[name=noise]').fill('0.3');
  await root().locator('input[name=noise]').dispatchEvent('change');
  await root().locator('input[name=brushSize]').fill('0.2');
  await openTool(s.page, 'network');
  await root().locator('input[name=feature][value=sinX]').check();
  await openTool(s.page, 'data');
  await s.page.waitForFunction(() => document.querySelector('sw2-playground').client.config.features.includes('sinX'));
  assert.deepEqual(Object.values(await pointControls()), [true, true, true, true, true, true]);
  assert.deepEqual(await visibleSwatches(), ['0', '1', '2', '3', '4', '5', '6', '7']);

  await root().locator('select[name=preset]').selectOption('digits');
  await s.page.waitForFunction(() => document.querySelector('sw2-playground').shadowRoot.querySelectorAll('.gallery-row').length === 10);
  assert.deepEqual(await pointControls(), { n: false, noise: false, brush: false, features: false, task: false, tools: false });
  assert.deepEqual(await visibleSwatches(), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  await openTool(s.page, 'network');
  assert.equal(await root().locator('input[name=conv]').isVisible(), true, 'convolutions are offered for images');
  await openTool(s.page, 'data');
  await root().locator('.data-panel .swatch[data-label="9"]').click();
  assert.equal(await root().locator('select[name=image-label]').inputValue(), '9', 'the image editor adds to the class picked');
  await root().locator('select[name=image-label]').selectOption('4');
  assert.equal(await root().locator('.data-panel .swatch[data-label="4"]').getAttribute('aria-checked'), 'true');

  await root().locator('select[name=preset]').selectOption('circle');
  await s.page.waitForFunction(() => !document.querySelector('sw2-playground').shadowRoot.querySelector('.canvas-wrap').hidden);
  assert.deepEqual(Object.values(await pointControls()), [true, true, true, true, true, true]);
  assert.equal(await root().locator('input[name=noise]').inputValue(), '0.3');
  assert.equal(await root().locator('input[name=brushSize]').inputValue(), '0.2');
  assert.equal(await root().locator('input[name=feature][value=sinX]').isChecked(), true);
  await openTool(s.page, 'network');
  assert.equal(await root().locator('input[name=conv]').isVisible(), false);
  await openTool(s.page, 'data');
  assert.deepEqual(await visibleSwatches(), ['0', '1', '2', '3', '4', '5', '6', '7']);
});

test('the network graph draws every heatmap inside its frame at two widths and two shapes', async () => {
  const boxes = () => inPage(() => [...document.querySelector('sw2-playground').shadowRoot.querySelectorAll('.network-graph .unit')].map((g) => {
    const a = g.querySelector('canvas.thumb').getBoundingClientRect();
    const b = g.querySelector('.unit-frame').getBoundingClientRect();
    return [a.x - b.x, a.y - b.y, a.width - b.width, a.height - b.height, b.width];
  }));
  await openTool(s.page, 'program');
  for (const hidden of [[16, 16], [3]]) {
    await inPage(async (h) => {
      const pg = document.querySelector('sw2-playground');
      await pg.configure({ hidden: h, features: ['x', 'y'] });
      await pg.loadPreset('spiral', { n: 200, seed: 2 });
      await pg.train({ steps: 5 });
    }, hidden);
    for (const width of [1280, 720]) {
      await s.page.setViewportSize({ width, height: 900 });
      await s.page.waitForFunction((n) => document.querySelector('sw2-playground').shadowRoot.querySelectorAll('.network-graph .unit').length === n, 2 + hidden.reduce((a, b) => a + b, 0) + 2);
      await s.page.waitForTimeout(100);
      const measured = await boxes();
      assert.ok(measured.length >= 7);
      for (const [dx, dy, dw, dh, size] of measured) {
        assert.ok(size > 8, `a frame ${size} px wide is visible`);
        assert.ok(Math.max(Math.abs(dx), Math.abs(dy), Math.abs(dw), Math.abs(dh)) <= 1.5, `heatmap off its frame by ${[dx, dy, dw, dh]} at ${width} px, hidden ${hidden}`);
      }
    }
  }
  await s.page.setViewportSize({ width: 1280, height: 900 });
  await root().locator('.network-graph').screenshot({ path: join(OUTPUT, 'graph-true.png') });
});

test('the image program: unit templates, live activations while drawing, and a unit\'s top images', async () => {
  await openTool(s.page, 'data');
  await root().locator('select[name=preset]').selectOption('digits');
  await s.page.waitForFunction(() => document.querySelector('sw2-playground').shadowRoot.querySelectorAll('.gallery-row').length === 10);
  await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.configure({ hidden: [32], conv: [], activation: 'relu', optimizer: 'adam', learningRate: 0.01, batchSize: 64, seed: 1 });
    await pg.train({ steps: 600 });
  });
  await s.page.waitForFunction(() => document.querySelector('sw2-playground').shadowRoot.querySelectorAll('.unit-tile canvas.unit-template').length === 32);
  const program = await inPage(() => document.querySelector('sw2-playground').imageProgram());
  assert.deepEqual([program.templates.count, program.templates.width, program.templates.height], [32, 8, 8]);

  const blank = await activations();
  await draw([[0.5, 0.1, 0.52, 0.9], [0.35, 0.25, 0.5, 0.1]]);
  await s.page.waitForFunction((before) => {
    const now = [...document.querySelector('sw2-playground').shadowRoot.querySelectorAll('.unit-tile')].map((t) => Number(t.dataset.activation));
    return now.length === before.length && now.some((v, i) => Math.abs(v - before[i]) > 1e-3);
  }, blank);
  // The tiles follow the drawing stroke by stroke: read them once they have settled on the last one.
  let drawn = await activations();
  for (let i = 0; i < 20; i++) {
    await s.page.waitForTimeout(200);
    const again = await activations();
    if (again.every((v, k) => v === drawn[k])) break;
    drawn = again;
  }
  const api = await inPage(() => {
    const pg = document.querySelector('sw2-playground');
    return pg.imageActivations(pg.images.drawnPixels());
  });
  assert.deepEqual(drawn.map((v) => v.toFixed(4)), api.layers[0].values.map((v) => v.toFixed(4)), 'the tiles show the core\'s activations');

  // Every live unit's strongest training images, through the API: most come from one or two classes.
  const spread = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    const out = [];
    for (let u = 0; u < 32; u++) {
      const top = await pg.topImages(u, { count: 8 });
      if (top[0].activation > 0) out.push(new Set(top.map((t) => t.label)).size);
    }
    return out;
  });
  assert.ok(spread.length >= 16, `${spread.length} live units`);
  assert.ok(spread.filter((k) => k <= 2).length * 3 >= spread.length * 2, `classes among top images: ${spread}`);

  // On the page: clicking the most active unit lists its top images, each with the label it carries.
  const best = drawn.indexOf(Math.max(...drawn));
  await openTool(s.page, 'program');
  await root().locator(`.unit-tile[data-unit="${best}"]`).click();
  await root().locator('.top-image').first().waitFor();
  const shown = await inPage(() => [...document.querySelector('sw2-playground').shadowRoot.querySelectorAll('.top-image')].map((f) => [Number(f.dataset.index), Number(f.dataset.label)]));
  const labels = await inPage(async () => (await document.querySelector('sw2-playground').getData()).images.map((im) => im.label));
  assert.equal(shown.length, 12);
  for (const [index, label] of shown) assert.equal(label, labels[index]);
  await root().locator('.program-panel').screenshot({ path: join(OUTPUT, 'image-program.png') });
});

test('a CNN shows its kernels and the feature maps of the drawing', async () => {
  await openTool(s.page, 'program');
  await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.configure({ hidden: [16], conv: [4] });
    await pg.train({ steps: 40 });
  });
  await s.page.waitForFunction(() => document.querySelector('sw2-playground').shadowRoot.querySelectorAll('.kernel-row canvas').length === 4);
  await s.page.waitForFunction(() => document.querySelector('sw2-playground').shadowRoot.querySelectorAll('.feature-row canvas').length === 4);
  await root().locator('.image-program').screenshot({ path: join(OUTPUT, 'image-program-cnn.png') });
  const bad = await inPage(() => document.querySelector('sw2-playground').imageActivations([1, 2, 3]).catch((e) => e.message));
  assert.match(bad, /3 pixels.*8×8/);
  await inPage(() => document.querySelector('sw2-playground').configure({ conv: [] }));
});

test('no sideways scrolling at 360 px and a clean axe-core audit, with images and with points', async () => {
  for (const kind of ['images', 'points']) {
    if (kind === 'points') {
      await openTool(s.page, 'data');
      await root().locator('select[name=preset]').selectOption('spiral');
      await s.page.waitForFunction(() => !document.querySelector('sw2-playground').shadowRoot.querySelector('.canvas-wrap').hidden);
    }
    await s.page.setViewportSize({ width: 1280, height: 900 });
    assert.deepEqual(await seriousViolations(s.page), [], `axe-core with ${kind}`);
    await s.page.setViewportSize({ width: 360, height: 780 });
    await s.page.waitForFunction(() => document.documentElement.scrollWidth <= 360, null, { timeout: 5000 }).catch(() => {});
    const width = await inPage(() => document.documentElement.scrollWidth);
    const wide = await inPage(() => {
      const out = [];
      const walk = (r) => r.querySelectorAll('*').forEach((el) => {
        const b = el.getBoundingClientRect();
        if (b.right > 361 && !el.closest('svg')) out.push(`${el.tagName}.${el.className} ${Math.round(b.left)}–${Math.round(b.right)}`);
        if (el.shadowRoot) walk(el.shadowRoot);
      });
      walk(document);
      return out.slice(0, 5);
    });
    assert.equal(width, 360, `the page with ${kind} is ${width} px wide at 360 px: ${wide.join('; ')}`);
    const surface = kind === 'images' ? 'canvas.draw-grid' : 'canvas.boundary';
    const touch = await inPage((sel) => getComputedStyle(document.querySelector('sw2-playground').shadowRoot.querySelector(sel)).touchAction, surface);
    assert.equal(touch, 'none', `painting on ${surface} by touch does not scroll the page`);
    const box = await root().locator(surface).boundingBox();
    assert.ok(box.width >= 240 && box.x >= 0 && box.x + box.width <= 360, `${surface} fits the phone: ${JSON.stringify(box)}`);
    await s.page.evaluate(() => window.scrollTo(0, 0));
    await s.page.screenshot({ path: join(OUTPUT, `phone-${kind}.png`), fullPage: true });
  }
  assert.deepEqual(s.errors, []);
});
