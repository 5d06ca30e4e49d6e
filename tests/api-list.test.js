// The one list of operations (www/api.js) against what the README documents and what the client,
// the worker and the element expose: a new operation is a Rust method plus one line in api.js, and
// this test says which other place (the README's table) still has to mention it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OPERATIONS, PUBLIC_OPERATIONS, workerArgs } from '../www/api.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const KINDS = ['query', 'data', 'versions', 'weights', 'config', 'training', 'job', 'engine', 'rule', 'project', 'internal'];

/** The method names the README's "Public JS API" table documents (`name(` in a row's first cell). */
function documented() {
  const table = README.slice(README.indexOf('## Public JS API'), README.indexOf('Attributes of the element'));
  const names = new Set();
  for (const row of table.split('\n').filter((l) => l.startsWith('| `'))) {
    const cell = row.split(' | ')[0];
    for (const m of cell.matchAll(/`([a-zA-Z]+)\(/g)) names.add(m[1]);
  }
  return names;
}

test('every operation has a known kind, and job operations name the core method that starts them', () => {
  for (const [name, op] of Object.entries(OPERATIONS)) {
    assert.ok(KINDS.includes(op.kind), `${name}: unknown kind ${op.kind}`);
    if (op.kind === 'job' && name !== 'cancelJob') assert.match(op.core ?? '', /^start[A-Z]/, `${name} names its start method`);
  }
});

test('the README documents exactly the public operations', () => {
  const docs = documented();
  const missing = PUBLIC_OPERATIONS.filter((n) => !docs.has(n));
  assert.deepEqual(missing, [], `operations missing from the README's table: ${missing.join(', ')}`);
  const unknown = [...docs].filter((n) => !(n in OPERATIONS));
  assert.deepEqual(unknown, [], `README rows with no operation in www/api.js: ${unknown.join(', ')}`);
});

test('arguments get their documented defaults before they reach the worker', () => {
  assert.deepEqual(workerArgs('boundary', []), [48, undefined]);
  assert.deepEqual(workerArgs('boundary', [24, { step: 5 }]), [24, 5]);
  assert.deepEqual(workerArgs('compareVersions', ['v1', 'current']), ['v1', 'current', 500, 40]);
  assert.deepEqual(workerArgs('labelIssues', [{ folds: 3 }]), [{ folds: 3 }]);
  assert.deepEqual(workerArgs('flag', [{ trigger: 'random', class: 2 }]), [{ trigger: 'random', class: 2 }]);
  assert.deepEqual(workerArgs('commit', [undefined]), ['']);
  assert.deepEqual(workerArgs('predict', [[[0, 0]]]), [[[0, 0]]], 'no args mapping: passed as given');
});
