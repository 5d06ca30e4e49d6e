// The project file, the share link and the autosave in the browser: round trips that restore the
// same predictions, versions, diffs and timeline; a reload that restores everything; a full disk
// that is said out loud; two tabs that do not overwrite each other; and bad files and links refused.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTool, usePlayground } from './helpers/playground.js';
import { openPlayground } from './helpers/browser.js';

const s = usePlayground((page) => page.evaluate(() => document.querySelector('sw2-playground').configure({ backend: 'cpu' })));
const inPage = (fn, arg) => s.page.evaluate(fn, arg);

/** Builds an experiment with two commits and a timeline; returns what a person would notice. */
const buildExperiment = () => inPage(async () => {
  const pg = document.querySelector('sw2-playground');
  await pg.loadPreset('moons', { n: 120, noise: 0.2, seed: 3 });
  await pg.configure({ hidden: [6, 6], seed: 2 });
  const a = await pg.commit('the moons');
  await pg.relabel([{ index: 0, label: 1 - (await pg.getData()).points[0].label }]);
  const b = await pg.commit('one relabelled');
  await pg.train({ steps: 80 });
  window.ids = [a, b];
});

/** Predictions, versions, the diff and the timeline of the element on `page`. */
const fingerprint = (page) => page.evaluate(async () => {
  const pg = document.querySelector('sw2-playground');
  const versions = (await pg.versions()).map((v) => [v.id, v.message, v.hash]);
  const [a, b] = versions.map((v) => v[0]);
  const history = await pg.history();
  return {
    grid: Array.from((await pg.boundary(24)).probabilities),
    early: Array.from((await pg.boundary(12, { step: history[3] })).probabilities),
    versions,
    diff: await pg.diff(a, b),
    history,
    step: (await pg.evaluate()).step,
    data: await pg.getData(),
  };
});

test('a project file opens elsewhere with the same predictions, versions, diff and timeline', async () => {
  await buildExperiment();
  const bytes = await inPage(async () => Array.from(await document.querySelector('sw2-playground').exportProject()));
  assert.deepEqual(bytes.slice(0, 7), [...Buffer.from('SW2PROJ')]);
  const want = await fingerprint(s.page);
  const other = await openPlayground(s.browser, s.server.url, 'index.html?other');
  await other.page.evaluate(async (b) => {
    const pg = document.querySelector('sw2-playground');
    await pg.configure({ backend: 'cpu' });
    await pg.importProject(new Uint8Array(b));
  }, bytes);
  assert.deepEqual(await fingerprint(other.page), want);
  await other.context.close();
});

test('a share link opens the experiment in a fresh page, and too large a project says to use the file', async () => {
  await buildExperiment();
  const link = await inPage(() => document.querySelector('sw2-playground').exportLink());
  assert.match(link, /#project=[A-Za-z0-9_-]+$/);
  const want = await fingerprint(s.page);
  const other = await openPlayground(s.browser, s.server.url, `index.html?fresh${link.slice(link.indexOf('#'))}`);
  const got = await fingerprint(other.page);
  assert.deepEqual([got.grid, got.versions, got.diff, got.step, got.data], [want.grid, want.versions, want.diff, want.step, want.data]);
  assert.equal(await other.page.evaluate(() => location.hash), '', 'the link leaves the URL once opened');
  await other.context.close();
  const tooLarge = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('digits');
    await pg.configure({ hidden: [128] });
    return pg.exportLink().then(() => 'made a link', (e) => e.message);
  });
  assert.match(tooLarge, /too large for a link .* save the project file instead/);
});

test('ten kinds of broken or hostile files and links are refused with their reason, and nothing changes', async () => {
  await buildExperiment();
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    const good = await pg.exportProject();
    const before = JSON.stringify([await pg.getData(), await pg.versions(), Array.from((await pg.boundary(8)).probabilities)]);
    const truncated = good.slice(0, good.length - 100);
    const flipped = good.slice();
    flipped[Math.floor(good.length / 2)] ^= 1;
    const newer = good.slice();
    newer[8] = 9;
    const b64 = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const deflate = async (bytes) => new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
    const bomb = await deflate(new Uint8Array(40 << 20));
    const files = {
      empty: new Uint8Array(0),
      image: new TextEncoder().encode('\u0089PNG not a project at all'),
      truncated,
      flipped,
      newer,
      notBytes: 'a string',
    };
    const links = {
      garbage: '#project=%%%not-base64%%%',
      notDeflate: `#project=${b64(new TextEncoder().encode('hello, world'))}`,
      bomb: `#project=${b64(bomb)}`,
      nothing: '#other=1',
      huge: `#project=${'A'.repeat(70 * 1024)}`,
    };
    const out = {};
    for (const [k, v] of Object.entries(files)) out[k] = await pg.importProject(v).then(() => 'opened', (e) => e.message);
    for (const [k, v] of Object.entries(links)) out[k] = await pg.importLink(v).then(() => 'opened', (e) => e.message);
    const after = JSON.stringify([await pg.getData(), await pg.versions(), Array.from((await pg.boundary(8)).probabilities)]);
    return { out, same: before === after };
  });
  const expect = {
    empty: /too short/, image: /SW2PROJ/, truncated: /checksum/, flipped: /damaged/, newer: /newer playground/,
    notBytes: /Uint8Array/, garbage: /base64/, notDeflate: /not compressed data/, bomb: /inflates to more than/,
    nothing: /no '#project=' part/, huge: /links hold up to 64 kB/,
  };
  for (const [k, re] of Object.entries(expect)) assert.match(r.out[k], re, k);
  assert.ok(r.same, 'the session is as it was');
});

test('a reload restores everything from IndexedDB: data, versions, weights and timeline', async () => {
  await buildExperiment();
  const want = await fingerprint(s.page);
  await inPage(() => document.querySelector('sw2-playground').persistence.flush());
  await s.page.reload();
  await s.page.evaluate(() => document.querySelector('sw2-playground').ready);
  assert.deepEqual(await fingerprint(s.page), want);
});

test('a full disk is said out loud and the page keeps working', async () => {
  // A fresh page with a small quota for the site, filled for real with junk, as a full disk would be.
  const fresh = await openPlayground(s.browser, s.server.url);
  const inFresh = (fn, arg) => fresh.page.evaluate(fn, arg);
  const cdp = await fresh.context.newCDPSession(fresh.page);
  const origin = s.server.url.replace(/\/$/, '');
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 6 * 2 ** 20 });
  const filled = await inFresh(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('filler', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('junk');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    // Big pieces until one no longer fits, then smaller ones into the gap it left (a project
    // file smaller than the last big piece would otherwise still fit, now and then).
    let stored = 0;
    let key = 0;
    for (const size of [256 * 1024, 16 * 1024, 1024]) {
      for (let i = 0; i < 400; i++) {
        const ok = await new Promise((resolve) => {
          const tx = db.transaction('junk', 'readwrite');
          tx.objectStore('junk').put(new Uint8Array(size).map(() => Math.random() * 256), key++);
          tx.oncomplete = () => resolve(true);
          tx.onabort = () => resolve(false);
          tx.onerror = () => resolve(false);
        });
        if (!ok) break;
        stored += size;
      }
    }
    db.close();
    return stored;
  });
  assert.ok(filled < 6 * 2 ** 20, `the quota was reached (${filled} bytes stored)`);
  const r = await inFresh(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('digits');
    await pg.train({ steps: 20 });
    await pg.persistence.flush();
    const message = pg.shadowRoot.querySelector('.message');
    const m = await pg.train({ steps: 5 });
    return { text: message.hidden ? '' : message.textContent, kind: message.dataset.kind, step: m.step };
  });
  await inFresh(() => new Promise((done) => { const del = indexedDB.deleteDatabase('filler'); del.onsuccess = done; del.onerror = done; del.onblocked = done; }));
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await fresh.context.close();
  assert.match(r.text, /Autosave failed: the browser has no room left .* save the project file/);
  assert.equal(r.kind, 'error');
  assert.equal(r.step, 25, 'training goes on');
});

test('two tabs on one autosave key do not silently overwrite each other', async () => {
  await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('circle', { n: 50 });
    await pg.persistence.flush();
  });
  // A second tab of the same site (same browser profile, same IndexedDB) saves its own work.
  const tab2 = await s.context.newPage();
  await tab2.goto(`${s.server.url}index.html`);
  await tab2.evaluate(() => document.querySelector('sw2-playground').ready);
  await tab2.evaluate(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('xor', { n: 40 });
    await pg.persistence.flush();
  });
  // The first tab goes on editing: it must not overwrite the second tab's save, and says so.
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('moons', { n: 30 });
    await pg.persistence.flush();
    const m = pg.shadowRoot.querySelector('.message');
    return { text: m.textContent, buttons: [...m.querySelectorAll('button')].map((b) => b.textContent) };
  });
  assert.match(r.text, /changed in another tab/);
  assert.ok(r.buttons.includes('Reload') && r.buttons.includes('Keep this tab\'s work'), r.buttons.join());
  await tab2.close();
  const tab3 = await s.context.newPage();
  await tab3.goto(`${s.server.url}index.html`);
  const saved = await tab3.evaluate(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.ready;
    return (await pg.getData()).points.length;
  });
  assert.equal(saved, 40, 'a new tab finds the second tab\'s work');
  await tab3.close();
});

test('on the page: Save project downloads a file, Open project and a drop open it, Embed gives the snippet', async () => {
  const root = s.page.locator('sw2-playground');
  await buildExperiment();
  const want = await fingerprint(s.page);
  await openTool(s.page, 'project');
  await root.locator('.project-controls').scrollIntoViewIfNeeded();
  const [download] = await Promise.all([s.page.waitForEvent('download'), root.locator('button', { hasText: 'Save project' }).click()]);
  assert.equal(download.suggestedFilename(), 'experiment.sw2');
  const path = await download.path();
  await inPage(() => document.querySelector('sw2-playground').loadPreset('xor', { n: 30 }));
  const saved = (await import('node:fs')).readFileSync(path);
  await root.locator('input[name=project-file]').setInputFiles({ name: 'experiment.sw2', mimeType: 'application/octet-stream', buffer: saved });
  await s.page.waitForFunction(() => /Opened experiment\.sw2/.test(document.querySelector('sw2-playground').shadowRoot.querySelector('.message').textContent));
  assert.deepEqual(await fingerprint(s.page), want);
  // A file dropped anywhere on the playground opens too.
  const bytes = [...saved];
  await inPage(() => document.querySelector('sw2-playground').loadPreset('xor', { n: 30 }));
  await s.page.evaluate((b) => {
    const pg = document.querySelector('sw2-playground');
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(b)], 'dropped.sw2'));
    const target = pg.shadowRoot.querySelector('.metrics-panel');
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
  }, bytes);
  await s.page.waitForFunction(() => /Opened dropped\.sw2/.test(document.querySelector('sw2-playground').shadowRoot.querySelector('.message').textContent));
  assert.deepEqual((await fingerprint(s.page)).grid, want.grid);
  await root.locator('button', { hasText: 'Embed' }).click();
  await s.page.waitForFunction(() => document.querySelector('sw2-playground').shadowRoot.querySelector('textarea.snippet').value.length > 0);
  const snippet = await root.locator('textarea.snippet').inputValue();
  assert.match(snippet, /<script type="module" src="http:\/\/127\.0\.0\.1:\d+\/www\/sw2-playground\.js"><\/script>\n<sw2-playground src="#project=[A-Za-z0-9_-]+"><\/sw2-playground>/);
  await root.locator('.share-dialog button', { hasText: 'Close' }).click();
});

test('no console errors and no request outside the page\'s own files', () => {
  const foreign = s.requests.filter((u) => !u.startsWith(s.server.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
  assert.deepEqual(s.errors, []);
});
