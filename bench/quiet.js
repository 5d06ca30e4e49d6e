// Timing on a shared machine. On 2 cores anything else that runs (a Rust build, a test suite, a
// second browser) slows a run by up to 2×, so a timed run starts only once the machine has been
// quiet for a while, and a run that other work overlapped is thrown away and run again. The guard
// only picks when to run: every contender gets the same protocol either way.
//
// Quiet means no `rustc` or `cargo` process, and processes outside this benchmark (its Node process
// and the browser it started) using under OTHERS_MAX of one core, read from /proc.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** How long the machine must have been quiet before a timed run starts. */
const QUIET_MS = 30000;
/** How often the guard looks, while it waits and while a run goes on. */
const POLL_MS = 500;
/** Other processes' share of one core that still counts as quiet (daemons, the kernel's threads). */
const OTHERS_MAX = 0.1;
/** A run overlapped this many times in a row is kept, and counted as disturbed. */
const MAX_TRIES = 20;
/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Whether a Rust build runs now (without `pgrep`: assume not). */
export function building() {
  for (const name of ['rustc', 'cargo']) {
    try {
      execFileSync('pgrep', ['-x', name], { stdio: 'ignore' });
      return true;
    } catch {
      // exit status 1: no such process
    }
  }
  return false;
}

/** Every process's parent and CPU time so far (ticks, all its threads): pid → `{ ppid, ticks }`. */
function processes() {
  const out = new Map();
  let names = [];
  try {
    names = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return out; // no /proc: only the build check applies
  }
  for (const name of names) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // it ended meanwhile
    }
  }
  return out;
}

/** Whether `pid` is this process or descends from it (the browser it launched). */
function ours(pid, table) {
  for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
    if (p === process.pid) return true;
    p = table.get(p)?.ppid ?? 0;
  }
  return false;
}

/**
 * Watches the machine: `load()` is the cores that other processes used since the previous look,
 * `busy()` whether the machine was busy at that look (a build, or others above OTHERS_MAX).
 */
function watcher() {
  let before = processes();
  let at = Date.now();
  return () => {
    const now = processes();
    const t = Date.now();
    let ticks = 0;
    for (const [pid, p] of now) {
      if (ours(pid, now)) continue;
      ticks += p.ticks - (before.get(pid)?.ticks ?? p.ticks);
    }
    const cores = ticks / TICKS_PER_S / Math.max(0.001, (t - at) / 1000);
    before = now;
    at = t;
    return building() || cores > OTHERS_MAX;
  };
}

/**
 * A guard for timed runs: `guard.run(f)` waits until the machine has been quiet for `quietMs`
 * (watched from the guard's start, so the first run always waits that long), runs `f`, and runs it
 * again if the machine was busy at any look meanwhile. `guard.log` says what it did:
 * `{ runs, redone, disturbed, waitedMs, quietMs }` (`disturbed`: runs kept after MAX_TRIES busy
 * tries). `off`: `f` runs once, unwatched. `stop()` ends the watching.
 */
export function quietGuard({ off = false, quietMs = QUIET_MS, say = () => {} } = {}) {
  const log = { runs: 0, redone: 0, disturbed: 0, waitedMs: 0, quietMs: off ? 0 : quietMs };
  let lastBusy = Date.now();
  const look = off ? null : watcher();
  const timer = off ? null : setInterval(() => { if (look()) lastBusy = Date.now(); }, POLL_MS);
  async function run(f) {
    log.runs += 1;
    if (off) return f();
    for (let attempt = 1; ; attempt++) {
      const t0 = Date.now();
      while (Date.now() - lastBusy < quietMs) await sleep(POLL_MS);
      log.waitedMs += Date.now() - t0;
      const start = Date.now();
      const result = await f();
      if (look()) lastBusy = Date.now();
      if (lastBusy < start) return result;
      if (attempt >= MAX_TRIES) {
        log.disturbed += 1;
        return result;
      }
      log.redone += 1;
      say(`the machine was busy during that run: it runs again (${attempt})`);
    }
  }
  return { run, log, stop: () => clearInterval(timer) };
}
