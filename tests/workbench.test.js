// The page as a workbench (issue 22): at 1280 × 800 every tool is a tab beside the canvas, chosen by
// click or by keys, and whichever is open the canvas and Train stay on screen and the page does not
// scroll; a tool that points at the canvas (why?) is used start to finish without scrolling; the tab
// in use survives a reload; a keyboard alone runs the core loop; on a 360 px phone the Train bar
// stays reachable and every tab too, with no sideways scrolling; and `panels` still lays an embed
// out as before.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, OUTPUT } from './helpers/browser.js';
import { seriousViolations } from './helpers/axe.js';
import { serve } from './helpers/server.js';

const TABS = ['data', 'network', 'program', 'prompt', 'debug', 'engine', 'rule', 'versions', 'project'];
const s = { errors: [] };
const root = () => s.page.locator('sw2-playground');
const inPage = (fn, arg) => s.page.evaluate(fn, arg);
const tab = (id) => root().locator(`[role=tab][data-tab=${id}]`);

before(async () => {
  s.server = await serve();
  s.browser = await launch();
  s.context = await s.browser.newContext({ viewport: { width: 1280, height: 800 } });
  s.page = await s.context.newPage();
  s.page.on('console', (m) => m.type() === 'error' && s.errors.push(m.text()));
  s.page.on('pageerror', (e) => s.errors.push(e.message));
  await open();
});

after(async () => {
  await s.browser?.close();
  await s.server?.close();
});

async function open() {
  await s.page.goto(`${s.server.url}index.html`);
  await inPage(() => document.querySelector('sw2-playground').ready);
}

/** Where the canvas, the Train button and the footer are, and how far the page scrolls. */
function layout() {
  return inPage(() => {
    const pg = document.querySelector('sw2-playground');
    const box = (el) => { const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; };
    const footer = document.querySelector('footer');
    return {
      canvas: box(pg.shadowRoot.querySelector('canvas.boundary')),
      train: box(pg.shadowRoot.querySelector('button.primary')),
      scrollHeight: document.documentElement.scrollHeight,
      scrollWidth: document.documentElement.scrollWidth,
      scrollY: window.scrollY,
      footer: footer.getBoundingClientRect().height + parseFloat(getComputedStyle(footer).marginTop),
      selected: [...pg.shadowRoot.querySelectorAll('[role=tab][aria-selected=true]')].map((t) => t.dataset.tab),
      shown: [...pg.shadowRoot.querySelectorAll('[role=tabpanel]')].filter((p) => !p.hidden).map((p) => p.id),
    };
  });
}

const inView = (b, width, height) => b.top >= 0 && b.left >= 0 && b.bottom <= height && b.right <= width && b.bottom > b.top;

/** The canvas and Train on screen, and the page no taller than the window plus the footer. */
async function assertWorkbench(id, how) {
  const l = await layout();
  assert.deepEqual(l.selected, [id], `${how}: one tab selected`);
  assert.deepEqual(l.shown, [`tool-panel-${id}`], `${how}: its panel alone shown`);
  assert.ok(inView(l.canvas, 1280, 800), `${id} (${how}): the canvas is on screen ${JSON.stringify(l.canvas)}`);
  assert.ok(inView(l.train, 1280, 800), `${id} (${how}): Train is on screen ${JSON.stringify(l.train)}`);
  assert.ok(l.scrollHeight <= 800 + l.footer, `${id} (${how}): the page is ${l.scrollHeight} px tall, footer ${l.footer} px`);
  assert.ok(l.scrollWidth <= 1280, `${id} (${how}): ${l.scrollWidth} px wide`);
}

/** Presses Tab (or Shift+Tab) until focus is on the element `selector` in the playground. */
async function tabTo(selector, { back = false, most = 80 } = {}) {
  for (let i = 0; i < most; i++) {
    const at = await inPage((sel) => {
      const pg = document.querySelector('sw2-playground');
      return document.activeElement === pg && Boolean(pg.shadowRoot.activeElement?.matches(sel));
    }, selector);
    if (at) return;
    await s.page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('first visit: the empty chart and the debugger say what to do next', async () => {
  const hint = root().locator('.metrics-panel .empty-state');
  await hint.waitFor();
  assert.match(await hint.textContent(), /Press Train/);
  await tab('debug').click();
  await root().locator('.debug-panel .empty-hint', { hasText: 'Train first' }).waitFor();
  await tab('versions').click();
  assert.equal(await root().locator('.versions-panel .hint', { hasText: 'No versions yet' }).isVisible(), true);
  await tab('data').click();
});

test('at 1280 × 800 every tool is a tab beside the canvas: the canvas and Train stay in view, the page does not scroll, axe is clean', async () => {
  await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.configure({ backend: 'cpu' });
    await pg.loadPreset('spiral', { n: 300, noise: 0.1, seed: 1 });
    await pg.configure({ hidden: [16, 16], activation: 'tanh', optimizer: 'adam', learningRate: 0.03, batchSize: 'full', seed: 1 });
    await pg.train({ steps: 150 });
  });
  const list = root().locator('[role=tablist]');
  assert.equal(await list.getAttribute('aria-label'), 'Tools');
  assert.deepEqual(await list.locator('[role=tab]').evaluateAll((ts) => ts.map((t) => t.dataset.tab)), TABS);
  for (const id of TABS) {
    await tab(id).click();
    assert.equal(await tab(id).getAttribute('aria-selected'), 'true');
    const panel = root().locator(`#${await tab(id).getAttribute('aria-controls')}`);
    assert.equal(await panel.getAttribute('role'), 'tabpanel');
    assert.equal(await panel.getAttribute('aria-labelledby'), await tab(id).getAttribute('id'));
    await assertWorkbench(id, 'click');
    assert.deepEqual(await seriousViolations(s.page), [], `axe-core in the ${id} tab`);
  }
  // The keys: one tab stop (roving tabindex), arrows move and select, Home and End jump, arrows wrap.
  await tab('data').click();
  assert.deepEqual(await list.locator('[role=tab]').evaluateAll((ts) => ts.map((t) => t.tabIndex)), [0, -1, -1, -1, -1, -1, -1, -1, -1]);
  for (const id of TABS.slice(1)) {
    await s.page.keyboard.press('ArrowRight');
    assert.equal(await inPage(() => document.querySelector('sw2-playground').shadowRoot.activeElement.dataset.tab), id, 'focus follows the arrow');
    await assertWorkbench(id, 'ArrowRight');
  }
  await s.page.keyboard.press('ArrowRight');
  await assertWorkbench('data', 'ArrowRight wraps');
  await s.page.keyboard.press('End');
  await assertWorkbench('project', 'End');
  await s.page.keyboard.press('Home');
  await assertWorkbench('data', 'Home');
  await s.page.keyboard.press('ArrowLeft');
  await assertWorkbench('project', 'ArrowLeft wraps');
  // A long tool scrolls inside its own area; the page stays put.
  await tab('debug').click();
  const scrolled = await inPage(() => {
    const panel = document.querySelector('sw2-playground').shadowRoot.querySelector('#tool-panel-debug');
    panel.scrollTop = panel.scrollHeight;
    return { inside: panel.scrollTop > 0, page: window.scrollY };
  });
  assert.deepEqual(scrolled, { inside: true, page: 0 });
  await assertWorkbench('debug', 'scrolled inside');
  await s.page.screenshot({ path: join(OUTPUT, 'workbench-1280-debug.png') });
});

test('"why?" end to end without scrolling: open Debug, press why, click the canvas, read the proponents in the tab', async () => {
  await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('gaussian', { n: 120, noise: 0.3, seed: 5 });
    await pg.train({ steps: 150 });
    window.scrollTo(0, 0);
  });
  await tab('debug').click();
  const why = root().locator('button', { hasText: 'Why — click the canvas' });
  await why.click();
  const before = await layout();
  assert.ok(inView(before.canvas, 1280, 800), 'the canvas is on screen while the why button is pressed');
  const c = before.canvas;
  await s.page.mouse.click(c.left + 0.55 * (c.right - c.left), c.top + 0.45 * (c.bottom - c.top));
  const first = root().locator('.why-column.proponents li').first();
  await first.waitFor();
  await first.scrollIntoViewIfNeeded();
  assert.match(await first.textContent(), /#\d+/);
  const glows = await inPage(() => document.querySelector('sw2-playground').debug.overlay.glows.proponents.length);
  assert.ok(glows > 0, 'the proponents glow on the canvas');
  const after = await layout();
  assert.equal(after.scrollY, 0, 'the page never scrolled');
  assert.ok(inView(after.canvas, 1280, 800), 'the canvas is still on screen beside the answer');
  await s.page.screenshot({ path: join(OUTPUT, 'workbench-1280-why.png') });
  await why.click();
});

test('the tab in use survives a reload, kept as page state and not in the URL', async () => {
  await tab('engine').click();
  await s.page.reload();
  await inPage(() => document.querySelector('sw2-playground').ready);
  assert.equal(await tab('engine').getAttribute('aria-selected'), 'true');
  assert.equal(await inPage(() => location.hash), '');
  await assertWorkbench('engine', 'after a reload');
});

test('a keyboard alone: pick a preset, train, open Debug, find label errors, accept one', async () => {
  await inPage(() => document.activeElement?.blur());
  // The Data tab, from the top of the page.
  await tabTo('[role=tab][aria-selected=true]');
  await s.page.keyboard.press('Home');
  await tabTo('select[name=preset]');
  const preset = () => inPage(() => document.querySelector('sw2-playground').shadowRoot.querySelector('select[name=preset]').selectedIndex);
  const moons = await inPage(() => [...document.querySelector('sw2-playground').shadowRoot.querySelector('select[name=preset]').options].findIndex((o) => o.value === 'moons'));
  for (let i = 0; i < 12 && (await preset()) !== moons; i++) await s.page.keyboard.press((await preset()) < moons ? 'ArrowDown' : 'ArrowUp');
  assert.equal(await preset(), moons, 'the arrow keys pick the preset');
  await s.page.waitForFunction(() => /preset moons/.test(document.querySelector('sw2-playground').shadowRoot.querySelector('.blame-bar').getAttribute('aria-label')));
  // Setup, not the person's loop: a few labels flipped, so that there are label errors to find.
  await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    const { points } = await pg.getData();
    for (const i of [3, 40, 77, 120, 161, 202]) points[i] = { ...points[i], label: 1 - points[i].label };
    await pg.setData({ points, testFraction: 0.2 });
    await pg.configure({ hidden: [12], activation: 'tanh', optimizer: 'adam', learningRate: 0.03, batchSize: 'full', seed: 1 });
  });
  await tabTo('button.primary', { back: true });
  await s.page.keyboard.press('Enter');
  await s.page.waitForFunction(() => Number(document.querySelector('sw2-playground').shadowRoot.querySelector('[data-stat=step]').textContent) >= 100, null, { timeout: 60000 });
  await s.page.keyboard.press('Enter');
  await root().locator('button.primary', { hasText: 'Train' }).waitFor();
  await tabTo('[role=tab][aria-selected=true]');
  while (await inPage(() => document.querySelector('sw2-playground').shadowRoot.activeElement.dataset.tab) !== 'debug') await s.page.keyboard.press('ArrowRight');
  await assertWorkbench('debug', 'by keys');
  await tabTo('input[name=label-steps]', { most: 200 });
  await s.page.keyboard.press('Control+A');
  await s.page.keyboard.type('300');
  await tabTo('button.accent');
  assert.equal(await inPage(() => document.querySelector('sw2-playground').shadowRoot.activeElement.textContent), 'Find label errors');
  await s.page.keyboard.press('Enter');
  await root().locator('.issues li').first().waitFor({ timeout: 120000 });
  await tabTo('.issues button[aria-label^="Relabel example"]', { most: 40 });
  await s.page.keyboard.press('Enter');
  await root().locator('.message', { hasText: 'Relabelled 1 example' }).waitFor();
  const l = await layout();
  assert.ok(inView(l.canvas, 1280, 800) && inView(l.train, 1280, 800), 'the canvas and Train stayed on screen');
});

test('at 360 × 740 and 768 px: no sideways scrolling, the Train bar stays reachable, every tab is reachable', async () => {
  for (const [width, height] of [[360, 740], [768, 1024]]) {
    await s.page.setViewportSize({ width, height });
    await s.page.waitForTimeout(200);
    for (const id of TABS) {
      await tab(id).click();
      assert.equal(await tab(id).getAttribute('aria-selected'), 'true', `${width} px: ${id} selected`);
      assert.equal(await root().locator(`#tool-panel-${id}`).isVisible(), true);
      const wide = await inPage(() => document.documentElement.scrollWidth);
      assert.ok(wide <= width, `${width} px, ${id} tab: the page scrolls sideways to ${wide} px`);
    }
    // Deep in a long tool, the Train bar is still on screen.
    await tab('debug').click();
    await inPage(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const l = await layout();
    assert.ok(l.scrollY > 0, 'the page scrolled');
    assert.ok(inView(l.train, width, height), `${width} px: Train on screen after scrolling ${JSON.stringify(l.train)}`);
    await s.page.screenshot({ path: join(OUTPUT, `workbench-${width}-scrolled.png`) });
  }
  await s.page.setViewportSize({ width: 1280, height: 800 });
});

test('an element with `panels` is laid out as before, and without it the workbench comes back', async () => {
  const shown = (sel) => inPage((q) => {
    const el = document.querySelector('sw2-playground').shadowRoot.querySelector(q);
    return Boolean(el) && el.isConnected && !el.closest('[hidden]') && el.getClientRects().length > 0;
  }, sel);
  await inPage(() => document.querySelector('sw2-playground').setAttribute('panels', 'data canvas train metrics debug'));
  assert.equal(await shown('[role=tablist]'), false);
  for (const q of ['.data-panel', '.debug-panel', 'canvas.boundary', '.metrics-panel']) assert.equal(await shown(q), true, q);
  for (const q of ['.network-panel', '.engine-panel', '.program-panel']) assert.equal(await shown(q), false, q);
  await inPage(() => document.querySelector('sw2-playground').removeAttribute('panels'));
  assert.equal(await shown('[role=tablist]'), true);
  await tab('program').click();
  await assertWorkbench('program', 'back from panels');
});

test('no console errors', () => {
  assert.deepEqual(s.errors, []);
});
