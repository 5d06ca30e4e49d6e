// Autosave: the whole project — dataset, versions, configuration, weights, timeline — kept in
// IndexedDB after every change (debounced, written off the critical path), so a reload puts the
// page back where it was. A failed save is reported, never swallowed, and two tabs on one key do
// not silently overwrite each other's work.
//
// IndexedDB writes are asynchronous, and a reload right after an edit can cut one off. So the
// source code itself — the dataset, the configuration and the class names — is also written
// synchronously to a small journal in localStorage at every change; a journal newer than the
// saved project is applied on top of it when the page comes back.

const DB_NAME = 'sw2-playground';
const STORE = 'projects';
const SAVE_DELAY_MS = 800; // quiet time after the last change before writing

/** The one database, opened once per page. */
let dbPromise = null;
function database() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const open = indexedDB.open(DB_NAME, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(STORE);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
      open.onblocked = () => reject(new Error('the autosave database is blocked by another tab'));
    });
    dbPromise.catch(() => { dbPromise = null; });
  }
  return dbPromise;
}

/** Runs `fn(store)` in a transaction; resolves with what its last request produced. */
async function transact(mode, fn) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    let result;
    const request = fn(tx.objectStore(STORE), (r) => { result = r; });
    if (request) request.onsuccess = () => { result = request.result; };
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error('the autosave transaction was aborted'));
  });
}

/** A sentence a person can act on, for a failed save. */
function explain(error) {
  const name = error && error.name;
  if (name === 'QuotaExceededError') {
    return 'Autosave failed: the browser has no room left for this playground. Your work is still here — save the project file (⤓ Save project) to keep it, then free some space.';
  }
  return `Autosave failed (${error && error.message ? error.message : error}). Your work is still here — save the project file (⤓ Save project) to keep it.`;
}

/**
 * The autosave of one playground under `key`. Hooks: `onError(message)` when a save fails,
 * `onConflict()` when another tab saved newer work under the same key (this tab then stops saving
 * until `keepMine()`).
 */
export class Autosave {
  constructor(key, { onError, onConflict }) {
    this.key = key;
    this.onError = onError;
    this.onConflict = onConflict;
    this.tab = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    this.revision = 0; // the revision this tab last loaded or wrote
    this.timer = null;
    this.paused = false;
    this.writing = Promise.resolve();
  }

  get journalKey() {
    return `sw2-playground:${this.key}`;
  }

  /**
   * What was saved: `{ bytes, savedAt }` (a project file) and `journal` (`{ data, config, names,
   * at }`, the last edit's source code, or what an older version kept), or `null` for nothing.
   */
  async load() {
    let saved = null;
    try {
      const record = await transact('readonly', (store) => store.get(this.key));
      if (record && record.bytes) {
        this.revision = record.revision;
        saved = { bytes: new Uint8Array(record.bytes), savedAt: record.savedAt, tab: record.tab };
      }
    } catch (e) {
      this.onError(`Autosave could not be read (${e.message}); starting fresh.`);
    }
    let journal = null;
    try {
      const value = JSON.parse(localStorage.getItem(this.journalKey) || 'null');
      journal = value && typeof value === 'object' ? value : null;
    } catch {
      journal = null;
    }
    if (!saved && !journal) return null;
    // A journal counts only on top of the project it was written after, by the tab that saved it
    // or on the revision it knew: another tab's later edits are not applied over newer work.
    const fresh = journal && (!saved || ((journal.at || 0) > saved.savedAt && (journal.tab === saved.tab || journal.basedOn === this.revision)));
    return { ...(saved || {}), journal: fresh ? journal : null };
  }

  /**
   * Notes the latest source code (`{ data?, config?, names? }`, merged into the journal) at once,
   * synchronously. A full localStorage only costs the journal, which the project save covers.
   */
  note(part) {
    if (this.paused) return;
    try {
      const current = JSON.parse(localStorage.getItem(this.journalKey) || '{}') || {};
      localStorage.setItem(this.journalKey, JSON.stringify({ ...current, ...part, at: Date.now(), tab: this.tab, basedOn: this.revision }));
    } catch {
      try { localStorage.removeItem(this.journalKey); } catch { /* storage unavailable */ }
    }
  }

  /** Saves `snapshot()` (a promise of project bytes) once the changes settle. */
  schedule(snapshot) {
    if (this.paused) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.writing = this.writing.then(() => this.write(snapshot)).catch(() => {});
    }, SAVE_DELAY_MS);
  }

  async write(snapshot) {
    if (this.paused) return;
    let bytes;
    try {
      bytes = await snapshot();
    } catch {
      return; // nothing to save yet (no data)
    }
    try {
      let conflict = false;
      await transact('readwrite', (store, done) => {
        const get = store.get(this.key);
        get.onsuccess = () => {
          const current = get.result;
          if (current && current.tab !== this.tab && current.revision !== this.revision) {
            conflict = true;
            return;
          }
          const revision = (current ? current.revision : 0) + 1;
          store.put({ bytes, revision, tab: this.tab, savedAt: Date.now() }, this.key);
          this.revision = revision;
          done(revision);
        };
      });
      if (conflict) {
        this.paused = true;
        this.onConflict();
      }
    } catch (e) {
      this.onError(explain(e));
    }
  }

  /** After a conflict: this tab's work overwrites the other's at the next change (and now). */
  keepMine(snapshot) {
    this.paused = false;
    this.revision = -1;
    return this.write(async () => {
      const bytes = await snapshot();
      const record = await transact('readonly', (store) => store.get(this.key));
      this.revision = record ? record.revision : 0;
      return bytes;
    });
  }

  /** Stops saving for good (`autosave="off"`, or the element is removed). */
  stop() {
    this.paused = true;
    clearTimeout(this.timer);
  }

  /** Resolves when the pending write, if any, has finished (for tests and page unload). */
  async flush(snapshot) {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.writing = this.writing.then(() => this.write(snapshot));
    }
    return this.writing;
  }
}
