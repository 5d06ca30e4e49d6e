// The prompt model on the page (Software 3.0): lines of text in and out through setData/getData, a
// bad line named without losing the data; loadPreset('prompts') opens the shipped model, corpus and
// weights, and complete() answers through the element, greedy and deterministic or seeded; the
// Prompt tool runs an example and shows each character with the core's probability; axe-core clean.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { OUTPUT } from './helpers/browser.js';
import { openTool, usePlayground } from './helpers/playground.js';
import { seriousViolations } from './helpers/axe.js';

const s = usePlayground((page) => page.evaluate(() => document.querySelector('sw2-playground').configure({ backend: 'cpu' })));
const inPage = (fn, arg) => s.page.evaluate(fn, arg);
const root = () => s.page.locator('sw2-playground');

test('lines of text go in and come back; a bad line is named and changes nothing', async () => {
  const lines = ['reverse: ab => ba', 'sort the letters: ba => ab', 'how many letters in: abc => 3'];
  const back = await inPage(async (l) => {
    const pg = document.querySelector('sw2-playground');
    await pg.setData({ lines: l, testFraction: 0 });
    return pg.getData();
  }, lines);
  assert.deepEqual(back.lines, lines);
  assert.equal(back.words, undefined, 'lines are not words');
  const refused = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    const reasons = [];
    for (const bad of [{ lines: ['ok', 'a\tb'] }, { lines: ['ok', ''] }, { lines: 'ok' }, { lines: ['ok', 7] }]) {
      reasons.push(await pg.setData(bad).then(() => 'accepted', (e) => e.message));
    }
    return { reasons, kept: (await pg.getData()).lines.length };
  });
  assert.match(refused.reasons[0], /line 1 contains the control character U\+0009/);
  assert.match(refused.reasons[1], /line 1 is empty/);
  assert.match(refused.reasons[2], /lines must be an array/);
  assert.match(refused.reasons[3], /line 1 is not a string/);
  assert.equal(refused.kept, 3, 'nothing lost');
});

test('loadPreset("prompts") opens the shipped model; complete() answers greedily, the same every time, and a seed draws the same text again', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    const t0 = performance.now();
    await pg.loadPreset('prompts');
    const first = await pg.complete('reverse: plan =>');
    const ms = performance.now() - t0;
    const again = await pg.complete('reverse: plan =>');
    const hot = { temperature: 1, seed: 3 };
    const [a, b] = [await pg.complete('sort the letters: dcab =>', hot), await pg.complete('sort the letters: dcab =>', hot)];
    const capital = await pg.complete('capitalise: plan =>');
    const [data, config] = [await pg.getData(), await pg.getConfig()];
    const unknown = await pg.complete('reverse: plan!').then(() => 'answered', (e) => e.message);
    return { first, again, a, b, capital, ms, lines: data.lines.length, config, unknown };
  });
  console.log(`prompt model: loaded and answered the first prompt in ${r.ms.toFixed(0)} ms (chromium, CPU build)`);
  assert.equal(r.first.text, ' nalp');
  assert.equal(r.first.stopped, 'end');
  assert.equal(r.first.steps.map((x) => x.char).join(''), r.first.text, 'one step per character');
  for (const step of r.first.steps) {
    assert.equal(step.alternatives.length, 4);
    assert.ok(step.alternatives.every((a) => a.char !== step.char && a.probability <= step.probability + 1e-9));
  }
  assert.deepEqual(r.again, r.first, 'greedy decoding is deterministic');
  assert.deepEqual(r.a, r.b, 'the same seed, the same text');
  assert.equal(r.capital.text, ' Plan', 'the same weights, another program');
  assert.equal(r.lines, 26000, "round one's 16,000 lines and round two's 10,000 more");
  assert.equal(r.config.text.architecture, 'transformer');
  assert.match(r.unknown, /'!' is not a character the program knows/);
});

test('the corpus opens as a read-only window of lines; Find searches every line and moves the window there; "Edit the whole text" puts all of it in the box', async () => {
  const note = root().locator('.word-window');
  await note.filter({ hasText: /^Lines 1–1,000 of 26,000 \(\d+ KB\), read-only/ }).waitFor();
  const box = root().locator('textarea[name=words]');
  const shown = await box.evaluate((t) => ({ lines: t.value.split('\n'), readOnly: t.readOnly }));
  const { lines } = await inPage(() => document.querySelector('sw2-playground').getData());
  assert.deepEqual(shown.lines, lines.slice(0, 1000), 'the window is the first 1,000 lines as the core holds them');
  assert.equal(shown.readOnly, true);
  await root().locator('.word-window').screenshot({ path: join(OUTPUT, 'prompt-corpus-window.png') });

  // A line far past the window that no other line contains: Find lists it, a click shows it.
  const target = lines.findIndex((l, i) => i > 20000 && lines.filter((m) => m.toLowerCase().includes(l.toLowerCase())).length === 1);
  assert.ok(target > 20000, 'some late line is unique');
  await root().locator('input[name=word-search]').fill(lines[target]);
  await root().locator('.word-found').filter({ hasText: /^1 line contains/ }).waitFor();
  await root().locator('.word-match').first().click();
  const picked = await box.evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd));
  assert.equal(picked, lines[target], 'the line is selected in the moved window');
  const [from, to] = (await note.textContent()).match(/^Lines ([\d,]+)–([\d,]+)/).slice(1).map((n) => Number(n.replace(/,/g, '')));
  assert.ok(from <= target + 1 && target + 1 <= to && to - from === 999, `line ${target + 1} within lines ${from}–${to}`);
  await root().locator('input[name=word-search]').fill('');

  await root().locator('.word-window button', { hasText: 'Edit the whole text' }).click();
  await note.waitFor({ state: 'hidden' });
  const whole = await box.evaluate((t) => ({ count: t.value.split('\n').length, readOnly: t.readOnly }));
  assert.deepEqual(whole, { count: 26000, readOnly: false });
});

test('a tool that reads points or layers, asked of the prompt model, is refused in words, and the model keeps its weights', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    const said = (p) => p.then(() => 'answered', (e) => e.message);
    return {
      summary: await said(pg.weightSummary()),
      neurons: await said(pg.neurons()),
      answer: (await pg.complete('reverse: plan =>')).text,
      step: (await pg.evaluate()).step,
    };
  });
  assert.match(r.summary, /weightSummary reads a network of layers; a transformer is read with embeddings, attention or exportModel/);
  assert.match(r.neurons, /neurons reads points or images/);
  assert.deepEqual([r.answer, r.step], [' nalp', 15500], 'no restart: the trained weights are still there');
});

test('the Prompt tool: an example prompt runs and each character shows the core\'s probability', async () => {
  await openTool(s.page, 'prompt');
  await root().locator('.prompt-example', { hasText: 'sort the letters: dcab =>' }).click();
  const core = await inPage(() => document.querySelector('sw2-playground').complete('sort the letters: dcab =>'));
  await root().locator('.prompt-stopped').filter({ hasText: 'It wrote the end' }).waitFor();
  assert.equal(await root().locator('.prompt-text').textContent(), core.text);
  const shown = await root().locator('.prompt-step .prompt-p').allTextContents();
  assert.deepEqual(shown, core.steps.map((x) => `${(x.probability * 100).toFixed(1)} %`), 'every number is the core\'s');
  assert.equal(await root().locator('input[name=prompt]').inputValue(), 'sort the letters: dcab =>');
  await root().locator('.prompt-panel').screenshot({ path: join(OUTPUT, 'prompt-tool.png') });
  assert.deepEqual(await seriousViolations(s.page), [], 'axe-core with the Prompt tool open');

  // A character it never saw: said under the box, no pop-up.
  await root().locator('input[name=prompt]').fill('reverse: plan!');
  await root().locator('input[name=prompt]').press('Enter');
  await root().locator('#prompt-error').filter({ hasText: "'!'" }).waitFor();
  assert.equal(await root().locator('input[name=prompt]').getAttribute('aria-invalid'), 'true');
});
