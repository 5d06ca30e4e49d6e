// Lesson 8: one task — reverse a word — three ways. Software 1.0 is the code shown, run as is;
// Software 2.0 is a small transformer the learner trains here on pairs the 1.0 code wrote; Software
// 3.0 is the shipped prompt model (`loadPreset('prompts')`), whose prompt picks the program. Done
// when two prompts about one word got two different answers from the same weights, one prompt is
// marked wrong, and the quiz says why. Every answer shown is the core's (`complete`).

import { startLesson, setStep, say, h } from './lesson.js';

const learned = document.getElementById('learned');
const prompted = document.getElementById('prompted');
const wordBox = document.getElementById('word');

/** The Software 1.0 program, exactly as the page shows it. */
const reverse = (word) => [...word].reverse().join('');

/** Names of 3–6 letters a–z become the 2.0 program's examples: every eighth such name. */
const EVERY = 8;
/** How long the prompt model trained natively, as its training log (www/models/prompts-log.txt) says. */
const TRAINED_NATIVELY = 'about 47 minutes on a 2-core CPU with sw2 train, in two rounds: the second added 10,000 lines for the two tasks the first got wrong most often (sorting, removing vowels), the data engine\'s way of fixing a program';

/** Every prompt the learner ran on the 3.0 model: `{ prompt, word, phrase, text, wrong }`. */
const runs = [];

const word = () => (/^[a-z]{3,6}$/.test(wordBox.value) ? wordBox.value : 'plan');

async function showLearned() {
  say('s2-prompt', `${word()} =>`);
  try {
    const m = await learned.evaluate();
    if (m.step === 0) return;
    const done = await learned.complete(`${word()} =>`, { maxChars: 8 });
    say('s2-answer', done.text.trim() || '(nothing)');
    say('s2-readout', `Trained ${m.step} steps; test loss ${m.testLoss.toFixed(3)} nats per character.`);
  } catch (e) {
    say('s2-answer', e.message);
  }
}

function showWord() {
  say('s1-word', word());
  say('s1-answer', reverse(word()));
  showLearned();
}

async function setUpLearned() {
  await learned.ready;
  await learned.loadPreset('names');
  const { words } = await learned.getData();
  const picked = words.filter((w) => /^[a-z]{3,6}$/.test(w)).filter((_, i) => i % EVERY === 0);
  await learned.setData({ lines: picked.map((w) => `${w} => ${reverse(w)}`), testFraction: 0.1, seed: 1 });
  await learned.configure({ backend: 'cpu', architecture: 'transformer', embedding: 32, layers: 2, heads: 4, learningRate: 3e-3, batchSize: 32, seed: 1 });
  say('s2-readout', `${picked.length} pairs to learn from. Press Train; stop when its answer is right.`);
  let last = 0;
  learned.addEventListener('progress', () => { if (performance.now() - last > 1000) { last = performance.now(); showLearned(); } });
  // The element's client says when training stops (as lesson.js listens to it).
  learned.client.addEventListener('training', (e) => { if (!e.detail.running) showLearned(); });
}

async function setUpPrompted() {
  await prompted.ready;
  await prompted.loadPreset('prompts');
  const [weights, metrics, data] = await Promise.all([prompted.weights(), prompted.evaluate(), prompted.getData()]);
  const params = weights.reduce((n, w) => n + w.values.length, 0);
  const { text } = (await prompted.getConfig());
  say('honest', `This model has ${params.toLocaleString('en')} weights (${Math.round((params * 4) / 1024)} KB as 32-bit numbers): a transformer of ${text.layers} blocks, ${text.embedding} wide. `
    + `It was trained for ${metrics.step.toLocaleString('en')} steps on ${data.lines.length.toLocaleString('en')} lines like “reverse: plan => nalp” — eight string programs over some 16,600 names and words — ${TRAINED_NATIVELY}. `
    + 'A large language model has hundreds of billions of weights and read trillions of words: nearly every way of asking, and tasks without number. '
    + 'This one read eight programs and four phrasings of each; a task or a phrasing outside them is outside everything it knows.');
}

const ready = Promise.all([setUpLearned(), setUpPrompted()]);
wordBox.addEventListener('input', showWord);

/** Two runs about one word, by two phrasings, with two different answers, neither marked wrong. */
function twoPrograms() {
  const right = runs.filter((r) => !r.wrong && r.word && r.text.trim());
  return right.some((a) => right.some((b) => a.word === b.word && a.phrase !== b.phrase && a.text !== b.text));
}

function addRun({ prompt, text }) {
  const match = /^(.*): (\S+) =>$/.exec(prompt.trim());
  const run = { prompt, text, phrase: match?.[1] ?? prompt, word: match?.[2] ?? null, wrong: false };
  runs.push(run);
  const box = h('input', { type: 'checkbox', name: `wrong-${runs.length}` });
  box.addEventListener('change', () => { run.wrong = box.checked; lesson.check(); });
  document.getElementById('runs').append(h('li', {},
    h('code', {}, prompt), ' → ', h('b', {}, text.trim() || '(nothing)'), ' ',
    h('label', { class: 'mini' }, box, ' it got this wrong')));
  document.getElementById('runs-empty').hidden = true;
  lesson.check();
}
prompted.addEventListener('completed', (e) => addRun(e.detail));

const quiz = document.getElementById('quiz');
quiz.addEventListener('change', () => lesson.check());

async function check() {
  await ready;
  const two = twoPrograms();
  const wrong = runs.some((r) => r.wrong);
  const answer = quiz.querySelector('input[name=why]:checked')?.value;
  const why = answer === 'data';
  setStep('two', two);
  setStep('wrong', wrong);
  setStep('why', why);
  say('quiz-readout', !answer ? '' : why ? 'Right: it knows only what its data showed it.'
    : 'Not quite: the same weights answer the prompts it knows perfectly well. What did it never read?');
  return two && wrong && why;
}

const lesson = startLesson({ id: '8-software-3', ready, check, playgrounds: [learned, prompted] });
