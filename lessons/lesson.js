// What every lesson page shares: the list of lessons, the progress kept on this device
// (localStorage, no account, no server), the previous/next navigation, the task box that turns
// green when its check passes, and a keyboard way to add points for people without a mouse.
// Every number a check compares comes from the playground's API (the Rust core); this file only
// schedules checks and shows their answers.

/** The lessons, in order: page slug (the `<n>-<slug>.html` file and the progress key), title, minutes. */
export const LESSONS = [
  { slug: '1-two-ways', title: 'Two ways to write a program', minutes: 5 },
  { slug: '2-dataset-is-source', title: 'The dataset is the source code', minutes: 3 },
  { slug: '3-training-is-compiler', title: 'Training is the compiler', minutes: 4 },
  { slug: '4-weights-are-binary', title: 'The weights are the binary', minutes: 4 },
  { slug: '5-debugging-is-data', title: 'Debugging is data collection', minutes: 4 },
  { slug: '6-data-engine', title: 'The data engine', minutes: 4 },
  { slug: '7-bias-in-data', title: 'Bias lives in the data', minutes: 3 },
  { slug: '8-software-3', title: 'Software 3.0: the prompt is the program', minutes: 5 },
  { slug: '9-writes-names', title: 'A program that writes names', minutes: 6 },
];

const KEY = 'sw2-lessons-progress';
const TIMER_MS = 1500;
const PROGRESS_EVERY_MS = 1000;

/** `{ [slug]: { done: true, at } }`: what this device remembers. Never throws (private mode, full disk). */
export function loadProgress() {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) || '{}');
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

function saveDone(slug) {
  try {
    const all = loadProgress();
    if (!all[slug]) all[slug] = { done: true, at: new Date().toISOString() };
    localStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    // Nothing to do: progress is a convenience; the lesson itself still works.
  }
}

/** `h('p', { class: 'x' }, 'text', child)`: a small element builder (no inline styles: the CSP forbids them). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** Sets the text of element `id`, only when it changed (so screen readers are not told twice). */
export function say(id, text) {
  const el = typeof id === 'string' ? document.getElementById(id) : id;
  if (el && el.textContent !== text) el.textContent = text;
}

/** A share as "87.5 %" (or "–" when there is none). */
export const pct = (v) => (v === null || v === undefined || Number.isNaN(v) ? '–' : `${(v * 100).toFixed(1)} %`);

/** Fills `<nav class="lesson-nav">` with previous, all lessons, next. */
function buildNav(slug) {
  const i = LESSONS.findIndex((l) => l.slug === slug);
  const link = (l, rel, text) => h('a', { href: `${l.slug}.html`, rel }, text);
  for (const nav of document.querySelectorAll('nav.lesson-nav')) {
    nav.replaceChildren(
      i > 0 ? link(LESSONS[i - 1], 'prev', `← ${i}. ${LESSONS[i - 1].title}`) : h('span'),
      h('a', { href: 'index.html' }, 'All lessons'),
      i < LESSONS.length - 1 ? link(LESSONS[i + 1], 'next', `${i + 2}. ${LESSONS[i + 1].title} →`) : h('a', { href: '../index.html' }, 'Open the playground →'),
    );
  }
}

/** Calls `fn` after each of the element's (and its client's) events in `types`. */
function listen(pg, types, fn) {
  for (const type of types) {
    pg.addEventListener(type, fn);
    pg.client?.addEventListener(type, fn);
  }
}

/**
 * Starts a lesson's task. `id` is the page's slug; `check()` resolves true when the task is met
 * (it may throw before the playground is ready: that counts as not yet) and may refresh the
 * page's readouts as it goes; `playgrounds` are the elements whose events re-run it; `ready` is
 * the lesson's own setup (a failure is shown in the task box).
 * The check also runs every 1.5 s; once it passes the box turns green, stays so, and the device
 * remembers. Exposes `window.sw2Lesson = { id, done, doneBefore, check(), ready }` for tests.
 */
export function startLesson({ id, check, playgrounds = [], ready = Promise.resolve() }) {
  buildNav(id);
  const box = document.querySelector('.task');
  const state = box.querySelector('.task-state');
  const doneBefore = Boolean(loadProgress()[id]);
  const api = { id, done: false, doneBefore, check: () => run(), ready };
  window.sw2Lesson = api;
  if (doneBefore) box.querySelector('.task-before')?.removeAttribute('hidden');

  let running = null;
  let again = false;
  async function once() {
    if (failed) return false;
    let ok = false;
    try {
      ok = Boolean(await check());
    } catch {
      ok = false; // not ready, not trained yet: not done
    }
    if (ok && !api.done) {
      api.done = true;
      box.classList.add('done');
      state.textContent = '✓ Done. Well done — the next lesson is linked below.';
      saveDone(id);
    }
    return api.done;
  }
  /**
   * Runs the check now (coalescing calls that arrive while one runs); resolves whether the task is
   * done. It keeps running after the task is met, so the lesson's readouts stay live.
   */
  function run() {
    if (running) {
      again = true;
      return running;
    }
    running = once().finally(() => {
      running = null;
      if (again) {
        again = false;
        run();
      }
    });
    return running;
  }

  let lastProgress = 0;
  for (const pg of playgrounds) {
    listen(pg, ['weights', 'rule', 'engine', 'data', 'config', 'diverged', 'training'], () => run());
    pg.addEventListener('progress', () => {
      if (performance.now() - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = performance.now();
        run();
      }
    });
  }
  setInterval(() => run(), TIMER_MS);
  let failed = null;
  Promise.all([ready, ...playgrounds.map((pg) => pg.ready)]).then(() => run(), (e) => {
    failed = e;
    state.textContent = `This lesson could not start: ${e.message}`;
  });
  return api;
}

/**
 * Marks one item of a task's checklist (`<li data-step="name">`) as met or not, with a sign that
 * does not rely on colour alone.
 */
export function setStep(name, met) {
  const li = document.querySelector(`.steps [data-step="${name}"]`);
  if (!li) return;
  li.classList.toggle('met', Boolean(met));
  li.querySelector('.mark').textContent = met ? '✓' : '○';
  li.querySelector('.sr-state').textContent = met ? ' (met)' : ' (not yet)';
}

/**
 * Adds, inside `container`, a small form to add a point by keyboard: x, y, class, "Add point".
 * The point goes in through the API credited to `hand`, like a painted one.
 */
export function keyboardAdder(pg, container, { classes = [[0, 'orange (0)'], [1, 'blue (1)']] } = {}) {
  const num = (name, label, value) => h('label', {}, label, h('input', { type: 'number', name, min: -1, max: 1, step: 0.05, value }));
  const x = num('kb-x', 'x ', '0');
  const y = num('kb-y', 'y ', '0');
  const cls = h('select', { name: 'kb-class' }, classes.map(([v, t]) => h('option', { value: v }, t)));
  const note = h('span', { class: 'kb-note', role: 'status' });
  const add = h('button', { type: 'submit' }, 'Add point');
  const form = h('form', { class: 'kb-adder' }, x, y, h('label', {}, 'class ', cls), add, note);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const p = { x: Number(x.querySelector('input').value), y: Number(y.querySelector('input').value), label: Number(cls.value) };
    try {
      const { points = [] } = await pg.getData();
      await pg.setData({ points: [...points, p], origin: 'hand' });
      note.textContent = `Added (${p.x}, ${p.y}) as class ${p.label}.`;
    } catch (err) {
      note.textContent = err.message;
    }
  });
  container.append(h('details', { class: 'kb' }, h('summary', {}, 'No mouse? Add points with the keyboard'), form));
}
