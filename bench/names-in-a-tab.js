// How low a word program's test loss gets within a few minutes of training in one tab, as a person
// would train it: the page's element, makemore's names from the preset, one press of Train (an
// open-ended `train()`), `pause()` when the time is up, then `evaluate()`. The worker's own
// progress evaluations run inside that time, as they do on the page. A measurement, not a test:
//
//   node bench/names-in-a-tab.js [--minutes 10] [--architecture transformer] [--batch 32] [--lr 5e-4] [--seed 1]
//     [--cosine STEPS] [--decay 0.01]
//
// `--cosine` sets the rate schedule (a cosine decay over that many steps), `--decay` AdamW's weight decay.
//
// Prints the progress events' losses as training goes and the final figures as one JSON line.

import { serve } from '../tests/helpers/server.js';
import { launch, openPlayground } from '../tests/helpers/browser.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : process.argv[i + 1];
};
const minutes = Number(arg('minutes', 10));
const settings = {
  architecture: arg('architecture', 'transformer'),
  batchSize: Number(arg('batch', 32)),
  ...(arg('lr') ? { learningRate: Number(arg('lr')) } : {}),
  ...(arg('cosine') ? { schedule: { kind: 'cosine', steps: Number(arg('cosine')) } } : {}),
  ...(arg('decay') ? { weightDecay: Number(arg('decay')) } : {}),
  seed: Number(arg('seed', 1)),
  backend: 'cpu',
};
if (!(minutes > 0) || !(settings.batchSize > 0)) {
  console.error('names-in-a-tab: --minutes and --batch take positive numbers');
  process.exit(1);
}

const server = await serve();
const browser = await launch();
try {
  const { page, errors } = await openPlayground(browser, server.url);
  await page.evaluate(async (config) => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('names');
    await pg.configure(config);
    window.namesLog = [];
    const started = performance.now();
    pg.addEventListener('progress', (e) => {
      const { step, trainLoss, testLoss } = e.detail;
      window.namesLog.push({ s: (performance.now() - started) / 1000, step, trainLoss, testLoss });
    });
    window.namesStarted = started;
    window.namesRun = pg.train();
  }, settings);
  const end = Date.now() + minutes * 60_000;
  let shown = 0;
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, Math.min(15_000, Math.max(0, end - Date.now()))));
    const log = await page.evaluate(() => window.namesLog);
    for (const e of log.slice(shown)) console.log(`${e.s.toFixed(0).padStart(5)} s  step ${String(e.step).padStart(6)}  train ${e.trainLoss.toFixed(4)}  test ${e.testLoss.toFixed(4)}`);
    shown = log.length;
  }
  const result = await page.evaluate(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.pause();
    await window.namesRun;
    const trainedS = (performance.now() - window.namesStarted) / 1000;
    return { ...(await pg.evaluate()), trainedS, config: await pg.getConfig() };
  });
  const { step, trainLoss, testLoss, trainedS, config } = result;
  console.log(JSON.stringify({ minutes, ...settings, learningRate: config.learningRate, optimizer: config.optimizer, weightDecay: config.weightDecay, step, trainLoss, testLoss, trainedS, msPerStep: (trainedS * 1000) / step, errors }));
} finally {
  await browser.close();
  await server.close();
}
