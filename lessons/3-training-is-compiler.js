// Lesson 3: a spiral with flags that make training diverge (Adam at learning rate 10, ReLU, x and
// y only). The learner fixes the flags in the network panel. Done when the core reports ≥ 95 %
// test accuracy at a step ≤ 1,000 (steps since the last configure or reset), read from
// `progress` events and from `evaluate()`.

import { startLesson, setStep, pct, say } from './lesson.js';

const pg = document.getElementById('pg');
const TARGET = 0.95;
const MAX_STEPS = 1000;
// Measured: diverges at step 10 on this spiral (loss ≈ 237).
const BROKEN = { backend: 'cpu', hidden: [16, 16], activation: 'relu', features: ['x', 'y'], optimizer: 'adam', learningRate: 10, batchSize: 'full', regularization: 'none', regularizationRate: 0, seed: 1 };

let sawDivergence = false;
let reached = null; // the metrics (from the core) that met the target

const meets = (m) => m && !m.diverged && m.testAccuracy !== null && m.testAccuracy >= TARGET && m.step <= MAX_STEPS;

async function setUp() {
  await pg.ready;
  await pg.loadPreset('spiral', { n: 300, noise: 0.1, seed: 1 });
  await pg.configure(BROKEN);
  pg.addEventListener('diverged', () => { sawDivergence = true; setStep('diverged', true); });
  pg.addEventListener('progress', (e) => { if (!reached && meets(e.detail)) reached = e.detail; });
}
const ready = setUp();

async function check() {
  await ready;
  const m = await pg.evaluate();
  if (!reached && meets(m)) reached = m;
  const now = m.diverged
    ? `Step ${m.step}: training diverged (the loss blew up). Change the flags.`
    : `Step ${m.step} since your last change: test accuracy ${pct(m.testAccuracy)}.${m.step > MAX_STEPS && !reached ? ' Past 1,000 steps: change a flag to start again.' : ''}`;
  say('readout', `${now}${reached ? ` You reached ${pct(reached.testAccuracy)} at step ${reached.step}.` : ''}`);
  setStep('diverged', sawDivergence);
  setStep('reached', Boolean(reached));
  return Boolean(reached);
}

startLesson({ id: '3-training-is-compiler', ready, check, playgrounds: [pg] });
