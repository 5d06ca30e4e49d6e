// The page's face for word lists, as a visitor uses it: makemore's names from the preset menu, the
// list edited in its text box and applied (undo brings it back), a bad word named without losing the
// text, search, live samples while training, a prefix and its next-character bars, the bigram's
// table and the characters' map read cell by cell, no point tools, axe-core clean, and a 360 px phone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { OUTPUT } from './helpers/browser.js';
import { eventually, openTool, usePlayground } from './helpers/playground.js';
import { seriousViolations } from './helpers/axe.js';

const s = usePlayground((page) => page.evaluate(() => document.querySelector('sw2-playground').configure({ backend: 'cpu' })));
const inPage = (fn, arg) => s.page.evaluate(fn, arg);
const root = () => s.page.locator('sw2-playground');
const shadow = (fn, arg) => inPage(({ body, arg: a }) => new Function('root', 'arg', `return (${body})(root, arg);`)(document.querySelector('sw2-playground').shadowRoot, a), { body: fn.toString(), arg });
const text = () => root().locator('textarea[name=words]');
/** The page's pop-up if it says something went wrong (an error or a warning), else null. */
const alarm = () => shadow((r) => { const m = r.querySelector('.message'); return m.hidden || m.dataset.kind === 'info' ? null : { kind: m.dataset.kind, text: m.textContent }; });

test('the preset menu loads the 32,033 names into the word editor, in place of the point canvas', async () => {
  await openTool(s.page, 'data');
  await root().locator('select[name=preset]').selectOption('names');
  await s.page.waitForFunction(() => document.querySelector('sw2-playground').shadowRoot.querySelector('textarea[name=words]').value.split('\n').length === 32033, null, { timeout: 30000 });
  await root().locator('.word-counts').filter({ hasText: '26 distinct characters' }).waitFor();
  const counts = await root().locator('.word-counts').textContent();
  assert.match(counts, /32,033 words · 26 distinct characters · 31,033 train · 1,000 test/);
  const shown = await shadow((r) => {
    // Shown within its panel (the panel itself may sit in a closed tab).
    const on = (sel) => { for (let e = r.querySelector(sel); e && !e.classList.contains('panel'); e = e.parentElement) if (e.hidden) return false; return true; };
    return {
      canvas: !r.querySelector('.canvas-wrap').hidden,
      editor: !r.querySelector('.word-editor').hidden,
      first: r.querySelector('textarea[name=words]').value.split('\n').slice(0, 3),
      brush: on('input[name=brushSize]'),
      swatches: on('.swatch'),
      tabs: [...r.querySelectorAll('[role=tab]')].filter((t) => !t.hidden).map((t) => t.dataset.tab),
      hiddenLayers: on('input[name=hidden]'),
      architecture: on('select[name=architecture]'),
    };
  });
  assert.deepEqual(shown.first, ['emma', 'olivia', 'ava']);
  assert.equal(shown.canvas, false, 'no empty point canvas');
  assert.equal(shown.editor, true);
  assert.equal(shown.brush, false, 'no brush for words');
  assert.equal(shown.swatches, false, 'no class swatches for words');
  assert.deepEqual(shown.tabs, ['data', 'network', 'program', 'prompt', 'debug', 'versions', 'project'], 'engine and rule read points or images');
  assert.equal(shown.hiddenLayers, false, "the point network's layers give way to the word program's flags");
  assert.equal(shown.architecture, true);
  await root().locator('.word-editor').screenshot({ path: join(OUTPUT, 'word-editor.png') });
});

test('the search counts the matching words and lists the first ones; a click selects one in the list', async () => {
  await root().locator('input[name=word-search]').fill('zz');
  const expected = await inPage(async () => (await document.querySelector('sw2-playground').getData()).words.filter((w) => w.includes('zz')));
  await root().locator('.word-found').filter({ hasText: `${expected.length} words contain 'zz'` }).waitFor();
  const items = await root().locator('.word-match').allTextContents();
  assert.equal(items.length, Math.min(30, expected.length));
  assert.equal(items[0].replace(/test$/, ''), expected[0]);
  assert.equal(await root().locator('.word-match mark').first().textContent(), 'zz');
  await root().locator('.word-match').first().click();
  const picked = await shadow((r) => { const t = r.querySelector('textarea[name=words]'); return t.value.slice(t.selectionStart, t.selectionEnd); });
  assert.equal(picked, expected[0]);
  await root().locator('input[name=word-search]').fill('');
});

test('an edited list applies as one undoable step; Undo brings the list and the text back', async () => {
  await inPage(() => document.querySelector('sw2-playground').setData({ words: ['emma', 'olivia', 'ava', 'mia'] }));
  await s.page.waitForFunction(() => document.querySelector('sw2-playground').shadowRoot.querySelector('textarea[name=words]').value === 'emma\nolivia\nava\nmia');
  await text().fill('emma\nolivia\n\n  noor \nzoë\n');
  await root().locator('.word-status').filter({ hasText: 'Apply' }).waitFor();
  await root().locator('.word-actions button', { hasText: 'Apply' }).click();
  await s.page.waitForFunction(() => document.querySelector('sw2-playground').shadowRoot.querySelector('textarea[name=words]').value === 'emma\nolivia\nnoor\nzoë');
  assert.deepEqual((await inPage(() => document.querySelector('sw2-playground').getData())).words, ['emma', 'olivia', 'noor', 'zoë']);
  await root().locator('.word-counts').filter({ hasText: '4 words' }).waitFor();
  await root().locator('.word-actions button', { hasText: 'Undo' }).click();
  await s.page.waitForFunction(() => document.querySelector('sw2-playground').shadowRoot.querySelector('textarea[name=words]').value === 'emma\nolivia\nava\nmia');
  assert.deepEqual((await inPage(() => document.querySelector('sw2-playground').getData())).words, ['emma', 'olivia', 'ava', 'mia']);
});

test('a bad word is named beside the list, its line selected, and nothing typed is lost', async () => {
  const typed = 'anna\n\nbob\njean-luc\neve';
  await text().fill(typed);
  await root().locator('.word-actions button', { hasText: 'Apply' }).click();
  await root().locator('.word-status[data-kind=error]').waitFor();
  const r = await shadow((sr) => {
    const t = sr.querySelector('textarea[name=words]');
    return { status: sr.querySelector('.word-status').textContent, value: t.value, picked: t.value.slice(t.selectionStart, t.selectionEnd), invalid: t.getAttribute('aria-invalid') };
  });
  assert.match(r.status, /word 2 \('jean-luc'\) contains '-'/);
  assert.equal(r.value, typed, 'the text stays as typed');
  assert.equal(r.picked, 'jean-luc', 'the named word is selected, ready to fix');
  assert.equal(r.invalid, 'true');
  assert.deepEqual((await inPage(() => document.querySelector('sw2-playground').getData())).words, ['emma', 'olivia', 'ava', 'mia'], 'the dataset is unchanged');
  assert.equal(await alarm(), null, 'no pop-up: the message sits beside the list');
  await root().locator('.word-actions button', { hasText: 'Revert' }).click();
  assert.equal(await text().inputValue(), 'emma\nolivia\nava\nmia');
});

test('a dropped .txt file becomes the list; one the core refuses waits in the box, its bad line selected', async () => {
  await inPage(() => {
    const t = document.querySelector('sw2-playground').shadowRoot.querySelector('textarea[name=words]');
    const data = new DataTransfer();
    data.items.add(new File(['liam\nnoah\noliver\n'], 'boys.txt', { type: 'text/plain' }));
    t.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
  });
  await eventually(s.page, async () => ((await document.querySelector('sw2-playground').getData()).words || []).join() === 'liam,noah,oliver');
  await root().locator('.word-status').filter({ hasText: 'boys.txt' }).waitFor();

  // A file the core refuses lands in the box whole, its bad line selected; the list stays.
  await inPage(() => {
    const t = document.querySelector('sw2-playground').shadowRoot.querySelector('textarea[name=words]');
    const data = new DataTransfer();
    data.items.add(new File(['ella\nmary-jo\nlea\n'], 'girls.txt', { type: 'text/plain' }));
    t.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
  });
  await root().locator('.word-status[data-kind=error]').filter({ hasText: /word 1 \('mary-jo'\)/ }).waitFor();
  const box = await shadow((r) => { const t = r.querySelector('textarea[name=words]'); return { value: t.value, picked: t.value.slice(t.selectionStart, t.selectionEnd) }; });
  assert.deepEqual(box, { value: 'ella\nmary-jo\nlea\n', picked: 'mary-jo' });
  assert.equal((await inPage(() => document.querySelector('sw2-playground').getData())).words.join(), 'liam,noah,oliver', 'the list is unchanged');
  await root().locator('.word-actions button', { hasText: 'Revert' }).click();
});

test('training the names writes fresh samples; a prefix starts every sample and draws the next-character bars', async () => {
  await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('names');
    await pg.configure({ architecture: 'bigram', learningRate: 0.3, batchSize: 256, optimizer: 'adam', seed: 2 });
  });
  await openTool(s.page, 'program');
  await root().locator('.samples .sample').first().waitFor();
  const before = await root().locator('.samples .sample').allTextContents();
  assert.equal(before.length, 20);
  await root().locator('button.primary').click();
  // Live: the samples change while training runs, before anyone presses Pause.
  await s.page.waitForFunction((old) => {
    const now = [...document.querySelector('sw2-playground').shadowRoot.querySelectorAll('.samples .sample')].map((li) => li.textContent);
    return now.length === 20 && now.join() !== old.join();
  }, before, { timeout: 20000 });
  assert.equal(await root().locator('button.primary').textContent(), '❚❚ Pause', 'the samples changed while training ran');
  await s.page.waitForFunction(() => Number(document.querySelector('sw2-playground').shadowRoot.querySelector('[data-stat=step]').textContent) > 2000, null, { timeout: 60000 });
  await root().locator('button.primary').click();
  await root().locator('button.primary').filter({ hasText: 'Train' }).waitFor();
  await root().locator('.memorised').filter({ hasText: /of 20/ }).waitFor();

  await root().locator('input[name=prefix]').fill('mar');
  await root().locator('.next-caption').filter({ hasText: "After 'mar'" }).waitFor();
  await s.page.waitForFunction(() => [...document.querySelector('sw2-playground').shadowRoot.querySelectorAll('.samples .sample')].every((li) => li.textContent.startsWith('mar')));
  const bars = await shadow((r) => [...r.querySelectorAll('.next-bar')].map((b) => [b.querySelector('.next-char').textContent, b.querySelector('.next-p').textContent]));
  const core = await inPage(() => document.querySelector('sw2-playground').nextChars('mar'));
  assert.equal(bars.length, 12);
  bars.forEach(([char, p], i) => {
    assert.equal(char, core[i].char === '.' ? 'end' : core[i].char);
    assert.equal(p, `${(core[i].probability * 100).toFixed(1)} %`, 'every bar is the core\'s number');
  });
  const copies = await root().locator('.sample.copy').count();
  assert.match(await root().locator('.memorised').textContent(), new RegExp(`^${copies} of 20 samples`));
  await root().locator('.writing-panel').screenshot({ path: join(OUTPUT, 'word-writing.png') });

  // A character the program never saw: said under the box, no pop-up.
  await root().locator('input[name=prefix]').fill('ma1');
  await root().locator('#prefix-error').filter({ hasText: "'1'" }).waitFor();
  assert.equal(await root().locator('input[name=prefix]').getAttribute('aria-invalid'), 'true');
  assert.equal(await alarm(), null, 'no pop-up: the message sits under the box');
  await root().locator('input[name=prefix]').fill('');
});

test('while the names train, the losses shown are estimates on a sample, said so; Pause shows the exact ones', async () => {
  await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('names');
    await pg.configure({ architecture: 'bigram', learningRate: 0.3, batchSize: 256, optimizer: 'adam', seed: 2 });
    window.progressSeen = [];
    pg.addEventListener('progress', (e) => window.progressSeen.push(e.detail));
  });
  const trainLoss = root().locator('[data-stat=trainLoss]');
  const hint = root().locator('.metrics-panel .hint');
  await root().locator('button.primary').click();
  // The bigram reads a character a row: 16,384 of the 196,000 training characters.
  await trainLoss.filter({ hasText: /^≈ \d\.\d{3}$/ }).waitFor({ timeout: 20000 });
  assert.match(await hint.textContent(), /estimated on 16,384 evenly spaced rows of each split/);
  await root().locator('button.primary').click();
  await root().locator('button.primary').filter({ hasText: 'Train' }).waitFor();
  await trainLoss.filter({ hasText: /^\d\.\d{3}$/ }).waitFor();
  const exact = await inPage(() => document.querySelector('sw2-playground').evaluate());
  assert.equal(exact.estimatedFrom, undefined, 'evaluate() reads every character');
  assert.equal(await trainLoss.textContent(), exact.trainLoss.toFixed(3), 'paused, the panel shows the exact loss');
  assert.equal(await root().locator('[data-stat=step]').textContent(), String(exact.step));
  assert.ok(await hint.isHidden());
  const seen = await inPage(() => window.progressSeen);
  assert.ok(seen.length > 0 && seen.filter((m) => m.step < exact.step).every((m) => m.estimatedFrom === 16384), JSON.stringify(seen.slice(0, 3)));
});

test('the bigram table reads cell by cell from the core, and the characters sit at their place on the map', async () => {
  const table = root().locator('canvas.bigram-table');
  await table.scrollIntoViewIfNeeded();
  await table.waitFor();
  const readout = root().locator('.bigram-figure .bigram-readout');
  // Row 'e' (index 5), column 'm' (index 13). The box is measured again on each try: the samples
  // above the table may still be redrawing after the last test and move it.
  for (let tries = 0; !(await readout.textContent()).startsWith("after 'e':"); tries++) {
    assert.ok(tries < 20, `hovering row 'e' reads it (readout: ${await readout.textContent()})`);
    const box = await table.boundingBox();
    const n = 27;
    const gutter = box.width * 0.055;
    const cell = (box.width - gutter) / n;
    await s.page.mouse.move(box.x + gutter + 13.5 * cell, box.y + gutter + 5.5 * cell);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const after = await inPage(() => document.querySelector('sw2-playground').nextChars('e'));
  const m = after.find((c) => c.char === 'm');
  assert.equal(await readout.textContent(), `after 'e': 'm' ${(m.probability * 100).toFixed(1)} %`);
  await table.focus();
  await s.page.keyboard.press('ArrowUp');
  const afterD = await inPage(() => document.querySelector('sw2-playground').nextChars('d'));
  const d = afterD.find((c) => c.char === 'm');
  assert.equal(await readout.textContent(), `after 'd': 'm' ${(d.probability * 100).toFixed(1)} %`, 'arrow keys move between cells');
  await s.page.keyboard.press('Home');
  const end = afterD.find((c) => c.char === '.');
  assert.equal(await readout.textContent(), `after 'd': end of word ${(end.probability * 100).toFixed(1)} %`, 'Home goes to the first column, the end');
  const inked = await shadow((r) => {
    const c = r.querySelector('canvas.bigram-table');
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 0 && px[i] < 160) dark++;
    return dark;
  });
  assert.ok(inked > 500, `the trained table has dark cells (${inked} pixels)`);
  await root().locator('.bigram-figure').screenshot({ path: join(OUTPUT, 'word-bigram-table.png') });

  const map = root().locator('canvas.embedding-map');
  await map.scrollIntoViewIfNeeded();
  await map.focus();
  await s.page.keyboard.press('ArrowRight');
  const core = await inPage(() => document.querySelector('sw2-playground').embeddings());
  const [x, y] = core.projection[0];
  assert.equal(await root().locator('.map-figure .bigram-readout').textContent(), `'.' (start and end of a word) at (${x.toFixed(2)}, ${y.toFixed(2)})`);
  assert.match(await root().locator('.map-axes').textContent(), /principal component/);
  await root().locator('.map-figure').screenshot({ path: join(OUTPUT, 'word-embedding-map.png') });

  // The MLP has no table: the picture says so, and the map follows the new program.
  await inPage(() => document.querySelector('sw2-playground').configure({ architecture: 'mlp', embedding: 2, hidden: 32 }));
  await root().locator('.bigram-figure .hint').filter({ hasText: 'no single table' }).waitFor();
  await root().locator('.map-axes').filter({ hasText: 'embedding dimension 1' }).waitFor();
});

test('the network tab sets the word program: bigram, MLP with its context, embedding and hidden units', async () => {
  await openTool(s.page, 'network');
  const config = () => inPage(async () => (await document.querySelector('sw2-playground').getConfig()).text);
  const shownField = (name) => shadow((r, n) => !r.querySelector(`[name=${n}]`).closest('.word-network > *').hidden, name);
  await root().locator('select[name=architecture]').selectOption('bigram');
  await eventually(s.page, async () => (await document.querySelector('sw2-playground').getConfig()).text.architecture === 'bigram');
  assert.equal(await shownField('context'), false, 'the bigram reads one character: no context to set');
  await root().locator('select[name=architecture]').selectOption('mlp');
  await eventually(s.page, async () => (await document.querySelector('sw2-playground').getConfig()).text.architecture === 'mlp');
  for (const [name, value, key, want] of [['context', '4', 'context', '4'], ['embedding', '6', 'embedding', '6'], ['textHidden', '64, 32', 'hidden', '64,32']]) {
    await root().locator(`input[name=${name}]`).fill(value);
    await root().locator(`input[name=${name}]`).press('Enter');
    await eventually(s.page, async ([k, w]) => String((await document.querySelector('sw2-playground').getConfig()).text[k]) === w, [key, want]);
  }
  const text = await config();
  assert.deepEqual([text.architecture, text.context, text.embedding, text.hidden], ['mlp', 4, 6, [64, 32]]);
  assert.equal(await shownField('textHidden'), true);
  assert.equal(await shownField('layers'), false, 'blocks and heads are the transformer\'s');
  assert.equal(await shownField('dropout'), false, 'dropout is the transformer\'s');
  await root().locator('select[name=architecture]').selectOption('transformer');
  await eventually(s.page, async () => (await document.querySelector('sw2-playground').getConfig()).text.architecture === 'transformer');
  assert.equal(await shownField('dropout'), true);
  await root().locator('input[name=dropout]').fill('0.2');
  await root().locator('input[name=dropout]').press('Enter');
  await eventually(s.page, async () => (await document.querySelector('sw2-playground').getConfig()).text.dropout === 0.2);
  await root().locator('input[name=dropout]').fill('1.5');
  await root().locator('input[name=dropout]').press('Enter');
  for (let i = 0; i < 100 && !((await alarm())?.text ?? '').includes('dropout = 1.5'); i++) await s.page.waitForTimeout(100);
  assert.match((await alarm())?.text ?? '', /dropout = 1\.5 must be 0 to 0\.9/, 'the refusal says why');
  assert.equal((await config()).dropout, 0.2, 'a refused dropout changes nothing');
  assert.equal(await root().locator('input[name=dropout]').inputValue(), '0.2', 'the field shows the dropout the core kept');
  await inPage(() => document.querySelector('sw2-playground').configure({ architecture: 'mlp', context: 4, embedding: 6, dropout: 0 }));
  await eventually(s.page, async () => (await document.querySelector('sw2-playground').getConfig()).text.architecture === 'mlp');
});

test('the debugger lists the most surprising words and shows one in the list', async () => {
  await openTool(s.page, 'debug');
  await root().locator('button', { hasText: 'List the most surprising words' }).click();
  await root().locator('.surprising-words li').first().waitFor({ timeout: 30000 });
  const { words } = await inPage(() => document.querySelector('sw2-playground').diagnose());
  const first = await root().locator('.surprising-words li button').first().textContent();
  assert.equal(first, words[0].word);
  await root().locator('.surprising-words li button').first().click();
  const picked = await shadow((r) => { const t = r.querySelector('textarea[name=words]'); return t.value.slice(t.selectionStart, t.selectionEnd); });
  assert.equal(picked, words[0].word);
});

test('why it writes a word: the debugger lists the training words for and against it, and a click shows one', async () => {
  await inPage(() => document.querySelector('sw2-playground').train({ steps: 200 })); // the network tab's test left fresh weights
  await openTool(s.page, 'debug');
  // From the most surprising list: its "why?" asks about that word.
  await root().locator('.surprising-words li').first().locator('button', { hasText: 'why?' }).click();
  const asked = await root().locator('input[name=why-word]').inputValue();
  assert.equal(asked, await root().locator('.surprising-words li button').first().textContent());
  await root().locator('.why-word-section .why-column.proponents li').first().waitFor({ timeout: 90000 });
  const shown = await shadow((r) => [...r.querySelectorAll('.why-word-section .why-column.proponents li button')].map((b) => b.textContent));
  const api = await inPage((w) => document.querySelector('sw2-playground').influence(w, { top: 10 }), asked);
  assert.deepEqual(shown, api.proponents.map((w) => w.word), 'the page lists what influence(word) says, strongest first');
  await root().locator('.why-word-section').screenshot({ path: join(OUTPUT, 'why-word.png') });
  await root().locator('.why-word-section .why-column.proponents li button').first().click();
  const picked = await shadow((r) => { const t = r.querySelector('textarea[name=words]'); return t.value.slice(t.selectionStart, t.selectionEnd); });
  assert.equal(picked, shown[0]);
  // A word with a character the program never saw is explained, not thrown.
  await root().locator('input[name=why-word]').fill('zoë');
  await root().locator('button', { hasText: 'Why this word?' }).click();
  await root().locator('.why-word-section .hint', { hasText: 'not a character the program knows' }).waitFor();
});

test('axe-core finds no serious violations on the word page; no pop-ups and no errors came on their own', async () => {
  await openTool(s.page, 'program');
  assert.deepEqual(await seriousViolations(s.page), []);
  await openTool(s.page, 'network');
  assert.deepEqual(await seriousViolations(s.page), []);
  await openTool(s.page, 'debug');
  assert.deepEqual(await seriousViolations(s.page), []);
  assert.equal(await alarm(), null);
  assert.deepEqual(s.errors, []);
});

test('a 360 px phone: no sideways scrolling; the list, Apply, the samples and the bars fit', async () => {
  await s.page.setViewportSize({ width: 360, height: 780 });
  await s.page.waitForFunction(() => document.documentElement.scrollWidth <= 360, null, { timeout: 5000 }).catch(() => {});
  const wide = await inPage(() => {
    const out = [];
    const walk = (r) => r.querySelectorAll('*').forEach((el) => {
      const b = el.getBoundingClientRect();
      if (b.width && b.right > 361) out.push(`${el.tagName}.${el.className} ${Math.round(b.left)}–${Math.round(b.right)}`);
      if (el.shadowRoot) walk(el.shadowRoot);
    });
    walk(document);
    return out.slice(0, 5);
  });
  assert.equal(await inPage(() => document.documentElement.scrollWidth), 360, wide.join('; '));
  for (const sel of ['textarea[name=words]', '.word-actions button >> nth=0', 'input[name=word-search]']) {
    const box = await root().locator(sel).boundingBox();
    assert.ok(box.width >= 40 && box.x >= 0 && box.x + box.width <= 360, `${sel} fits: ${JSON.stringify(box)}`);
  }
  await openTool(s.page, 'program');
  for (const sel of ['.writing-panel', '.next-chars', 'canvas.embedding-map']) {
    const box = await root().locator(sel).boundingBox();
    assert.ok(box.width >= 200 && box.x >= 0 && box.x + box.width <= 360, `${sel} fits: ${JSON.stringify(box)}`);
  }
  await s.page.evaluate(() => window.scrollTo(0, 0));
  await s.page.screenshot({ path: join(OUTPUT, 'word-phone.png'), fullPage: false });
  await s.page.setViewportSize({ width: 1280, height: 900 });
});
