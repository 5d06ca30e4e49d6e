// Lesson 6: an xor program trained on 10 points, which the learner deploys into a 2,000-point
// xor world. A hidden twin (same data, configuration, world) runs `engineCurve` with the random strategy, so the
// learner's own rounds never cancel it. Done when the learner folded in ≥ 2 rounds into the same
// world and the last round's `worldAccuracy` beats the random curve's `mean` at the first point
// whose `labels` ≥ the learner's `labelsSpent` (the last point beyond the curve).

import { startLesson, setStep, h, pct, say } from './lesson.js';

const pg = document.getElementById('pg');
const twin = document.getElementById('twin');
const CONFIG = { backend: 'cpu', hidden: [16, 16], activation: 'tanh', features: ['x', 'y', 'sinX', 'sinY'], optimizer: 'adam', learningRate: 0.03, batchSize: 'full', seed: 1 };
const START = { n: 10, noise: 0.1, seed: 4 };
const WORLD = { world: 'xor', seed: 7 }; // the engine panel's default seed, so "Deploy" again gives the same world
const CURVE = { strategies: ['random'], rounds: 6, budget: 10, steps: 300, seeds: 3 };

let curve = null;

/** The same start on both: data, configuration, the first 300 steps. */
async function prepare(p) {
  await p.ready;
  await p.configure(CONFIG);
  await p.loadPreset('xor', START);
  await p.train({ steps: CURVE.steps });
}

async function setUp() {
  await Promise.all([prepare(pg), prepare(twin)]);
  const twinStatus = await twin.deploy(WORLD);
  twin.addEventListener('job', (e) => {
    if (e.detail.kind === 'engineCurve' && e.detail.running) document.getElementById('curve-progress').value = e.detail.progress;
  });
  // Runs in the background: the learner can start flagging meanwhile.
  twin.engineCurve(CURVE).then((c) => {
    curve = c;
    document.getElementById('curve-progress').value = 1;
    document.getElementById('curve-state').textContent = `Random strategy done: ${c.strategies[0].mean.map((v, i) => `${pct(v)} at ${c.labels[i]} labels`).join(', ')}.`;
    window.sw2Lesson?.check();
  }, (e) => {
    document.getElementById('curve-state').textContent = `The random strategy could not run: ${e.message}`;
  });
  return twinStatus;
}
const ready = setUp();

/** Random's mean at the first curve point with at least `labels` labels (the last one beyond the curve). */
function randomAt(labels) {
  const i = curve.labels.findIndex((l) => l >= labels);
  const k = i < 0 ? curve.labels.length - 1 : i;
  return { labels: curve.labels[k], accuracy: curve.strategies[0].mean[k] };
}

function showTable(history) {
  const rows = history.map((r) => h('tr', {}, h('td', {}, String(r.round)), h('td', {}, String(r.labelsSpent)), h('td', {}, pct(r.worldAccuracy)),
    h('td', {}, curve ? `${pct(randomAt(r.labelsSpent).accuracy)} (at ${randomAt(r.labelsSpent).labels})` : '…')));
  document.getElementById('table').replaceChildren(h('table', { class: 'slices' },
    h('caption', { class: 'sr-only' }, 'Your rounds against the random strategy'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'round'), h('th', { scope: 'col' }, 'labels spent'), h('th', { scope: 'col' }, 'your world accuracy'), h('th', { scope: 'col' }, 'random, same labels'))),
    h('tbody', {}, rows)));
}

async function check() {
  const twinStatus = await ready;
  const status = await pg.engineStatus();
  const history = status ? await pg.engineHistory() : [];
  showTable(history);
  const sameWorld = Boolean(status) && status.world === twinStatus.world && status.streamSize === twinStatus.streamSize;
  const rounds = sameWorld ? history.length - 1 : 0;
  setStep('rounds', rounds >= 2);
  if (!sameWorld) {
    say('readout', status ? 'This is not the world the random strategy runs in: deploy into the world “like the data” (xor), seed 7.' : 'Not deployed: leave the world “like the data”, seed 7, and press ⇢ Deploy.');
    setStep('beaten', false);
    return false;
  }
  const last = history[history.length - 1];
  if (!curve) {
    say('readout', `${rounds} round${rounds === 1 ? '' : 's'} so far. Waiting for the random strategy to finish…`);
    return false;
  }
  const random = randomAt(last.labelsSpent);
  const beaten = rounds >= 2 && last.worldAccuracy > random.accuracy;
  setStep('beaten', beaten);
  say('readout', `After ${rounds} round${rounds === 1 ? '' : 's'} and ${last.labelsSpent} labels: your world accuracy ${pct(last.worldAccuracy)}; random with ${random.labels} labels: ${pct(random.accuracy)}.`);
  return beaten;
}

startLesson({ id: '6-data-engine', ready, check, playgrounds: [pg] });
