// Editing the dataset like source code, end to end: undo/redo, CSV, commits, checkout and diffs,
// through the API and through the page (clicks, keyboard shortcuts, the versions panel).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, openTool, usePlayground } from './helpers/playground.js';

const session = usePlayground((page) => page.evaluate(async () => {
  const pg = document.querySelector('sw2-playground');
  await pg.configure({ backend: 'cpu' });
}));

const inPage = (fn, arg) => session.page.evaluate(fn, arg);

test('setData, presets, CSV imports and checkouts are each one undoable step', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    const count = async () => (await pg.getData()).points.length;
    await pg.setData({ points: [{ x: 0.1, y: 0.1, label: 0 }, { x: -0.1, y: 0.2, label: 1 }] });
    await pg.loadPreset('xor', { n: 50, seed: 2 });
    await pg.importCsv('x,y,label\n0.5,0.5,0\n-0.5,-0.5,1\n0,0.9,1\n');
    const afterImport = await count();
    const u1 = await pg.undo();
    const afterUndo1 = await count();
    await pg.undo();
    const afterUndo2 = await count();
    await pg.redo();
    const afterRedo = await count();
    await pg.setData({ points: [{ x: 0.3, y: 0.3, label: 0 }] });
    const redoAfterEdit = await pg.redo();
    return { afterImport, u1, afterUndo1, afterUndo2, afterRedo, redoAfterEdit };
  });
  assert.deepEqual(r, { afterImport: 3, u1: true, afterUndo1: 50, afterUndo2: 2, afterRedo: 50, redoAfterEdit: false });
});

test('CSV export and import round-trip; a bad line is named and nothing changes', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('moons', { n: 80, noise: 0.2, seed: 5 });
    const before = await pg.getData();
    const csv = await pg.exportCsv();
    await pg.clearData();
    await pg.importCsv(csv);
    const back = await pg.getData();
    const errors = [];
    for (const bad of ['x,y,label\n0.1,0.2,0\n0.3,abc,1\n', 'x,y,label\n0.1,0.2\n', 'x,y,label\n0.1,2,0\n', 'name,value\n1,2\n']) {
      errors.push(await pg.importCsv(bad).then(() => 'accepted', (e) => e.message));
    }
    const after = await pg.getData();
    return { csvHead: csv.split('\n')[0], same: JSON.stringify(before.points) === JSON.stringify(back.points), errors, unchanged: JSON.stringify(after) === JSON.stringify(back) };
  });
  assert.equal(r.csvHead, 'x,y,label');
  assert.ok(r.same, 'exact round trip');
  assert.match(r.errors[0], /line 3: column 2 \(y\): 'abc' is not a number/);
  assert.match(r.errors[1], /line 2: expected 3 values/);
  assert.match(r.errors[2], /line 2: y = 2 lies outside/);
  assert.match(r.errors[3], /line 1: the header must be/);
  assert.ok(r.unchanged);
});

test('commit, versions, checkout and diff work like version control', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.setData({ points: [{ x: 0.1, y: 0.1, label: 0 }, { x: 0.2, y: 0.2, label: 0 }, { x: 0.3, y: 0.3, label: 1 }] });
    const a = await pg.commit('three points');
    await pg.setData({ points: [{ x: 0.1, y: 0.1, label: 1 }, { x: 0.3, y: 0.3, label: 1 }, { x: -0.7, y: 0.4, label: 2 }] });
    const b = await pg.commit('relabel one, drop one, add one');
    const diff = await pg.diff(a, b);
    const versions = await pg.versions();
    await pg.checkout(a);
    const checkedOut = (await pg.getData()).points.length;
    const current = (await pg.versions()).find((v) => v.current).id;
    await pg.undo();
    const afterUndo = (await pg.versions()).find((v) => v.current).id;
    const missing = await pg.checkout('v99-nope').catch((e) => e.message);
    const emptyMessage = await pg.commit('').catch((e) => e.message);
    return { a, b, diff, ids: versions.map((v) => v.id), checkedOut, current, afterUndo, missing, emptyMessage };
  });
  assert.deepEqual(r.ids.slice(-2), [r.a, r.b]);
  assert.deepEqual(r.diff.added, [{ x: -0.7, y: 0.4, label: 2 }]);
  assert.deepEqual(r.diff.removed, [{ x: 0.2, y: 0.2, label: 0 }]);
  assert.deepEqual(r.diff.relabelled, [{ x: 0.1, y: 0.1, label: 1, from: 0, to: 1 }]);
  assert.equal(r.checkedOut, 3);
  assert.equal(r.current, r.a);
  assert.equal(r.afterUndo, r.b);
  assert.match(r.missing, /no version 'v99-nope'/);
  assert.match(r.emptyMessage, /needs a message/);
});

test('training records the content hash of the data it was trained on', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('circle', { n: 60, seed: 1 });
    const before = await pg.dataHashes();
    await pg.train({ steps: 5 });
    const after = await pg.dataHashes();
    return { before, after };
  });
  assert.equal(r.before.trainedOn === r.before.data, false);
  assert.equal(r.after.trainedOn, r.after.data);
  assert.match(r.after.data, /^[0-9a-f]{16}$/);
});

test('on the page: a click adds a point, Ctrl+Z takes it back, Ctrl+Y redoes it, and the diff is drawn', async () => {
  const { page } = session;
  const root = page.locator('sw2-playground');
  await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.setData({ points: [{ x: 0.5, y: 0.5, label: 0 }, { x: -0.5, y: -0.5, label: 1 }] });
  });
  const count = () => inPage(async () => (await document.querySelector('sw2-playground').getData()).points.length);
  const canvas = root.locator('canvas.boundary');
  await canvas.click({ position: { x: 60, y: 60 } });
  await eventually(page, async () => (await document.querySelector('sw2-playground').getData()).points.length === 3);
  await openTool(page, 'versions');
  await root.locator('input[name=commit-message]').fill('one more point');
  await root.locator('.versions-panel button', { hasText: 'Commit' }).click();
  // Earlier tests left versions in the list: wait for the new one, then check it is the newest.
  await root.locator('.versions li', { hasText: 'one more point' }).waitFor();
  assert.match(await root.locator('.versions li').first().textContent(), /one more point/);
  await canvas.focus();
  await page.keyboard.press('Control+z');
  await eventually(page, async () => (await document.querySelector('sw2-playground').getData()).points.length === 2);
  await page.keyboard.press('Control+y');
  await eventually(page, async () => (await document.querySelector('sw2-playground').getData()).points.length === 3);
  assert.equal(await count(), 3);
  await page.keyboard.press('Control+z');
  await eventually(page, async () => (await document.querySelector('sw2-playground').getData()).points.length === 2);
  // Diff the commit against the current data: the clicked point shows as removed.
  await root.locator('select[name=diff-to]').selectOption('current');
  await root.locator('.versions-panel button', { hasText: 'Show diff' }).click();
  await page.waitForFunction(() => /−1 removed/.test(document.querySelector('sw2-playground').shadowRoot.querySelector('.diff-summary').textContent));
  assert.match(await root.locator('.diff-summary').textContent(), /\+0 added · −1 removed · ~0 relabelled/);
  await root.locator('.versions-panel').screenshot({ path: 'test-results/editing.png' });
});

test('on the page: a brush stroke sprays many points as one undoable edit, and the relabel brush recolours', async () => {
  const { page } = session;
  const root = page.locator('sw2-playground');
  await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.setData({ points: [{ x: 0, y: 0, label: 0 }, { x: 0.8, y: 0.8, label: 1 }] });
  });
  const canvas = root.locator('canvas.boundary');
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await canvas.boundingBox();
  const at = (x, y) => [box.x + ((x + 1) / 2) * box.width, box.y + ((1 - y) / 2) * box.height];
  const drag = async (from, to) => {
    await page.mouse.move(...at(...from));
    await page.mouse.down();
    for (let t = 0; t <= 1; t += 0.05) await page.mouse.move(...at(from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t));
    await page.mouse.up();
  };
  await openTool(page, 'data');
  await root.locator('.swatch[data-label="2"]').click();
  await drag([-0.8, -0.6], [-0.1, -0.6]);
  await eventually(page, async () => (await document.querySelector('sw2-playground').getData()).points.length > 10);
  const sprayed = await inPage(async () => (await document.querySelector('sw2-playground').getData()).points);
  assert.ok(sprayed.slice(2).every((p) => p.label === 2 && Math.abs(p.y + 0.6) <= 0.11), 'the spray lands under the brush, in the chosen class');
  await canvas.focus();
  await page.keyboard.press('Control+z');
  await eventually(page, async () => (await document.querySelector('sw2-playground').getData()).points.length === 2);

  await root.locator('.swatch[data-label="1"]').click();
  await root.locator('.toggle button[data-tool=relabel]').click();
  await drag([-0.05, 0.05], [0.05, -0.05]);
  await eventually(page, async () => (await document.querySelector('sw2-playground').getData()).points[0].label === 1);
  const after = await inPage(async () => (await document.querySelector('sw2-playground').getData()).points);
  assert.deepEqual(after.map((p) => p.label), [1, 1]);
  assert.deepEqual([after[0].x, after[0].y], [0, 0], 'relabelling keeps the coordinates');
  await root.locator('.toggle button[data-tool=add]').click();
});

test('two versions train side by side from the same seed: the relabel moves the boundary', async () => {
  const { page } = session;
  const root = page.locator('sw2-playground');
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('circle', { n: 200, noise: 0.05, seed: 2 });
    const a = await pg.commit('circle');
    const { points } = await pg.getData();
    await pg.setData({ points: points.map((p) => (p.x > 0.3 ? { ...p, label: 1 } : p)) });
    const b = await pg.commit('right side is class 1');
    const before = await pg.evaluate();
    const [ta, tb] = await pg.compareVersions(a, b, { steps: 400, size: 16 });
    const moved = ta.boundary.probabilities.filter((v, i) => Math.abs(v - tb.boundary.probabilities[i]) > 0.3).length;
    return { a, b, versions: [ta.version, tb.version], steps: [ta.metrics.step, tb.metrics.step], moved, untouched: (await pg.evaluate()).step === before.step };
  });
  assert.deepEqual(r.versions, [r.a, r.b]);
  assert.deepEqual(r.steps, [400, 400]);
  assert.ok(r.moved > 10, `cells that changed side: ${r.moved}`);
  assert.ok(r.untouched);
  await page.evaluate(() => window.scrollTo(0, 0));
  await openTool(page, 'versions');
  await root.locator('select[name=diff-from]').selectOption(r.a);
  await root.locator('select[name=diff-to]').selectOption(r.b);
  await root.locator('.versions-panel button', { hasText: 'Compare models' }).click();
  await root.locator('.compare-card canvas').nth(1).waitFor();
  assert.equal(await root.locator('.compare-card').count(), 2);
  await root.locator('.versions-panel').screenshot({ path: 'test-results/compare.png' });
});

test('CSV as spreadsheets and pandas write it imports the same points, and says which columns it ignored', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    const plain = 'x,y,label\n0.5,-0.25,1\n-0.125,0.75,0\n';
    const variants = {
      bom: '\uFEFFx,y,label\n0.5,-0.25,1\n-0.125,0.75,0\n',
      crlf: 'x,y,label\r\n0.5,-0.25,1\r\n-0.125,0.75,0\r\n',
      quoted: '"x","y","label"\n"0.5","-0.25","1"\n"-0.125","0.75","0"\n',
      reordered: 'label,y,x\n1,-0.25,0.5\n0,0.75,-0.125\n',
      pandas: ',x,y,label\n0,0.5,-0.25,1\n1,-0.125,0.75,0\n',
      extra: 'id,x,y,label,note\n7,0.5,-0.25,1,"a, b"\n8,-0.125,0.75,0,c\n',
      semicolon: 'x;y;label\n0,5;-0,25;1\n-0,125;0,75;0\n',
      tab: 'x\ty\tlabel\n0.5\t-0.25\t1\n-0.125\t0.75\t0\n',
    };
    await pg.importCsv(plain);
    const want = JSON.stringify((await pg.getData()).points);
    const out = {};
    for (const [name, text] of Object.entries(variants)) {
      const ignored = await pg.importCsv(text);
      out[name] = { same: JSON.stringify((await pg.getData()).points) === want, ignored };
    }
    out.bad = await pg.importCsv('label;x;y\n1;0,5;abc\n').then(() => 'accepted', (e) => e.message);
    return out;
  });
  for (const name of ['bom', 'crlf', 'quoted', 'reordered', 'pandas', 'extra', 'semicolon', 'tab']) assert.ok(r[name].same, name);
  assert.deepEqual(r.extra.ignored, ['id', 'note']);
  assert.equal(r.pandas.ignored.length, 1);
  assert.deepEqual(r.tab.ignored, []);
  assert.match(r.bad, /line 2: column 3 \(y\): 'abc' is not a number/);
});
