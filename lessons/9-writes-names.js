// Lesson 9: makemore's names as the data. Train a bigram, then the MLP (both judged by test loss
// from `evaluate`), then change only the data — every name ending in "a" removed — and retrain
// until the program's own probability that a name ends after "ella" (`nextChars`: the end
// token, '.') falls under 5 % — 62 % of the names' "…lla" end there before the change, none after.

import { startLesson, setStep, say } from './lesson.js';

const pg = document.getElementById('pg');
const BIGRAM_FLOOR = 2.6;
const END_AFTER_ELLA = 0.05;

/** The best test loss each architecture reached, as `evaluate` reported it. */
const best = { bigram: Infinity, mlp: Infinity };

/**
 * The latest metrics: from the training's own `progress` events while it runs, else one
 * `evaluate()` after a change — measuring 32,033 names takes the worker a second, so the check
 * must not ask for it every time it runs, or training would wait on it.
 */
let latest = null;
pg.addEventListener('progress', (e) => { latest = e.detail; });
for (const type of ['data', 'config', 'weights']) pg.addEventListener(type, () => { latest = null; });

async function setUp() {
  await pg.ready;
  await pg.loadPreset('names');
  await pg.configure({ backend: 'cpu', architecture: 'bigram', optimizer: 'adam', learningRate: 0.03, batchSize: 256, seed: 1 });
  document.getElementById('drop-a').addEventListener('click', async () => {
    const { words } = await pg.getData();
    await pg.setData({ words: words.filter((w) => !w.endsWith('a')), origin: 'hand' });
  });
}
const ready = setUp();

async function check() {
  await ready;
  latest ??= await pg.evaluate();
  const metrics = latest;
  const [config, data] = await Promise.all([pg.getConfig(), pg.getData()]);
  const kind = config.text.architecture;
  const words = data.words || [];
  if (metrics.step > 0 && kind in best) best[kind] = Math.min(best[kind], metrics.testLoss);
  const bigram = best.bigram < BIGRAM_FLOOR;
  const mlp = bigram && best.mlp < best.bigram;
  const dropped = words.length > 0 && words.every((w) => !w.endsWith('a'));
  const next = await pg.nextChars('ella');
  const end = next.find((n) => n.char === '.')?.probability ?? 1;
  const changed = mlp && dropped && kind === 'mlp' && end < END_AFTER_ELLA;
  setStep('bigram', bigram);
  setStep('mlp', mlp);
  setStep('data', dropped);
  setStep('changed', changed);
  say('readout', `${words.length.toLocaleString('en')} names · ${kind} · step ${metrics.step} · test loss ${metrics.testLoss.toFixed(3)} nats per letter · after "ella" it ends the name with ${(end * 100).toFixed(1)} %`);
  return bigram && mlp && dropped && changed;
}

startLesson({ id: '9-writes-names', ready, check, playgrounds: [pg] });
