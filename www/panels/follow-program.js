// Keeping a view of a word program current: it asks the core again after new data, a new
// configuration, new weights or a restart, when training stops, and on a clock of its own while
// training runs (progress reports can be seconds apart on a long word list). A call made while one
// is out becomes one more call afterwards, never a queue. Out of sight (another tab, a panel the page
// hides) it asks nothing, and catches up when it comes into view.

/**
 * Follows `client` for the view `element` whose `draw()` asks the core and draws (async); `everyMs`
 * is how often while training. Returns `{ refresh, setActive }`: nothing is asked while inactive;
 * waking up asks at once.
 */
export function followProgram(client, element, draw, { everyMs }) {
  let active = false;
  let busy = false;
  let again = false;
  let stale = false;
  let last = 0;
  let clock = 0;

  const seen = () => element.checkVisibility?.() ?? element.offsetParent !== null;
  new IntersectionObserver((entries) => {
    if (stale && entries.some((e) => e.isIntersecting)) refresh();
  }).observe(element);

  async function refresh() {
    if (!active) return;
    stale = !seen();
    if (stale) return;
    if (busy) { again = true; return; }
    busy = true;
    last = performance.now();
    try {
      await draw();
    } finally {
      busy = false;
      if (again) { again = false; refresh(); }
    }
  }

  client.addEventListener('training', (e) => {
    clearInterval(clock);
    if (e.detail.running) clock = setInterval(() => { if (performance.now() - last >= everyMs) refresh(); }, everyMs / 4);
    else refresh();
  });
  for (const type of ['data', 'config', 'weights', 'restarted']) client.addEventListener(type, () => refresh());

  return {
    refresh,
    /** Whether the data is a word list: only then does the view ask the core anything. */
    setActive(on) {
      const woke = on && !active;
      active = on;
      if (woke) refresh();
    },
  };
}
