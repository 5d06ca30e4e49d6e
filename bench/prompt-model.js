// The shipped prompt model in a tab: how long from a ready page to the first answer —
// `loadPreset('prompts')` (fetch, gunzip, open the project) then `complete('reverse: plan =>')` —
// and how long training it would take here. A measurement, not a test:
//
//   node bench/prompt-model.js [--runs 5] [--steps 100]   (--steps 0: the load figures alone)
//
// Cold: a fresh browser context (empty HTTP cache, a new worker) per run. Warm: the same page
// loading it again. Then, on one page, 20 untimed training steps of the
// shipped model and `--steps` timed ones: ms/step in the tab, times the steps the shipped model
// trained natively, is how long the tab would take. Median and range of the runs, one JSON line.

import { serve } from '../tests/helpers/server.js';
import { launch, openPlayground } from '../tests/helpers/browser.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const runs = arg('runs', 5);
const timedSteps = arg('steps', 100);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(timedSteps) || timedSteps < 0) {
  console.error('prompt-model: --runs takes a positive whole number, --steps a whole number (0: no training row)');
  process.exit(1);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs) => [Math.min(...xs), Math.max(...xs)];

/** ms from a ready page to the first answer, twice on one page: cold, then warm. */
async function firstAnswer(page) {
  return page.evaluate(async () => {
    const pg = document.querySelector('sw2-playground');
    const once = async () => {
      const t0 = performance.now();
      await pg.loadPreset('prompts');
      const done = await pg.complete('reverse: plan =>');
      return { ms: performance.now() - t0, text: done.text };
    };
    await pg.configure({ backend: 'cpu' });
    const cold = await once();
    const warm = await once();
    return { cold, warm };
  });
}

/** ms/step of the shipped model training in one tab, and how long its steps would take there. */
async function tabTraining(browser) {
  const { page } = await openPlayground(browser, server.url);
  const training = await page.evaluate(async (steps) => {
    const pg = document.querySelector('sw2-playground');
    await pg.configure({ backend: 'cpu' });
    await pg.loadPreset('prompts');
    const trained = (await pg.evaluate()).step;
    await pg.train({ steps: 20 });
    const t0 = performance.now();
    await pg.train({ steps });
    return { trained, msPerStep: (performance.now() - t0) / steps };
  }, timedSteps);
  return {
    tabMsPerStep: training.msPerStep,
    shippedSteps: training.trained,
    tabMinutesForShippedSteps: (training.msPerStep * training.trained) / 60_000,
  };
}

const server = await serve();
const browser = await launch();
try {
  const cold = [];
  const warm = [];
  let answer = null;
  for (let r = 0; r < runs; r++) {
    const { page, context } = await openPlayground(browser, server.url);
    const t = await firstAnswer(page);
    cold.push(t.cold.ms);
    warm.push(t.warm.ms);
    answer = t.cold.text;
    await context.close();
  }
  const load = {
    answer,
    coldMs: { median: median(cold), range: range(cold), runs: cold },
    warmMs: { median: median(warm), range: range(warm), runs: warm },
  };
  const training = timedSteps > 0 ? await tabTraining(browser) : {};
  console.log(JSON.stringify({ ...load, ...training }));
} finally {
  await browser.close();
  await server.close();
}
