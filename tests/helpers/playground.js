// One served repo, one browser and one open playground page per test file, torn down afterwards.

import { before, after } from 'node:test';
import { serve } from './server.js';
import { launch, openPlayground } from './browser.js';

/**
 * Registers the file's `before`/`after` hooks and returns a handle whose fields fill in once
 * `before` ran: `server` (with `url`), `browser`, `page`, `requests`, `errors`. `setup(page)` runs
 * in `before`, after the page is ready.
 */
export function usePlayground(setup) {
  const handle = {};
  before(async () => {
    handle.server = await serve();
    handle.browser = await launch();
    Object.assign(handle, await openPlayground(handle.browser, handle.server.url));
    if (setup) await setup(handle.page);
  });
  after(async () => {
    await handle.browser?.close();
    await handle.server?.close();
  });
  return handle;
}

/** Opens tool `id` (`data`, `network`, `program`, `debug`, …) in the workbench's tabs. */
export function openTool(page, id) {
  return page.locator(`sw2-playground [role=tab][data-tab=${id}]`).click();
}

/** How long `eventually` waits between two checks. */
const POLL_MS = 50;

/**
 * Waits until `condition(arg)`, run in the page, resolves truthy, and returns that value; throws
 * after `timeout` ms. Not `page.waitForFunction`: it does not await a predicate's promise but takes
 * the promise itself for a truthy answer, so an async condition returns after one check.
 */
export async function eventually(page, condition, arg, { timeout = 30000 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(condition, arg);
    if (value) return value;
    if (Date.now() > end) throw new Error(`still false after ${timeout} ms: ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
