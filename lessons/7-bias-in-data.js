// Lesson 7: the world is the circle (600 points, from a hidden helper playground); the learner's
// data is only the world's points with x < -0.3. Slices left / middle / right over the square are
// measured on the world's points by `sliceMetrics(slices, { points: world })`. Done when the
// learner painted examples, every slice is ≥ 80 % and the worst is within 5 points of the best.

import { startLesson, setStep, keyboardAdder, h, pct, say } from './lesson.js';

const pg = document.getElementById('pg');
const helper = document.getElementById('world');
const THIRD = 1 / 3;
const SLICES = [
  { name: 'left', region: { x0: -1, y0: -1, x1: -THIRD, y1: 1 } },
  { name: 'middle', region: { x0: -THIRD, y0: -1, x1: THIRD, y1: 1 } },
  { name: 'right', region: { x0: THIRD, y0: -1, x1: 1, y1: 1 } },
];
const FLOOR = 0.8;
const GAP = 0.05;

let world = [];

async function setUp() {
  await Promise.all([pg.ready, helper.ready]);
  await helper.loadPreset('circle', { n: 600, noise: 0.1, seed: 2 });
  world = (await helper.getData()).points;
  await pg.configure({ backend: 'cpu', hidden: [8, 8], activation: 'tanh', features: ['x', 'y'], optimizer: 'adam', learningRate: 0.03, batchSize: 'full', seed: 1 });
  await pg.setData({ points: world.filter((p) => p.x < -0.3), testFraction: 0.3, seed: 0, origin: 'import:collected on the left' });
  await pg.train({ steps: 400 });
  keyboardAdder(pg, document.getElementById('keyboard'));
}
const ready = setUp();

async function check() {
  await ready;
  const r = await pg.sliceMetrics(SLICES, { points: world });
  const blame = await pg.blame();
  const byHand = blame.counts.filter((c) => c.kind === 'hand').reduce((a, c) => a + c.count, 0);
  const own = await pg.evaluate();
  const acc = r.slices.map((s) => s.test.accuracy);
  document.getElementById('table').replaceChildren(h('table', { class: 'slices' },
    h('caption', { class: 'sr-only' }, 'Accuracy of the program on the world, slice by slice'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'slice'), h('th', { scope: 'col' }, 'world points'), h('th', { scope: 'col' }, 'accuracy'))),
    h('tbody', {}, r.slices.map((s) => h('tr', {}, h('th', { scope: 'row' }, s.name), h('td', {}, String(s.test.count)), h('td', {}, pct(s.test.accuracy)))),
      h('tr', {}, h('th', { scope: 'row' }, 'whole world'), h('td', {}, String(r.whole.test.count)), h('td', {}, pct(r.whole.test.accuracy))))));
  const known = acc.every((a) => a !== null);
  const worst = known ? Math.min(...acc) : null;
  const best = known ? Math.max(...acc) : null;
  const floor = known && worst >= FLOOR;
  const fair = known && best - worst <= GAP;
  setStep('painted', byHand > 0);
  setStep('floor', floor);
  setStep('fair', fair);
  say('readout', `On its own test set: ${pct(own.testAccuracy)}. On the world: worst slice ${pct(worst)}, best ${pct(best)}. ${byHand} examples painted by you.`);
  return byHand > 0 && floor && fair;
}

startLesson({ id: '7-bias-in-data', ready, check, playgrounds: [pg] });
