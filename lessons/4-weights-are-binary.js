// Lesson 4: a tiny trained circle network; read its neurons, count its bytes (from the core's
// weight summary and the code it exports), break it with one weight edit and undo that with the
// timeline. Done: after a `weights` event with reason `setWeight` the test accuracy (`evaluate()`)
// is ≥ 20 points below the trained one ("broken"); then after one with reason `restore` it is back
// within 1 point of it ("undone").

import { startLesson, setStep, pct, say } from './lesson.js';

const pg = document.getElementById('pg');
const DROP = 0.2;
const BACK = 0.01;

const accuracy = (m) => (m.testAccuracy ?? m.trainAccuracy);
let trained = null; // the accuracy training last produced (frozen once broken)
let broken = null;  // { from, to }
let undone = null;
const seen = new WeakSet(); // events arrive on the element and its client: count each once

async function setUp() {
  await pg.ready;
  await pg.loadPreset('circle', { n: 300, noise: 0.1, seed: 1 });
  await pg.configure({ backend: 'cpu', hidden: [4], activation: 'tanh', features: ['x', 'y'], optimizer: 'adam', learningRate: 0.03, batchSize: 'full', seed: 1 });
  trained = accuracy(await pg.train({ steps: 300 }));
  const params = document.getElementById('param');
  params.replaceChildren(...(await pg.weights()).map((w) => new Option(`${w.name} (${w.values.length} values)`, w.name)));
  params.value = 'layers.1.bias';
  await showSize();
}
const ready = setUp();

async function showSize() {
  const summary = await pg.weightSummary({ bins: 1 });
  const code = await pg.exportCode('js');
  const bytes = new TextEncoder().encode(code).length;
  document.getElementById('size').textContent = `The binary: ${summary.parameters} numbers, ${summary.bytes} bytes as 32-bit floats. Written out as JavaScript it is ${bytes.toLocaleString('en')} bytes of code — a program nobody wrote by hand.`;
  return code;
}

async function onWeights(e) {
  if (seen.has(e.detail)) return;
  seen.add(e.detail);
  await ready;
  const now = accuracy(await pg.evaluate());
  if (e.detail.reason === 'setWeight' && !broken && trained !== null && trained - now >= DROP) broken = { from: trained, to: now };
  else if (e.detail.reason === 'restore' && broken && !undone && Math.abs(now - broken.from) <= BACK) undone = { to: now };
  else if (e.detail.reason === 'restore' && !broken) trained = now;
}
for (const target of [pg, pg.client]) target.addEventListener('weights', (e) => onWeights(e).catch(() => {}));
// Training moves the program on: what it produces is the new "trained" accuracy, until it is broken.
pg.addEventListener('progress', (e) => { if (!broken && accuracy(e.detail) !== null) trained = accuracy(e.detail); });

document.getElementById('show-code').addEventListener('click', async () => {
  const pre = document.getElementById('code');
  pre.textContent = await showSize();
  pre.hidden = false;
});
document.getElementById('edit').addEventListener('submit', async (e) => {
  e.preventDefault();
  const note = document.getElementById('edit-note');
  const name = document.getElementById('param').value;
  const index = Number(document.getElementById('index').value);
  const value = Number(document.getElementById('value').value);
  try {
    const m = await pg.setWeight(name, index, value);
    note.textContent = `Set ${name}[${index}] to ${value}: test accuracy now ${pct(accuracy(m))}.`;
  } catch (err) {
    note.textContent = err.message;
  }
});

async function check() {
  await ready;
  const now = accuracy(await pg.evaluate());
  setStep('broken', Boolean(broken));
  setStep('undone', Boolean(undone));
  say('readout', broken
    ? `Trained: ${pct(broken.from)}. After your edit: ${pct(broken.to)}. Now: ${pct(now)}.`
    : `Test accuracy now: ${pct(now)} (trained: ${pct(trained)}).`);
  return Boolean(broken && undone);
}

startLesson({ id: '4-weights-are-binary', ready, check, playgrounds: [pg] });
