// Lesson 5: a model with a blind spot. The "world" is 800 points labelled by a hidden truth rule
// (a disc plus a pocket in one corner), built in a hidden helper playground so that no undo on
// the learner's playground can bring it back. The learner's data is the world without the
// pocket, except four of its points; the locked network (8 tanh units on x, y, x², y²) ignores
// those four. Done when `sliceMetrics` of the learner's network on the world's points says the
// pocket is > 95 % right and the whole world ≥ 90 %.

import { startLesson, setStep, keyboardAdder, pct, say } from './lesson.js';

const pg = document.getElementById('pg');
const helper = document.getElementById('world');
const TRUTH = 'x^2 + y^2 < 0.35 or (x > 0.45 and y > 0.45)';
const POCKET = { x0: 0.45, y0: 0.45, x1: 1, y1: 1 };
const inPocket = (p) => p.x > POCKET.x0 && p.y > POCKET.y0;
const KEEP_IN_POCKET = 4;
const SPOT = 0.95;
const OVERALL = 0.9;

let world = [];

async function setUp() {
  await Promise.all([pg.ready, helper.ready]);
  await helper.loadPreset('xor', { n: 800, noise: 0.1, seed: 3 });
  const set = await helper.setRule(TRUTH);
  if (!set.ok) throw new Error(`the lesson's rule: ${set.error}`);
  await helper.labelWithRule();
  world = (await helper.getData()).points;
  await helper.setRule('');
  const field = [...world.filter((p) => !inPocket(p)), ...world.filter(inPocket).slice(0, KEEP_IN_POCKET)];
  await pg.configure({ backend: 'cpu', hidden: [8], activation: 'tanh', features: ['x', 'y', 'x2', 'y2'], optimizer: 'adam', learningRate: 0.03, batchSize: 'full', regularization: 'none', regularizationRate: 0, seed: 1 });
  await pg.setData({ points: field, testFraction: 0.3, seed: 0, origin: 'import:field data' });
  await pg.train({ steps: 500 });
  keyboardAdder(pg, document.getElementById('keyboard'));
}
const ready = setUp();

async function check() {
  await ready;
  const r = await pg.sliceMetrics([{ name: 'blind spot', region: POCKET }], { points: world });
  const spot = r.slices[0].test.accuracy;
  const overall = r.whole.test.accuracy;
  const own = await pg.evaluate();
  const spotOk = spot !== null && spot > SPOT;
  const overallOk = overall !== null && overall >= OVERALL;
  setStep('spot', spotOk);
  setStep('overall', overallOk);
  say('readout', `On its own test set: ${pct(own.testAccuracy)}. On the real world: ${pct(overall)} overall, ${pct(spot)} in the blind spot.`);
  return spotOk && overallOk;
}

startLesson({ id: '5-debugging-is-data', ready, check, playgrounds: [pg] });
