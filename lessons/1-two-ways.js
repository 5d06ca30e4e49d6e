// Lesson 1: the circle by rule, the spiral by rule (hard), the spiral by painted examples (easy).
// Done when the spiral playground has a rule, the learner painted 20+ points by hand, and the
// network trained on them scores higher on the spiral's points than the rule does (and ≥ 80 %).

import { startLesson, setStep, keyboardAdder, pct, say } from './lesson.js';

const circle = document.getElementById('circle');
const reference = document.getElementById('reference');
const mine = document.getElementById('mine');

// The spiral's true border, as a rule: drawn on the learner’s canvas as a guide (its outline).
const SPIRAL_GUIDE = 'x*cos(3.5*pi*(sqrt(x^2+y^2)-0.05)/0.9) + y*sin(3.5*pi*(sqrt(x^2+y^2)-0.05)/0.9) < 0';
const MIN_POINTS = 20;
const FLOOR = 0.8;

let copied = ''; // the rule last copied from the circle into the spiral

/** Copies the circle's rule into the spiral while the learner has not edited the spiral's own. */
async function copyRule() {
  const from = await circle.rule();
  const to = await reference.rule();
  const text = from ? from.text : '';
  if (!text || (to && to.text !== copied)) return;
  copied = text;
  await reference.setRule(text);
}

async function setUp() {
  await Promise.all([circle.ready, reference.ready, mine.ready]);
  await reference.loadPreset('spiral', { n: 300, noise: 0.1, seed: 1 });
  await mine.configure({ backend: 'cpu', hidden: [16, 16], activation: 'tanh', features: ['x', 'y', 'sinX', 'sinY'], optimizer: 'adam', learningRate: 0.03, batchSize: 'full', seed: 1 });
  await mine.setRule(SPIRAL_GUIDE);
  circle.addEventListener('rule', () => copyRule().catch(() => {}));
  keyboardAdder(mine, document.getElementById('mine-keyboard'));
}

const readout = say;

const ready = setUp();

async function check() {
  await ready;
  const circleRule = await circle.ruleMetrics().catch(() => null);
  if (circleRule && circleRule.accuracy !== null && (await circle.rule())) {
    const ok = circleRule.accuracy >= 0.95;
    readout('circle-readout', `Your rule gets ${pct(circleRule.accuracy)} of these ${circleRule.count} points right.${ok ? ' ✓ That is a working program, written by hand.' : ' Can you reach 95 %?'}`);
    document.getElementById('circle-readout').classList.toggle('met', ok);
  }
  const rule = await reference.rule();
  const ruleMetrics = rule ? await reference.ruleMetrics() : null;
  readout('reference-readout', rule ? `Your rule gets ${pct(ruleMetrics.accuracy)} of the spiral right.` : 'No rule on the spiral yet: write one above (it is copied here) or here.');
  setStep('rule', Boolean(rule));

  const { points = [] } = await mine.getData();
  const blame = await mine.blame();
  const byHand = blame.counts.filter((c) => c.kind === 'hand').reduce((a, c) => a + c.count, 0);
  const allHand = points.length >= MIN_POINTS && byHand === points.length;
  setStep('painted', allHand);
  if (!points.length) {
    readout('mine-readout', 'No examples yet: paint some on the canvas.');
    setStep('beaten', false);
    return false;
  }
  const world = (await reference.getData()).points;
  const slice = await mine.sliceMetrics([], { points: world });
  const trained = slice.whole.test.accuracy;
  const { step } = await mine.evaluate();
  readout('mine-readout', `${points.length} examples painted. Trained for ${step} steps, the network gets ${pct(trained)} of the spiral's ${world.length} points right${rule ? `; your rule gets ${pct(ruleMetrics.accuracy)}` : ''}.`);
  const beaten = Boolean(rule) && trained !== null && trained > ruleMetrics.accuracy && trained >= FLOOR;
  setStep('beaten', beaten);
  return Boolean(rule) && allHand && beaten;
}

startLesson({ id: '1-two-ways', ready, check, playgrounds: [circle, reference, mine] });
