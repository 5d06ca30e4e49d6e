// Word lists through the page's own API: the list in and out (setData, getData, text, undo, diff),
// bad words named, makemore's names loaded and split, each program trained, samples and the next
// character's bars, and a project file that brings the words and the program back.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { usePlayground } from './helpers/playground.js';

const s = usePlayground((page) => page.evaluate(() => document.querySelector('sw2-playground').configure({ backend: 'cpu' })));
const inPage = (fn, arg) => s.page.evaluate(fn, arg);

test('a word list goes in and out as data and as text, one undo step each, and diffs as words', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.setData({ words: ['emma', 'olivia', 'ava', 'zoë'] });
    const first = await pg.getData();
    const v1 = await pg.commit('four');
    await pg.importText('  emma \n\nolivia\nmia\r\n');
    const text = await pg.exportText();
    const diff = await pg.diff(v1, 'current');
    await pg.undo();
    const back = await pg.getData();
    const errors = [];
    for (const bad of [{ words: ['ann', ''] }, { words: ['ann', 'jean-luc'] }, { words: ['ann', 7] }, { words: ['x'.repeat(33)] }]) {
      errors.push(await pg.setData(bad).then(() => 'accepted', (e) => e.message));
    }
    return { first, text, diff, back, errors, after: await pg.getData(), task: await pg.task() };
  });
  assert.deepEqual(r.first.words, ['emma', 'olivia', 'ava', 'zoë']);
  assert.equal(r.text, 'emma\nolivia\nmia\n');
  assert.deepEqual(r.diff.added, ['mia']);
  assert.deepEqual([...r.diff.removed].sort(), ['ava', 'zoë']);
  assert.deepEqual(r.back.words, ['emma', 'olivia', 'ava', 'zoë'], 'undo brings the list back');
  assert.match(r.errors[0], /word 1 is empty/);
  assert.match(r.errors[1], /word 1 .*'-'/);
  assert.match(r.errors[2], /word 1 is not a string/);
  assert.match(r.errors[3], /word 0 .*33 characters/);
  assert.deepEqual(r.after.words, ['emma', 'olivia', 'ava', 'zoë'], 'a rejected list changes nothing');
  assert.equal(r.task, 'classification');
});

test('the names train as a bigram and an MLP; samples and next characters come from the program', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('names');
    const words = (await pg.getData()).words.length;
    const testWords = (await pg.dataView()).testMask.filter(Boolean).length;
    await pg.configure({ architecture: 'bigram', learningRate: 0.3, batchSize: 512, seed: 2 });
    const untrained = await pg.evaluate();
    await pg.train({ steps: 300 });
    const bigram = await pg.evaluate();
    await pg.configure({ architecture: 'mlp', learningRate: 0.01, batchSize: 64, hidden: 200 });
    await pg.train({ steps: 600 });
    const mlp = await pg.evaluate();
    const samples = await pg.sample({ count: 40, seed: 3 });
    const again = await pg.sample({ count: 40, seed: 3 });
    const prefixed = await pg.sample({ count: 10, prefix: 'mar', temperature: 0.5, topK: 5 });
    const next = await pg.nextChars('emm');
    const unknown = await pg.nextChars('em1').then(() => 'accepted', (e) => e.message);
    const badOption = await pg.sample({ count: 0 }).then(() => 'accepted', (e) => e.message);
    const map = await pg.embeddings();
    const diagnosis = await pg.diagnose();
    const grid = await pg.boundary(8).then(() => 'accepted', (e) => e.message);
    const started = performance.now();
    const why = await pg.influence('emma', { top: 5 });
    const whyMs = performance.now() - started;
    const whyBad = await pg.influence('em1a').then(() => 'accepted', (e) => e.message);
    const data = await pg.getData();
    return { words, testWords, untrained, bigram, mlp, samples, again, prefixed, next, unknown, badOption, map, diagnosis, grid, why, whyMs, whyBad, listed: why.proponents.concat(why.opponents).map((w) => data.words[w.index] === w.word), config: await pg.getConfig() };
  });
  assert.equal(r.words, 32033);
  assert.equal(r.testWords, 1000, "makemore's split: min(1000, 10 %) of the words");
  assert.ok(Math.abs(r.untrained.trainLoss - Math.log(27)) < 0.01, `an untrained bigram is uniform: ${r.untrained.trainLoss}`);
  assert.ok(r.bigram.testLoss < 2.6, `bigram test loss ${r.bigram.testLoss}`);
  assert.ok(r.mlp.testLoss < r.bigram.testLoss + 0.05, `MLP ${r.mlp.testLoss} against bigram ${r.bigram.testLoss}`);
  assert.equal(r.config.text.architecture, 'mlp');
  assert.deepEqual(r.config.text.hidden, [200]);
  assert.equal(r.samples.length, 40);
  assert.deepEqual(r.samples, r.again, 'the same seed writes the same words');
  for (const w of r.samples) {
    assert.match(w.word, /^[a-z]+$/);
    assert.equal(typeof w.isNew, 'boolean');
    assert.ok(w.logprob < 0);
  }
  assert.ok(r.prefixed.every((w) => w.word.startsWith('mar')), JSON.stringify(r.prefixed));
  assert.equal(r.next.length, 27);
  assert.ok(Math.abs(r.next.reduce((a, n) => a + n.probability, 0) - 1) < 1e-4);
  assert.ok(r.next.every((n, i) => i === 0 || r.next[i - 1].probability >= n.probability), 'most likely first');
  assert.match(r.unknown, /'1'/);
  assert.match(r.badOption, /count/);
  assert.equal(r.map.chars.length, 27);
  assert.equal(r.map.dims, 10);
  assert.equal(r.map.projection.length, 27);
  assert.equal(r.diagnosis.words.length, 32033);
  assert.ok(r.diagnosis.words.every((w, i) => i === 0 || r.diagnosis.words[i - 1].loss >= w.loss), 'highest loss first');
  assert.deepEqual(Object.keys(r.diagnosis.words[0]).sort(), ['index', 'loss', 'split', 'word']);
  assert.match(r.grid, /reads points or images/, 'a grid over the square is refused, not a crash');
  // Why it writes "emma": the training words whose training made it likely share its pairs.
  console.log(`influence('emma') on ${r.words} names (MLP, 600 steps): ${Math.round(r.whyMs)} ms; for: ${r.why.proponents.map((w) => w.word)}; against: ${r.why.opponents.map((w) => w.word)}`);
  assert.equal(r.why.word, 'emma');
  assert.equal(r.why.proponents.length, 5);
  assert.equal(r.why.opponents.length, 5);
  assert.ok(r.listed.every(Boolean), 'each entry names its word at its index');
  assert.ok(r.why.proponents.every((w, i) => w.score > 0 && (i === 0 || r.why.proponents[i - 1].score >= w.score)), 'strongest first');
  const pairs = (w) => new Set([...`.${w}.`].slice(1).map((c, i) => `.${w}.`[i] + c));
  const emma = pairs('emma');
  assert.ok(r.why.proponents.every((w) => [...pairs(w.word)].some((p) => emma.has(p))), 'each proponent shares a character pair with emma');
  assert.match(r.whyBad, /'1'/);
});

test('a project file brings the words and the program back with identical next characters', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.setData({ words: ['anna', 'hannah', 'ada', 'otto', 'bob', 'eve', 'elle'], testFraction: 0.2 });
    await pg.configure({ architecture: 'mlp', context: 2, embedding: 4, hidden: 16, learningRate: 0.02, seed: 4 });
    await pg.train({ steps: 150 });
    const before = await pg.nextChars('an');
    const bytes = await pg.exportProject();
    await pg.loadPreset('spiral');
    await pg.importProject(bytes);
    return { before, after: await pg.nextChars('an'), words: (await pg.getData()).words, step: (await pg.evaluate()).step };
  });
  assert.deepEqual(r.words, ['anna', 'hannah', 'ada', 'otto', 'bob', 'eve', 'elle']);
  assert.equal(r.step, 150);
  r.before.forEach((n, i) => {
    assert.equal(r.after[i].char, n.char);
    assert.ok(Math.abs(r.after[i].probability - n.probability) < 1e-6);
  });
});

test('exportCode("js") writes a module whose nextChars and sample agree with the playground to 1e-5', async () => {
  const prefixes = ['', 'a', 'em', 'xyz', 'kat'];
  for (const architecture of ['bigram', 'mlp']) {
    const r = await inPage(async ({ architecture, prefixes }) => {
      const pg = document.querySelector('sw2-playground');
      await pg.setData({ words: ['anna', 'emma', 'kate', 'katy', 'xyza', 'zoe', 'mia', 'amy'], testFraction: 0 });
      await pg.configure({ architecture, context: 3, embedding: 5, hidden: 12, learningRate: 0.05, seed: 6 });
      await pg.train({ steps: 120 });
      const expected = [];
      for (const p of prefixes) expected.push(await pg.nextChars(p));
      return { code: await pg.exportCode('js'), expected, rust: await pg.exportCode('rust').catch((e) => e.message) };
    }, { architecture, prefixes });
    const file = join(mkdtempSync(join(tmpdir(), 'sw2-words-')), 'names.mjs');
    writeFileSync(file, r.code);
    const mod = await import(pathToFileURL(file).href);
    assert.equal(mod.VOCABULARY[0], '.');
    prefixes.forEach((p, k) => {
      const got = Object.fromEntries(mod.nextChars(p).map((n) => [n.char, n.probability]));
      for (const n of r.expected[k]) assert.ok(Math.abs(got[n.char] - n.probability) < 1e-5, `${architecture} '${p}' → ${n.char}: ${got[n.char]} vs ${n.probability}`);
    });
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const words = Array.from({ length: 20 }, () => mod.sample(random));
    assert.ok(words.every((w) => /^[a-z]*$/.test(w)), words.join(' '));
    assert.ok(mod.sample(random, { prefix: 'ka' }).startsWith('ka'));
    assert.match(r.rust, /JavaScript/);
  }
});

test('a transformer trains in the page, writes words and shows its attention', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.setData({ words: ['anna', 'emma', 'ella', 'hannah', 'ada', 'ava', 'eva', 'otto', 'bob', 'elle'], testFraction: 0.2 });
    await pg.configure({ architecture: 'transformer', embedding: 16, layers: 2, heads: 2, learningRate: 0.01, seed: 3, dropout: 0.1 });
    const badDropout = await pg.configure({ dropout: 1 }).then(() => 'accepted', (e) => e.message);
    const config = await pg.getConfig();
    const before = await pg.evaluate();
    await pg.train({ steps: 150 });
    const after = await pg.evaluate();
    return {
      config, before, after, badDropout,
      again: await pg.evaluate(),
      samples: await pg.sample({ count: 8, prefix: 'a' }),
      maps: await pg.attention('anna'),
      tooLong: await pg.attention('hannahannah').then(() => 'accepted', (e) => e.message),
      code: await pg.exportCode('js').then(() => 'accepted', (e) => e.message),
      why: await pg.influence('anna').then(() => 'accepted', (e) => e.message),
    };
  });
  assert.equal(r.config.text.architecture, 'transformer');
  assert.equal(r.config.optimizer, 'adamw');
  assert.equal(r.config.text.dropout, 0.1);
  assert.match(r.badDropout, /dropout = 1 must be 0 to 0\.9/);
  assert.equal(r.again.trainLoss, r.after.trainLoss, 'evaluation never drops: the same weights read the same');
  assert.ok(r.after.trainLoss < r.before.trainLoss - 0.5, `${r.before.trainLoss} → ${r.after.trainLoss}`);
  assert.ok(r.samples.every((w) => w.word.startsWith('a')));
  assert.deepEqual(r.maps.chars, ['.', 'a', 'n', 'n', 'a']);
  assert.equal(r.maps.layers.length, 2);
  assert.equal(r.maps.layers[0].length, 2);
  for (const head of r.maps.layers.flat()) head.forEach((row, i) => assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-4 && row.slice(i + 1).every((w) => w < 1e-6)));
  assert.match(r.tooLong, /at most 6/);
  assert.match(r.code, /model file/);
  assert.match(r.why, /built for the bigram and the MLP/, 'influence on the transformer says why it is not offered');
});
