// Lesson 8: the three stacks side by side — a rule (Software 1.0), a trained network (2.0) and a
// plain-English prompt (3.0, shown but not run: no language model here). Done when the quiz's three
// answers are right; the quiz is checked live on every change.

import { startLesson, pct, say } from './lesson.js';

const rule = document.getElementById('rule');
const net = document.getElementById('net');
const RULE = 'x^2 + y^2 > 0.25';
const ANSWERS = { q1: 'code', q2: 'weights', q3: 'prompt' };

async function setUp() {
  await Promise.all([rule.ready, net.ready]);
  await rule.setRule(RULE);
  const m = await rule.ruleMetrics();
  document.getElementById('rule-readout').textContent = `The rule gets ${pct(m.accuracy)} of the ${m.count} points right.`;
  await net.configure({ backend: 'cpu', hidden: [8], activation: 'tanh', features: ['x', 'y'], optimizer: 'adam', learningRate: 0.03, batchSize: 'full', seed: 1 });
  const trained = await net.train({ steps: 300 });
  document.getElementById('net-readout').textContent = `Trained for ${trained.step} steps: ${pct(trained.testAccuracy)} of its test points right.`;
}
const ready = setUp();

const quiz = document.getElementById('quiz');
let lesson = null;
quiz.addEventListener('change', () => lesson?.check());

async function check() {
  const picked = Object.keys(ANSWERS).map((q) => quiz.querySelector(`input[name=${q}]:checked`)?.value);
  const right = picked.filter((v, i) => v === Object.values(ANSWERS)[i]).length;
  const answered = picked.filter(Boolean).length;
  say('quiz-readout', answered < 3
    ? `${answered} of 3 answered.`
    : right === 3 ? 'All three right.' : `${right} of 3 right: have another look.`);
  return right === 3;
}

lesson = startLesson({ id: '8-software-3', ready, check, playgrounds: [rule, net] });
