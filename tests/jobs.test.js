// Long work as one kind of job, seen from the page: a data change made while a job runs stops it
// with a readable reason (the core checks the data the job started on), cancelJob() stops the
// long trainings (a comparison, a round's retraining) within a second, and removed elements leave
// no worker behind.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePlayground } from './helpers/playground.js';

const s = usePlayground((page) => page.evaluate(() => document.querySelector('sw2-playground').configure({ backend: 'cpu' })));
const inPage = (fn, arg) => s.page.evaluate(fn, arg);

/** A fresh spiral and network, a long label check started on it; resolves once it is running. */
async function startLongCheck() {
  await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.pause();
    await pg.loadPreset('spiral', { n: 200, noise: 0.05, seed: 4 });
    await pg.configure({ hidden: [8, 8], activation: 'tanh', optimizer: 'adam', learningRate: 0.03, seed: 1 });
    window.outcome = null;
    const started = new Promise((running) => {
      const seen = (e) => { if (e.detail.kind === 'labelIssues' && e.detail.running) { pg.removeEventListener('job', seen); running(); } };
      pg.addEventListener('job', seen);
    });
    window.check = pg.labelIssues({ folds: 5, steps: 20000 }).then(() => 'finished', (e) => e.message);
    await started;
  });
}

const outcome = () => inPage(() => window.check);

test('a data change while labelIssues runs rejects the job with the reason, whatever made the change', async () => {
  const changes = {
    labelWithRule: async () => {
      const pg = document.querySelector('sw2-playground');
      await pg.setRule('x > 0');
      await pg.labelWithRule();
    },
    setTestFraction: () => document.querySelector('sw2-playground').setTestFraction(0.25),
    setData: async () => {
      const pg = document.querySelector('sw2-playground');
      const { points } = await pg.getData();
      await pg.setData({ points: [...points, { x: 0.1, y: 0.2, label: 1 }], origin: 'hand' });
    },
  };
  for (const [name, change] of Object.entries(changes)) {
    await startLongCheck();
    await inPage(`(${change})()`);
    assert.match(await outcome(), /labelIssues was cancelled: the dataset changed while it ran/, name);
  }
  // A point painted on the canvas with the mouse is the same kind of change.
  await startLongCheck();
  const canvas = s.page.locator('sw2-playground').locator('canvas.boundary');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  await s.page.mouse.click(box.x + box.width * 0.52, box.y + box.height * 0.47);
  assert.match(await outcome(), /labelIssues was cancelled: the dataset changed while it ran/, 'painted point');
});

test('folding a round in while labelIssues runs stops the check too, and the round still goes in', async () => {
  await startLongCheck();
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.deploy({ world: 'spiral', seed: 9, size: 500 });
    await pg.flag({ trigger: 'random', count: 5 });
    await pg.labelWithWorld();
    const before = (await pg.getData()).points.length;
    const round = await pg.foldIn({ steps: 20 });
    return { before, after: (await pg.getData()).points.length, added: round.added };
  });
  assert.match(await outcome(), /labelIssues was cancelled/);
  assert.equal(r.after, r.before + r.added);
});

test('cancelJob stops compareVersions and foldIn with 20,000 steps within a second, after progress', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('spiral', { n: 200, noise: 0.05, seed: 4 });
    await pg.configure({ hidden: [8, 8], activation: 'tanh', optimizer: 'adam', learningRate: 0.03, seed: 1 });
    const v1 = await pg.commit('spiral');
    await pg.loadPreset('moons', { n: 200, seed: 2 });
    const progress = {};
    pg.addEventListener('job', (e) => { if (e.detail.running && e.detail.progress > 0) progress[e.detail.kind] = e.detail.progress; });
    const stop = async (running) => {
      await new Promise((done) => setTimeout(done, 500));
      const t0 = performance.now();
      const cancelled = await pg.cancelJob();
      const message = await running.then(() => 'finished', (e) => e.message);
      return { cancelled, message, ms: performance.now() - t0 };
    };
    const compare = await stop(pg.compareVersions(v1, 'current', { steps: 20000 }));
    await pg.deploy({ world: 'moons', seed: 9, size: 500 });
    await pg.flag({ trigger: 'random', count: 5 });
    await pg.labelWithWorld();
    const before = (await pg.getData()).points.length;
    const fold = await stop(pg.foldIn({ steps: 20000 }));
    const after = (await pg.getData()).points.length;
    // A short comparison finishes and resolves with both versions.
    const pair = await pg.compareVersions(v1, 'current', { steps: 30 });
    return { compare, fold, progress, before, after, pair: pair.map((t) => [t.version, t.points.length, t.boundary.size]) };
  });
  for (const [kind, stopped] of [['compareVersions', r.compare], ['foldIn', r.fold]]) {
    assert.equal(stopped.cancelled, true, kind);
    assert.match(stopped.message, new RegExp(`${kind} was cancelled`), kind);
    assert.ok(stopped.ms < 1000, `${kind} took ${stopped.ms} ms to stop`);
    assert.ok(r.progress[kind] > 0 && r.progress[kind] < 1, `${kind} streamed progress: ${JSON.stringify(r.progress)}`);
  }
  assert.equal(r.after, r.before + 5, 'the cancelled round is in the data');
  assert.deepEqual(r.pair.map(([v, n]) => [v, n]), [[r.pair[0][0], 200], ['current', 205]]);
  assert.equal(r.pair[0][2], 40);
});

test('three elements added and removed leave no worker behind', async () => {
  const before = s.page.workers().length;
  await inPage(async () => {
    const made = [1, 2, 3].map((i) => {
      const el = document.createElement('sw2-playground');
      el.setAttribute('autosave', 'off');
      el.id = `extra-${i}`;
      document.body.append(el);
      return el;
    });
    await Promise.all(made.map((el) => el.ready));
    window.extra = made;
  });
  assert.ok(s.page.workers().length >= before + 3, `${s.page.workers().length} workers with three more elements (${before} before)`);
  // Moving an element keeps its worker; removing it ends it.
  const moved = await inPage(async () => {
    const el = window.extra[0];
    document.querySelector('main').append(el);
    await new Promise((done) => setTimeout(done, 50));
    return (await el.evaluate()).step;
  });
  assert.equal(moved, 0);
  await inPage(() => window.extra.forEach((el) => el.remove()));
  for (let i = 0; i < 100 && s.page.workers().length > before; i++) await new Promise((done) => setTimeout(done, 50));
  assert.equal(s.page.workers().length, before, 'every removed element terminated its worker');
  const after = await inPage(() => window.extra[1].evaluate().then(() => 'answered', (e) => e.message));
  assert.match(after, /removed from the page/);
});

test('training and flag are jobs of the same scheduler: job events of one shape, cancelJob stops them', async () => {
  const r = await inPage(async () => {
    const pg = document.querySelector('sw2-playground');
    await pg.loadPreset('moons', { n: 200, seed: 2 });
    await pg.configure({ hidden: [8, 8], activation: 'tanh', optimizer: 'adam', learningRate: 0.03, seed: 1 });
    const events = [];
    pg.addEventListener('job', (e) => events.push(e.detail));
    const trained = await pg.train({ steps: 200 });
    // No background job runs: cancelJob() stops the training, which resolves with its metrics.
    const endless = pg.train();
    await new Promise((done) => setTimeout(done, 300));
    const stopTraining = await pg.cancelJob();
    const stopped = await endless;
    // A committee of 7 trained 1,000 steps each is long work: a flag with it streams progress and cancels.
    await pg.deploy({ world: 'moons', seed: 9, size: 2000 });
    await pg.train({ steps: 1000 });
    const flagging = pg.flag({ trigger: 'disagreement', committee: 7, count: 5 });
    await new Promise((done) => setTimeout(done, 400));
    const stopFlag = await pg.cancelJob('flag');
    const flagOutcome = await flagging.then(() => 'finished', (e) => e.message);
    const status = await pg.engineStatus();
    const quick = await pg.flag({ count: 4 });
    return { trained: trained.step, stopTraining, stopped: stopped.step, stopFlag, flagOutcome, status, quick, events };
  });
  assert.equal(r.trained, 200);
  const train = r.events.filter((e) => e.kind === 'train');
  assert.ok(train.some((e) => e.running && e.progress > 0 && e.progress < 1), 'training streamed progress as a job');
  assert.ok(train.some((e) => !e.running && e.progress === 1), 'and said when it finished');
  assert.ok(r.events.every((e) => typeof e.kind === 'string' && typeof e.running === 'boolean' && typeof e.progress === 'number' && typeof e.message === 'string'));
  assert.equal(r.stopTraining, true);
  assert.ok(r.stopped > 200, `the endless training ran (${r.stopped}) and resolved with its metrics when cancelled`);
  assert.equal(r.stopFlag, true);
  assert.match(r.flagOutcome, /flag was cancelled/);
  assert.ok(r.events.some((e) => e.kind === 'flag' && e.running && e.progress > 0 && e.progress < 1), 'the committee reported progress');
  assert.equal(r.status.flagged, 0, 'a cancelled flag queued nothing');
  assert.equal(r.status.streamSeen, 0, 'and moved the stream on by nothing');
  assert.equal(r.quick.length, 4);
  assert.ok(r.quick.every((f) => f.trigger === 'blindspot'), 'blindspot is the default trigger');
});
