// The static site that `cargo xtask dist` writes, served the way a careful host would: under a
// sub-path, with a strict Content-Security-Policy on every response. The playground must load, train
// and fetch its data from there, asking for nothing outside its folder and breaking no rule of the policy.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from './helpers/browser.js';
import { ROOT } from './helpers/server.js';
import { serveSite } from './helpers/site-server.js';

/** Where `cargo xtask test` writes the site (`SW2_DIST_DIR`, under cargo's target dir); else the default. */
const DIST = process.env.SW2_DIST_DIR || join(ROOT, 'target', 'dist-test');
const PREFIX = '/some/sub/path/';
const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'self'";

const s = { requests: [], errors: [], cspMessages: [] };

before(async () => {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`No static site at ${DIST}: run \`cargo xtask dist --out target/dist-test\` first ` +
      '(or point SW2_DIST_DIR at a folder written by `cargo xtask dist`).');
  }
  s.server = await serveSite(DIST, { prefix: PREFIX, headers: { 'content-security-policy': STRICT_CSP } });
  s.browser = await launch();
  const context = await s.browser.newContext({ viewport: { width: 1280, height: 900 } });
  s.page = await context.newPage();
  await s.page.addInitScript(() => {
    window.cspViolations = [];
    // Violations inside the element's shadow root are composed events: they reach the document.
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push({
      directive: e.effectiveDirective, blocked: e.blockedURI, file: e.sourceFile, line: e.lineNumber,
    }), true);
    // A blocked style attribute is reported at the setAttribute call; keep who asked, to name the culprit.
    window.styleAttributeStacks = [];
    const setAttribute = Element.prototype.setAttribute;
    Element.prototype.setAttribute = function (name, value) {
      if (String(name).toLowerCase() === 'style') window.styleAttributeStacks.push(new Error().stack);
      return setAttribute.call(this, name, value);
    };
  });
  // CSP messages are not counted as errors: the page's are checked as events; a worker's fire no
  // event in the page, so its console is the only witness.
  const onConsole = (inWorker) => (m) => {
    const where = m.location() ? ` (${m.location().url}:${m.location().lineNumber + 1})` : '';
    if (/Content Security Policy/i.test(m.text())) inWorker && s.cspMessages.push(m.text() + where);
    else if (m.type() === 'error') s.errors.push(m.text() + where);
  };
  context.on('request', (r) => s.requests.push(r.url()));
  s.page.on('console', onConsole(false));
  s.page.on('worker', (w) => w.on('console', onConsole(true)));
  s.page.on('pageerror', (e) => s.errors.push(e.message));
  await s.page.goto(s.server.url + 'index.html');
  await s.page.evaluate(() => document.querySelector('sw2-playground').ready);
});

after(async () => {
  await s.browser?.close();
  await s.server?.close();
});

test('the site holds the page, both wasm builds (glue and wasm only) and notes for the host', () => {
  for (const file of ['index.html', 'www/sw2-playground.js', 'www/worker.js', 'www/page.css', 'www/icon.svg',
    'www/data/digits.csv.gz', 'README.txt', '_headers']) {
    assert.ok(existsSync(join(DIST, file)), `${file} is missing from ${DIST}`);
  }
  for (const build of ['cpu', 'gpu']) {
    const files = readdirSync(join(DIST, 'pkg', build)).filter((f) => f !== 'snippets').sort();
    assert.deepEqual(files, ['sw2_playground.js', 'sw2_playground_bg.wasm'], `pkg/${build}`);
  }
  assert.match(readFileSync(join(DIST, '_headers'), 'utf8'), new RegExp(`Content-Security-Policy: ${STRICT_CSP}`));
  assert.match(readFileSync(join(DIST, 'README.txt'), 'utf8'), /application\/wasm/);
});

test('from a sub-path, the playground trains through the element API and loads its data', async () => {
  const r = await s.page.evaluate(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.configure({ backend: 'cpu' });
    const trained = await pg.train({ steps: 20 });
    const metrics = await pg.evaluate();
    await pg.loadPreset('digits', { n: 40 });
    const digits = (await pg.getData()).images.length;
    return { trained, metrics, digits };
  });
  assert.equal(r.trained.step, 20);
  assert.ok(Number.isFinite(r.metrics.trainLoss), `trainLoss ${r.metrics.trainLoss}`);
  assert.equal(r.digits, 40, 'the digits came from www/data/ inside the site');
});

test('from a sub-path, the WebGPU build loads and trains a few steps', async () => {
  const r = await s.page.evaluate(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('gaussian', { n: 40, seed: 2 });
    await pg.configure({ backend: 'webgpu', hidden: [4], batchSize: 'full' });
    const backend = pg.backend;
    const m = await pg.train({ steps: 2 });
    await pg.configure({ backend: 'cpu' });
    return { backend, m };
  });
  assert.equal(r.backend, 'webgpu');
  assert.ok(Number.isFinite(r.m.trainLoss), `trainLoss ${r.m.trainLoss}`);
});

test('every request stays on the origin, inside the site\'s folder', () => {
  assert.ok(s.requests.includes(`${s.server.url}pkg/cpu/sw2_playground_bg.wasm`), 'the CPU wasm request was seen');
  const outside = s.requests.filter((u) => !u.startsWith(s.server.url));
  assert.deepEqual(outside, [], `requests outside ${s.server.url}`);
});

test('no console error', () => {
  assert.deepEqual(s.errors, []);
});

test('the page breaks no rule of the strict Content-Security-Policy', async () => {
  const { events, stacks } = await s.page.evaluate(() => ({ events: window.cspViolations, stacks: window.styleAttributeStacks }));
  const local = (text) => text.replaceAll(s.server.url, '');
  const count = (lines) => [...lines.reduce((m, l) => m.set(l, (m.get(l) || 0) + 1), new Map())].map(([l, n]) => `  ${n}× ${l}`);
  // A style attribute's violation points into the setAttribute hook above (no file): its callers follow.
  const report = count(events.map((v) => v.directive + (v.file ? ` at ${local(v.file)}:${v.line}` : '') +
    (v.blocked && v.blocked !== 'inline' ? ` (blocked ${local(v.blocked)})` : '')));
  if (events.some((v) => v.directive === 'style-src-attr')) {
    // The frame that called the DOM helper: the module that asked for a style attribute.
    const callers = stacks.map((st) => st.split('\n').slice(2).find((f) => !/dom\.js:/.test(f)) || 'unknown caller');
    report.push('  style attributes were set from:', ...count(callers.map((f) => `  ${local(f.trim().replace(/^at /, ''))}`)));
  }
  report.push(...count(s.cspMessages.map((m) => `worker console: ${local(m.replace(/'sha256-[^']*'/g, "'sha256-…'"))}`)));
  assert.ok(report.length === 0, `${events.length} violation(s) of ${STRICT_CSP}:\n${report.join('\n')}`);
});
