// The exported model file is the whole program: tests/python/next_chars.py, with numpy and
// safetensors only, reads what exportModel() wrote and gives the page's nextChars to 1e-5, for
// the bigram, the MLP and the transformer. `cargo xtask test` prepares the Python (SW2_PYTHON).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usePlayground } from './helpers/playground.js';
import { ROOT } from './helpers/server.js';

/** The virtualenv `cargo xtask test` makes (`SW2_PYTHON`, under cargo's target dir); else the default. */
const PYTHON = process.env.SW2_PYTHON || join(ROOT, 'target', 'py', 'bin', 'python');
const READER = join(ROOT, 'tests', 'python', 'next_chars.py');
const TOLERANCE = 1e-5;

const WORDS = ['anna', 'emma', 'kate', 'katy', 'xyza', 'zoë', 'mia', 'amy', 'hannah', 'ada'];
/** The empty prefix, short ones (one with a letter beyond ASCII), and two longer than the MLP's context of 3. */
const PREFIXES = ['', 'a', 'em', 'zoë', 'hanna', 'xyzamy'];

/** Each word architecture, small. The transformer's context "auto" is the longest word + 1 = 7
 * positions, the start token and a word of up to 6 characters: it takes prefixes of up to 5. */
const MODELS = {
  bigram: { architecture: 'bigram', learningRate: 0.3 },
  mlp: { architecture: 'mlp', context: 3, embedding: 5, hidden: 12, learningRate: 0.05 },
  transformer: { architecture: 'transformer', embedding: 16, layers: 2, heads: 4, learningRate: 0.01 },
};

const s = usePlayground((page) => page.evaluate(() => document.querySelector('sw2-playground').configure({ backend: 'cpu' })));

before(() => {
  if (!existsSync(PYTHON)) {
    throw new Error(`No Python at ${PYTHON}: run \`cargo xtask test\`, which makes a virtualenv with numpy and safetensors ` +
      'there (or point SW2_PYTHON at an interpreter that has them).');
  }
});

/** Trains `config` on the words in the page: the exported file's bytes, its description, and the
 * page's nextChars for each prefix (or the message it rejects with). */
function trainAndExport(config) {
  return s.page.evaluate(async ({ words, config, prefixes }) => {
    const pg = document.querySelector('sw2-playground');
    await pg.setData({ words, testFraction: 0 });
    await pg.configure({ ...config, seed: 5 });
    await pg.train({ steps: 80 });
    const expected = {};
    for (const p of prefixes) expected[p] = await pg.nextChars(p).catch((e) => e.message);
    const { safetensors, config: description } = await pg.exportModel();
    return { bytes: Array.from(safetensors), description, expected };
  }, { words: WORDS, config, prefixes: PREFIXES });
}

/** What the Python reader prints for `prefixes` of the model file `bytes` (it throws with the
 * reader's message if the reader fails). */
function readInPython(bytes, prefixes) {
  const file = join(mkdtempSync(join(tmpdir(), 'sw2-python-')), 'model.safetensors');
  writeFileSync(file, Uint8Array.from(bytes));
  return JSON.parse(execFileSync(PYTHON, [READER, file, ...prefixes], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
}

for (const [name, config] of Object.entries(MODELS)) {
  test(`the ${name} exported as safetensors gives the page's nextChars in numpy to 1e-5`, async () => {
    const r = await trainAndExport(config);
    assert.equal(r.description.text.architecture, name);
    let prefixes = PREFIXES;
    if (name === 'transformer') {
      prefixes = PREFIXES.filter((p) => p.length <= 5);
      assert.match(r.expected.xyzamy, /at most 6/, 'the page refuses a prefix that leaves no room to write');
      assert.throws(() => readInPython(r.bytes, ['xyzamy']), /at most 6/, 'and so does the reader');
    }
    const got = readInPython(r.bytes, prefixes);
    let largest = 0;
    for (const p of prefixes) {
      assert.equal(got[p].length, r.expected[p].length, `'${p}': one probability per token`);
      const python = Object.fromEntries(got[p].map((n) => [n.char, n.probability]));
      for (const n of r.expected[p]) {
        const difference = Math.abs(python[n.char] - n.probability);
        assert.ok(difference <= TOLERANCE, `${name} '${p}' → '${n.char}': Python ${python[n.char]}, page ${n.probability}`);
        largest = Math.max(largest, difference);
      }
    }
    console.log(`${name}: largest difference ${largest.toExponential(1)} over ${prefixes.length} prefixes`);
  });
}
