// Where a W1a training call's time goes on the page: the CPU each browser thread used while the call
// ran (read from /proc, Linux), and with --trace the main thread's costliest events from a Chrome
// trace. On a 2-core machine a call is as fast as the CPU the worker gets: this is how the element's
// hidden panels, its grid paints and V8's background compilation showed up (NOTES.md, issue 23).
//
// Usage: node bench/trace.js [element|bare] [steps] [--warm] [--trace]
//   element: the `<sw2-playground>` of bench/element.html; bare: a `PlaygroundClient` (bench/index.html).
//   steps: one `train({ steps })` call (default 300). --warm: after the equal treatment's idle time and
//   untimed steps (default: right after load, as the cold row). --trace: a Chrome trace of the call too.

import { readdirSync, readFileSync } from 'node:fs';
import { serve } from '../tests/helpers/server.js';
import { launch } from '../tests/helpers/browser.js';
import { PROTOCOL } from './workloads.js';
import { W1A_CONFIG } from './startup.js';

const args = process.argv.slice(2);
const kind = args.find((a) => a === 'element' || a === 'bare') || 'element';
const steps = Number(args.find((a) => /^\d+$/.test(a)) || 300);
const warm = args.includes('--warm');
const tracing = args.includes('--trace');
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8', 'blink', 'cc', 'gpu', 'viz', 'blink.user_timing'];
/** Milliseconds per clock tick of /proc's CPU times (USER_HZ 100). */
const MS_PER_TICK = 10;

/** Whether `pid` descends from this process (the browser it launched, not another one on the machine). */
function ours(pid) {
  for (let p = Number(pid), hops = 0; p > 1 && hops < 64; hops++) {
    if (p === process.pid) return true;
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      p = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      return false;
    }
  }
  return false;
}

/** CPU time so far of every thread of this browser's processes: `pid/tid` → `{ name, ms }`. */
function threadTimes() {
  const out = new Map();
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n) && ours(n))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chrom')) continue;
      const type = (cmd.match(/--type=([a-z-]+)/) || [null, 'browser'])[1];
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const name = `${type}: ${stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))}`;
        out.set(`${pid}/${tid}`, { name, ms: (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK });
      }
    } catch {
      // the process or thread ended meanwhile
    }
  }
  return out;
}

/** Sums `value(row)` by `key(row)`; the `n` largest, largest first. */
function top(rows, key, value, n) {
  const sums = rows.reduce((m, r) => m.set(key(r), (m.get(key(r)) || 0) + value(r)), new Map());
  return [...sums.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
}

const server = await serve();
const browser = await launch();
try {
  const setup = await browser.newPage();
  await setup.goto(`${server.url}bench/index.html`);
  await setup.waitForFunction(() => window.bench);
  const { spiral } = await setup.evaluate(() => window.bench.datasets());
  await setup.close();

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}bench/${kind === 'element' ? 'element.html' : 'index.html'}`);
  await page.waitForFunction(() => window.bench || window.elementBench);
  await page.evaluate(async ([kind, payload, config, protocol]) => {
    if (kind === 'element') window.pg = document.getElementById('pg');
    else window.pg = new (await import('/www/client.js')).PlaygroundClient();
    await pg.ready;
    await pg.setData(payload);
    await pg.configure(config);
    if (protocol) {
      await new Promise((r) => setTimeout(r, protocol.idleMs));
      for (let done = 0; done < protocol.warmupSteps; done += 200) await pg.train({ steps: 200 });
      await pg.reset();
    }
  }, [kind, spiral.payload, W1A_CONFIG, warm ? PROTOCOL : null]);

  if (tracing) await browser.startTracing(page, { categories: CATEGORIES });
  const before = threadTimes();
  const ms = await page.evaluate(async (steps) => {
    performance.mark('sw2-train-start');
    const t0 = performance.now();
    await pg.train({ steps });
    const t1 = performance.now();
    performance.mark('sw2-train-end');
    return t1 - t0;
  }, steps);
  const after = threadTimes();
  const used = [...after].map(([id, t]) => ({ name: t.name, ms: t.ms - (before.get(id)?.ms ?? 0) })).filter((t) => t.ms > 0);

  console.log(`${kind}, ${warm ? 'after the equal treatment' : 'cold'}: train({ steps: ${steps} }) took ${ms.toFixed(1)} ms (${(ms / steps).toFixed(3)} ms/step)`);
  console.log(`CPU while it ran, by thread (ms; ${used.reduce((s, t) => s + t.ms, 0)} in all, ${MS_PER_TICK} ms ticks; "renderer: chromium" is the page's main thread):`);
  for (const [name, t] of top(used, (t) => t.name, (t) => t.ms, 10)) console.log(`  ${name.padEnd(40)} ${String(t).padStart(6)}`);

  if (tracing) {
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    const names = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
    const marks = events.filter((e) => e.name === 'sw2-train-start' || e.name === 'sw2-train-end').map((e) => e.ts);
    const inCall = events.filter((e) => e.ph === 'X' && e.ts >= Math.min(...marks) && e.ts <= Math.max(...marks));
    const main = inCall.filter((e) => names.get(`${e.pid}:${e.tid}`) === 'CrRendererMain');
    console.log('main thread, costliest trace events while it ran (wall ms, nested events counted in each):');
    for (const [name, d] of top(main, (e) => e.name, (e) => e.dur / 1000, 15)) console.log(`  ${name.padEnd(52)} ${d.toFixed(1).padStart(7)}`);
  }
} finally {
  await browser.close();
  await server.close();
}
