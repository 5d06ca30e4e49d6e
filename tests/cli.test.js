// The page and the native program agree: a project exported from the page and trained by `sw2`
// opens back in the page with the predictions `sw2 eval` prints (to 1e-5), and a project trained
// in the page evaluates natively to the page's own predictions. `cargo xtask test` builds the CLI
// first and passes its path in SW2_CLI.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usePlayground } from './helpers/playground.js';

const CLI = process.env.SW2_CLI ?? join(import.meta.dirname, '..', 'target', 'debug', 'sw2');
const s = usePlayground((page) => page.evaluate(() => document.querySelector('sw2-playground').configure({ backend: 'cpu' })));
const inPage = (fn, arg) => s.page.evaluate(fn, arg);
const dir = mkdtempSync(join(tmpdir(), 'sw2-cli-'));

function sw2(...args) {
  assert.ok(existsSync(CLI), `no sw2 at ${CLI}: run cargo xtask test (it builds the CLI), or set SW2_CLI`);
  return execFileSync(CLI, args, { encoding: 'utf8' });
}

const exportFrom = async (file) => writeFileSync(file, Buffer.from(await inPage(async () => Array.from(await document.querySelector('sw2-playground').exportProject()))));
const openIn = (file) => inPage((b) => document.querySelector('sw2-playground').importProject(new Uint8Array(b)), Array.from(readFileSync(file)));
const largestDifference = (a, b) => Math.max(...a.flat().map((v, i) => Math.abs(v - b.flat()[i])));

test('a project trained by sw2 opens in the page with the predictions sw2 eval prints', async () => {
  await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('spiral', { n: 200, seed: 4 });
    await pg.configure({ hidden: [12, 12], activation: 'tanh', optimizer: 'adam', learningRate: 0.02, batchSize: 20, seed: 3 });
  });
  const file = join(dir, 'spiral.sw2');
  await exportFrom(file);
  const out = join(dir, 'spiral-trained.sw2');
  const said = sw2('train', file, '--steps', '400', '--every', '100', '--out', out);
  assert.match(said, /trained natively: cpu, 1 device, 400 steps/);
  const native = JSON.parse(sw2('eval', out, '--json'));

  await openIn(out);
  const page = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    const points = (await pg.getData()).points.map((p) => [p.x, p.y]);
    return { predictions: await pg.predict(points), metrics: await pg.evaluate(), versions: await pg.versions(), history: await pg.history() };
  });
  assert.equal(page.metrics.step, 400);
  assert.equal(native.metrics.step, 400);
  const difference = largestDifference(page.predictions, native.predictions);
  assert.ok(difference <= 1e-5, `page and sw2 eval differ by ${difference}`);
  assert.ok(Math.abs(page.metrics.trainLoss - native.metrics.trainLoss) <= 1e-5);
  assert.match(page.versions.at(-1).message, /^trained natively: cpu, 1 device, 400 steps/);
  assert.ok(page.history.length > 5, 'the timeline came back with the weights');
});

test('a word program trained in the page evaluates natively to the page\'s next characters', async () => {
  const page = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.setData({ words: ['emma', 'olivia', 'ava', 'isabella', 'sophia', 'mia', 'amelia', 'harper', 'evelyn', 'abigail'] });
    await pg.configure({ architecture: 'mlp', hidden: 32, learningRate: 0.05, batchSize: 16, seed: 2 });
    await pg.train({ steps: 120 });
    return { empty: await pg.nextChars(''), em: await pg.nextChars('em') };
  });
  const file = join(dir, 'names.sw2');
  await exportFrom(file);
  const native = JSON.parse(sw2('eval', file, '--json'));
  const byPrefix = Object.fromEntries(native.predictions.map((p) => [p.prefix, p.nextChars]));
  for (const [prefix, chars] of [['', page.empty], ['em', page.em]]) {
    const there = Object.fromEntries(byPrefix[prefix].map((c) => [c.char, c.probability]));
    for (const c of chars) assert.ok(Math.abs(c.probability - there[c.char]) <= 1e-5, `'${prefix}' → '${c.char}': ${c.probability} vs ${there[c.char]}`);
  }
});
