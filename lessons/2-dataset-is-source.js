// Lesson 2: the network is locked; the learner makes its boundary match a diamond drawn on the
// canvas (a rule draws it) by painting examples. Done when the network agrees with the diamond
// on ≥ 90 % of a 64×64 grid (`ruleMetrics().gridAgreement`, from the core) and at least 10 of
// the examples, and at least half of them, were painted by hand (`blame()`).

import { startLesson, setStep, keyboardAdder, pct, say } from './lesson.js';

const pg = document.getElementById('pg');
const DIAMOND = 'abs(x) + abs(y) < 0.7';
const AGREEMENT = 0.9;
const MIN_PAINTED = 10;

async function setUp() {
  await pg.ready;
  await pg.configure({ backend: 'cpu', hidden: [8, 8], activation: 'tanh', features: ['x', 'y'], optimizer: 'adam', learningRate: 0.03, batchSize: 'full', seed: 1 });
  // Two examples to start from: one inside, one outside.
  await pg.setData({ points: [{ x: 0, y: 0, label: 1 }, { x: 0.85, y: 0.85, label: 0 }], origin: 'import:lesson start' });
  await pg.setRule(DIAMOND);
  keyboardAdder(pg, document.getElementById('keyboard'));
}
const ready = setUp();

async function check() {
  await ready;
  const blame = await pg.blame();
  const byHand = blame.counts.filter((c) => c.kind === 'hand').reduce((a, c) => a + c.count, 0);
  const { points = [] } = await pg.getData();
  const painted = byHand >= MIN_PAINTED && byHand * 2 >= points.length; // mostly your own examples, not a preset's
  setStep('painted', painted);
  const m = await pg.ruleMetrics();
  const square = m.gridAgreement; // the share of a 64×64 grid over the square where network and rule agree
  const { step } = await pg.evaluate();
  const agree = square !== null && square !== undefined && square >= AGREEMENT;
  setStep('agree', agree);
  say('readout', step === 0
    ? `${byHand} examples painted by you. Press Train to compile them.`
    : `${byHand} examples painted by you. After ${step} steps the program agrees with the diamond on ${pct(square)} of the square.`);
  return painted && agree;
}

startLesson({ id: '2-dataset-is-source', ready, check, playgrounds: [pg] });
