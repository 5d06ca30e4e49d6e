// Embedding: four playgrounds on one page under a strict Content-Security-Policy, each training its
// own data, `panels` and `locked` hiding and locking what they say, nothing reported by the CSP and
// nothing fetched from elsewhere; and the compact layout in a blog's 700 px column and on a phone.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, OUTPUT } from './helpers/browser.js';
import { ROOT } from './helpers/server.js';
import { serveSite } from './helpers/site-server.js';

const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'self'";
const s = { requests: [], errors: [] };

before(async () => {
  s.server = await serveSite(ROOT, { headers: { 'content-security-policy': STRICT_CSP } });
  s.browser = await launch();
  s.context = await s.browser.newContext({ viewport: { width: 760, height: 900 } });
  s.page = await s.context.newPage();
  await s.page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`), true);
  });
  s.context.on('request', (r) => s.requests.push(r.url()));
  const onConsole = (m) => { if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) s.errors.push(m.text()); };
  s.page.on('console', onConsole);
  s.page.on('worker', (w) => w.on('console', onConsole));
  s.page.on('pageerror', (e) => s.errors.push(e.message));
  await s.page.goto(`${s.server.url}tests/pages/four-widgets.html`);
  await s.page.evaluate(() => Promise.all([...document.querySelectorAll('sw2-playground')].map((pg) => pg.ready)));
});

after(async () => {
  await s.browser?.close();
  await s.server?.close();
});

test('four playgrounds train their own datasets side by side', async () => {
  const r = await s.page.evaluate(async () => {
    const all = [...document.querySelectorAll('sw2-playground')];
    await Promise.all(all.map((pg) => pg.train({ steps: 60 })));
    return Promise.all(all.map(async (pg) => ({
      id: pg.id,
      n: (await pg.getData()).points.length,
      first: (await pg.getData()).points[0],
      m: await pg.evaluate(),
      memory: await pg.memoryUsage(),
    })));
  });
  assert.deepEqual(r.map((x) => x.id), ['full', 'canvas-only', 'data-lesson', 'flags-lesson']);
  assert.equal(new Set(r.map((x) => JSON.stringify(x.first))).size, 4, 'four different datasets');
  for (const x of r) assert.ok(x.m.step === 60 && Number.isFinite(x.m.trainLoss), `${x.id}: ${JSON.stringify(x.m)}`);
  const mb = (b) => (b / 2 ** 20).toFixed(1);
  const heap = await s.page.evaluate(() => performance.memory?.usedJSHeapSize || 0);
  console.log(`four playgrounds: wasm memory ${r.map((x) => `${x.id} ${mb(x.memory.wasmBytes)} MB`).join(', ')}; total ${mb(r.reduce((a, x) => a + x.memory.wasmBytes, 0))} MB; page JS heap ${mb(heap)} MB`);
  assert.ok(r.every((x) => x.memory.wasmBytes > 0));
});

test('panels hide what they leave out, and locked settings are disabled with a reason but still set by the page', async () => {
  const r = await s.page.evaluate(async () => {
    const shown = (pg, sel) => { const el = pg.shadowRoot.querySelector(sel); return Boolean(el) && !el.closest('[hidden]') && el.getClientRects().length > 0; };
    const [full, canvasOnly, dataLesson, flagsLesson] = document.querySelectorAll('sw2-playground');
    const hidden = dataLesson.shadowRoot.querySelector('input[name=hidden]');
    await dataLesson.configure({ hidden: [5] });
    return {
      full: ['.data-panel', '.network-panel', '.debug-panel', '.program-panel', 'canvas.boundary'].map((q) => shown(full, q)),
      canvasOnly: ['.data-panel', '.network-panel', '.debug-panel', '.program-panel', 'canvas.boundary', '.metrics-panel', '.transport'].map((q) => shown(canvasOnly, q)),
      locked: { disabled: hidden.disabled, title: hidden.title, activation: dataLesson.shadowRoot.querySelector('select[name=activation]').disabled },
      setByPage: (await dataLesson.getConfig()).hidden,
      shownValue: hidden.value,
      dataLocked: [...flagsLesson.shadowRoot.querySelectorAll('.data-panel button, .data-panel select')].every((b) => b.disabled),
      flagsEditable: !flagsLesson.shadowRoot.querySelector('select[name=activation]').disabled,
    };
  });
  assert.deepEqual(r.full, [true, true, true, true, true]);
  assert.deepEqual(r.canvasOnly, [false, false, false, false, true, true, true]);
  assert.equal(r.locked.disabled, true);
  assert.match(r.locked.title, /Locked on this page/);
  assert.equal(r.locked.activation, true);
  assert.deepEqual(r.setByPage, [5], 'the embedding page can still set it');
  assert.equal(r.shownValue, '5');
  assert.equal(r.flagsEditable, true);
  // The flags lesson locks the data: its canvas refuses a painted point.
  const before = await s.page.evaluate(async () => (await document.querySelector('#flags-lesson').getData()).points.length);
  const canvas = s.page.locator('#flags-lesson canvas.boundary');
  await canvas.scrollIntoViewIfNeeded();
  await canvas.click({ position: { x: 30, y: 30 } });
  await s.page.waitForTimeout(300);
  assert.equal(await s.page.evaluate(async () => (await document.querySelector('#flags-lesson').getData()).points.length), before);
});

test('panels a page leaves out ask the worker nothing on a training call, and catch up once shown', async () => {
  // What the program and debug panels ask after a call (see 939087a); the element itself asks none of it.
  const PANEL_OPS = ['history', 'weightSummary', 'neurons', 'diagnose', 'sliceMetrics', 'dataMap'];
  const asked = await s.page.evaluate(async (panelOps) => {
    const log = (pg) => {
      const ops = [];
      const call = pg.client.call;
      pg.client.call = function (op, ...args) { ops.push(op); return call.call(this, op, ...args); };
      return ops;
    };
    const full = document.querySelector('#full');
    const lesson = document.querySelector('#canvas-only'); // panels="canvas train metrics": no program, no debug
    const ops = { full: log(full), lesson: log(lesson) };
    await full.train({ steps: 70 });
    await lesson.train({ steps: 70 });
    // The shown panels' questions are the control: the hidden ones' would have come by then.
    const until = performance.now() + 5000;
    while (!['history', 'weightSummary', 'diagnose'].every((op) => ops.full.includes(op)) && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    delete full.client.call;
    delete lesson.client.call;
    const step = (await lesson.evaluate()).step;
    const timeline = lesson.shadowRoot.querySelector('.program-panel .timeline-step').textContent;
    return { full: ops.full.filter((op) => panelOps.includes(op)), lesson: ops.lesson.filter((op) => panelOps.includes(op)), step, timeline };
  }, PANEL_OPS);
  assert.ok(['history', 'weightSummary', 'diagnose'].every((op) => asked.full.includes(op)), `the shown panels asked: ${asked.full}`);
  assert.deepEqual(asked.lesson, [], 'the hidden program and debug panels asked nothing');
  assert.notEqual(asked.timeline, `live · step ${asked.step}`, 'the hidden timeline did not follow the call');
  // Shown again, the program panel hears the latest of what it missed and shows the current step.
  await s.page.evaluate(() => document.querySelector('#canvas-only').setAttribute('panels', 'canvas train metrics program debug'));
  try {
    await s.page.waitForFunction((step) => document.querySelector('#canvas-only').shadowRoot.querySelector('.program-panel .timeline-step').textContent === `live · step ${step}`, asked.step, { timeout: 10000 });
  } finally {
    await s.page.evaluate(() => document.querySelector('#canvas-only').setAttribute('panels', 'canvas train metrics'));
  }
});

test('nothing breaks the strict CSP, nothing leaves the origin, no console error', async () => {
  assert.deepEqual(await s.page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(s.requests.filter((u) => !u.startsWith(s.server.origin) && !u.startsWith('blob:')), []);
  assert.deepEqual(s.errors, []);
});

test('the compact layout fits a 700 px column and a 360 px phone without sideways scrolling', async () => {
  await s.page.setViewportSize({ width: 760, height: 900 });
  await s.page.evaluate(() => window.scrollTo(0, 0));
  await s.page.screenshot({ path: join(OUTPUT, 'embed-four.png'), fullPage: true });
  for (const width of [700, 390, 360]) {
    await s.page.setViewportSize({ width, height: 800 });
    await s.page.waitForTimeout(200);
    const scroll = await s.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= width, `${width} px viewport scrolls to ${scroll} px`);
  }
  await s.page.evaluate(() => window.scrollTo(0, 0));
  await s.page.screenshot({ path: join(OUTPUT, 'embed-360.png'), fullPage: false });
  await s.page.goto(`${s.server.url}index.html`);
  await s.page.evaluate(() => document.querySelector('sw2-playground').ready);
  assert.ok(await s.page.evaluate(() => document.documentElement.scrollWidth) <= 360, 'the main page at 360 px');
  await s.page.screenshot({ path: join(OUTPUT, 'main-360.png'), fullPage: true });
});
