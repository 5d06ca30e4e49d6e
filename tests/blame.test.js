// `git blame` for data in the browser: a preset's points, a hand-painted one, a CSV round trip with
// its `source` column, an engine round, a reload — each example keeps its author, and the page
// shows who wrote the program as a bar and, on request, as rings on the canvas.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { eventually, usePlayground } from './helpers/playground.js';
import { OUTPUT } from './helpers/browser.js';

const s = usePlayground((page) => page.evaluate(async () => {
  const pg = document.querySelector('sw2-playground');
  await pg.configure({ backend: 'cpu', hidden: [8], seed: 1 });
  await pg.loadPreset('moons', { n: 80, seed: 4 });
}));
const inPage = (fn, arg) => s.page.evaluate(fn, arg);
const root = () => s.page.locator('sw2-playground');
const counts = () => inPage(async () => (await document.querySelector('sw2-playground').blame()).counts.map((c) => [c.text, c.count]));

test('a preset, a click on the canvas and an engine round each credit their examples', async () => {
  assert.deepEqual(await counts(), [['preset:moons:4', 80]]);
  await root().locator('canvas.boundary').scrollIntoViewIfNeeded();
  const box = await root().locator('canvas.boundary').boundingBox();
  await s.page.mouse.click(box.x + box.width * 0.05, box.y + box.height * 0.05);
  await eventually(s.page, async () => (await document.querySelector('sw2-playground').getData()).points.length === 81);
  assert.deepEqual(await counts(), [['preset:moons:4', 80], ['hand', 1]]);

  await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.train({ steps: 50 });
    await pg.deploy({ world: 'moons', seed: 9 });
    await pg.flag({ trigger: 'random', count: 3 });
    await pg.labelWithWorld();
    await pg.foldIn({ steps: 10 });
  });
  assert.deepEqual(await counts(), [['preset:moons:4', 80], ['engine:1:random:world', 3], ['hand', 1]]);
  await root().locator('.blame-bar span').nth(2).waitFor();
  assert.match(await root().locator('.blame-bar').getAttribute('aria-label'), /preset moons \(seed 4\) 80, engine round 1, random, labelled by the world 3, by hand 1/);
  await root().locator('.data-panel input[name=colour-by-origin]').check();
  const toggles = await inPage(() => [...document.querySelector('sw2-playground').shadowRoot.querySelectorAll('input[name=colour-by-origin]')].map((b) => b.checked));
  assert.deepEqual(toggles, [true, true, true], 'the data, versions and debug panels offer one toggle, in step');
  await root().locator('.data-panel').screenshot({ path: join(OUTPUT, 'blame-panel.png') });
  await root().locator('canvas.boundary').screenshot({ path: join(OUTPUT, 'blame-canvas.png') });
});

test('the CSV source column carries the authors out and back in; a plain CSV is an import', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    const before = (await pg.blame()).origins;
    const csv = await pg.exportCsv({ source: true });
    const plain = await pg.exportCsv();
    await pg.importCsv(csv);
    const after = (await pg.blame()).origins;
    await pg.undo();
    return { csv, plain, same: JSON.stringify(before) === JSON.stringify(after) };
  });
  assert.ok(r.csv.startsWith('x,y,label,source\n'));
  assert.match(r.csv, /,engine:1:random:world\n/);
  assert.ok(r.plain.startsWith('x,y,label\n') && !r.plain.includes('source'));
  assert.equal(r.same, true);
});

test('the authors survive a reload', async () => {
  const before = await counts();
  await s.page.waitForTimeout(1200); // autosave's debounce
  await s.page.reload();
  await s.page.evaluate(() => document.querySelector('sw2-playground').ready);
  await eventually(s.page, async () => (await document.querySelector('sw2-playground').getData()).points.length === 84);
  assert.deepEqual(await counts(), before);
  assert.deepEqual(s.errors, []);
});
