// The playground through its element, as a lesson's script drives it (bench/element.html): the
// cold row (the first W1a steps right after `ready`) and a script's `train({ steps: 70 })` calls
// after the same treatment every contender gets. run.js calls `window.elementBench`.

import { W1A_CONFIG, timeCalls } from './startup.js';
import { sleep, untimedSteps } from './workloads.js';

const pg = document.getElementById('pg');

window.elementBench = {
  /** Right after `ready`: the data, W1a's configuration, then `train({ steps })` timed (one call). */
  async cold(payload, { steps }) {
    const t0 = performance.now();
    await pg.ready;
    const t1 = performance.now();
    await pg.setData(payload);
    await pg.configure(W1A_CONFIG);
    const t2 = performance.now();
    await pg.train({ steps });
    const t3 = performance.now();
    return { msPerStep: (t3 - t2) / steps, steps, loadMs: t1 - t0, buildMs: t2 - t1, trainMs: t3 - t2, doneSinceNavigationMs: t3,
      readySinceNavigationMs: t1, testAccuracy: (await pg.evaluate()).testAccuracy };
  },

  /** After the idle time and the untimed steps, `calls` calls of `train({ steps })` through the element. */
  async calls(payload, { protocol, calls, steps }) {
    await pg.ready;
    await pg.setData(payload);
    await pg.configure(W1A_CONFIG);
    await sleep(protocol.idleMs);
    const warmupSteps = await untimedSteps({ steps: (k) => pg.train({ steps: k }) }, protocol.warmupSteps, protocol.warmupCapMs);
    await pg.reset();
    return { ...(await timeCalls((k) => pg.train({ steps: k }), { calls, steps })), warmupSteps };
  },
};
