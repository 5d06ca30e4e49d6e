// Where a playground's work comes from and goes: at start, a share link in the page's URL, the
// `src` attribute, the autosave, or a preset; after every change, the autosave (IndexedDB).

import { Autosave } from './autosave.js';

/** The link fragment a project travels in. */
const LINK = '#project=';

/**
 * Keeps one element's work: `element` is the `<sw2-playground>` (its `exportProject`,
 * `importProject`, `importLink`, `loadPreset`, `showMessage`); `client` the engine.
 */
export class Persistence {
  constructor(element, client) {
    this.element = element;
    this.client = client;
    this.ready = false;
    this.autosave = new Autosave(this.key, {
      onError: (text) => element.showMessage(text, 'error', { sticky: true }),
      onConflict: () => element.showMessage(
        'This playground was changed in another tab, so this tab stopped saving. Reload to continue from that work, or keep this tab\'s work and overwrite it.',
        'warning',
        { sticky: true, actions: [['Reload', () => location.reload()], ['Keep this tab\'s work', () => this.autosave.keepMine(() => this.snapshot())]] },
      ),
    });
    if (this.off) this.autosave.stop();
    const changed = () => this.changed();
    for (const type of ['weights', 'versions', 'engine']) client.addEventListener(type, changed);
    client.addEventListener('data', (e) => this.changed({ data: e.detail.data }));
    client.addEventListener('config', (e) => this.changed({ config: e.detail.config }));
    client.addEventListener('training', (e) => { if (!e.detail.running) changed(); });
  }

  /** The autosave key: `autosave-key`, else the element's id, else `default`. */
  get key() {
    return this.element.getAttribute('autosave-key') || this.element.id || 'default';
  }

  /** Whether the embedding page turned autosave off (`autosave="off"`). */
  get off() {
    return this.element.getAttribute('autosave') === 'off';
  }

  snapshot() {
    return this.element.exportProject();
  }

  /** Something changed (`part` of the source code, when known): journal it now, save the project soon. */
  changed(part) {
    if (!this.ready || this.off) return;
    const { names, rule } = this.element.pageState();
    this.autosave.note({ ...part, names, rule });
    this.autosave.schedule(() => this.snapshot());
  }

  /** Writes any pending autosave now; resolves when it is stored. */
  flush() {
    return this.autosave.flush(() => this.snapshot());
  }

  /**
   * Opens the first of: a share link in the page's URL (the first playground on the page only),
   * the `src` attribute (a project file's URL, a `#project=` link, or a preset name), the
   * autosave, the `preset` attribute (default `circle`). Anything unreadable is said and skipped.
   */
  async start() {
    const say = (text) => this.element.showMessage(text, 'error');
    const first = document.querySelector('sw2-playground') === this.element;
    const src = this.element.getAttribute('src');
    let opened = false;
    if (first && !src && location.hash.startsWith(LINK)) {
      opened = await this.element.importLink(location.hash).then(() => true, (e) => { say(`The link could not be opened: ${e.message}`); return false; });
      // The work now lives in the autosave: a reload must not reopen the link over later edits.
      history.replaceState(null, '', location.pathname + location.search);
    }
    if (!opened && src) opened = await this.openSource(src).then(() => true, (e) => { say(`Could not open ${src}: ${e.message}`); return false; });
    if (!opened && !this.off) opened = await this.restore();
    if (!opened) {
      const preset = this.element.getAttribute('preset') || 'circle';
      if (preset !== 'none') await this.element.loadPreset(preset, { n: 300, noise: 0.1, seed: 1 });
    }
    this.ready = true;
  }

  async openSource(src) {
    if (src.startsWith(LINK)) return this.element.importLink(src);
    if (!/[/.]/.test(src)) return this.element.loadPreset(src, { n: 300, noise: 0.1, seed: 1 });
    const res = await fetch(new URL(src, document.baseURI));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return this.element.importProject(new Uint8Array(await res.arrayBuffer()));
  }

  /**
   * The autosaved project, with the journal's newer source code on top (or, from an older
   * version, the journal alone); whether anything was opened.
   */
  async restore() {
    const saved = await this.autosave.load();
    if (!saved) return false;
    let opened = false;
    if (saved.bytes) {
      opened = await this.element.importProject(saved.bytes).then(() => true, (e) => {
        this.element.showMessage(`The autosaved work could not be opened (${e.message}); starting fresh.`, 'warning');
        return false;
      });
    }
    const j = saved.journal;
    if (!j) return opened;
    if (Array.isArray(j.names)) this.element.data.setNames(j.names);
    if (typeof j.rule === 'string') await this.client.setRule(j.rule);
    if (j.config && JSON.stringify(j.config) !== JSON.stringify(this.client.config)) {
      await this.client.configure(j.config).catch(() => this.client.configure({ backend: 'cpu' }));
    }
    const examples = j.data && (j.data.points || j.data.images || []);
    if (!examples || !examples.length) return opened;
    const current = await this.client.getData().catch(() => null);
    const same = current && JSON.stringify(current.points || current.images) === JSON.stringify(examples);
    if (same) return true;
    return this.client.setData(j.data).then(() => true, () => opened);
  }
}
