// Headless Chromium for the tests: Debian's browser, WebGPU enabled, no network chatter.

import { chromium } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const OUTPUT = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** Flags that keep Chromium quiet on a closed network and turn WebGPU on. */
export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-default-apps',
  '--no-sandbox',
];

/** The browser binary: $CHROMIUM, else Debian's. */
export function chromiumPath() {
  const path = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`Chromium not found at ${path}: run \`cargo xtask test\`, which installs it.`);
  return path;
}

/**
 * Launches headless Chromium. `SW2_EXTRA_FLAGS` adds flags for an experiment, e.g.
 * `--js-flags=--no-liftoff` (every wasm function optimized from the start: the steady-state speed).
 */
export function launch() {
  mkdirSync(OUTPUT, { recursive: true });
  const extra = process.env.SW2_EXTRA_FLAGS ? process.env.SW2_EXTRA_FLAGS.split(' ') : [];
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS, ...extra] });
}

/**
 * Opens the playground page; collects every request URL and console error so tests can check
 * that the page stays on its own origin and logs no errors.
 */
export async function openPlayground(browser, baseUrl, path = 'index.html') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('worker', (w) => w.on('console', (m) => m.type() === 'error' && errors.push(m.text())));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(baseUrl + path);
  await page.evaluate(() => document.querySelector('sw2-playground').ready);
  return { page, context, requests, errors };
}
