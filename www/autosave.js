// Autosave: the user's dataset and configuration survive reloads, kept in localStorage.

/** What was saved under `key`: `{ data?, config? }` (empty when nothing or unreadable). */
export function loadSaved(key) {
  try {
    const text = localStorage.getItem(key);
    const value = text ? JSON.parse(text) : {};
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

/** Merges `partial` into what is saved under `key`; storage failures (quota, privacy mode) are ignored. */
export function save(key, partial) {
  try {
    localStorage.setItem(key, JSON.stringify({ ...loadSaved(key), ...partial }));
  } catch {
    // Saving is a convenience; the playground keeps working without it.
  }
}
