// The benchmark harness itself, in quick mode on two contenders: it must run on a fresh machine and
// write both result files. (Its numbers are not checked here: timings belong to `cargo xtask bench`.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/server.js';

test('cargo xtask bench\'s harness runs every kind of workload and writes JSON and markdown', { timeout: 600000 }, () => {
  const out = mkdtempSync(join(tmpdir(), 'sw2-bench-'));
  execFileSync('node', ['bench/run.js', '--quick', '--only', 'W1a,W1b,W2,W3,W4,W5,W6,W7', '--contenders', 'playground-cpu,convnetjs', '--out', `${out}/`],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  for (const w of ['W1a', 'W1b', 'W2']) {
    for (const c of ['playground-cpu', 'convnetjs']) {
      assert.ok(!results.workloads[w][c].error, `${w} ${c}: ${results.workloads[w][c].error}`);
    }
  }
  assert.ok(results.workloads.W1a['playground-cpu'].msPerStep > 0);
  assert.ok(results.workloads.W2['playground-cpu'].examplesPerSecond > 0);
  assert.ok(results.workloads.W3.cpu.bytesGzip > 0 && results.workloads.W3.cpu.firstStepMs > 0);
  assert.equal(results.workloads.W3.cpu.backend, 'cpu');
  assert.ok(results.workloads.W4['playground-cpu'].framesPerSecond > 0);
  const w5 = results.workloads.W5['playground-cpu'];
  assert.ok(!w5.error, w5.error);
  assert.ok(w5.spiral.labelIssuesMs > 0 && w5.digits.influenceMs > 0 && w5.digits.examples === 1500);
  for (const w of ['W6', 'W6cold', 'W7', 'W7cold']) {
    const row = results.workloads[w]['playground-cpu'];
    assert.ok(!row.error, `${w}: ${row.error}`);
    assert.ok(row.msPerStep > 0, `${w}: ${row.msPerStep}`);
  }
  assert.equal(results.workloads.W6.convnetjs, undefined, 'ConvNetJS runs no word program');
  assert.ok(Number.isFinite(results.workloads.W6['playground-cpu'].testLoss));
  const md = readFileSync(join(out, 'RESULTS.md'), 'utf8');
  assert.match(md, /## W1a/);
  assert.match(md, /## W5/);
  assert.match(md, /## W6/);
  assert.match(md, /## W7/);
  assert.match(md, /\| playground-cpu \|/);
  assert.match(md, /Chromium/);
});
