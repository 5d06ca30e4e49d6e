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
