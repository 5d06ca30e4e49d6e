// The compiler's report: step, losses, accuracies (classification) or squared errors
// (regression), speed and the backend that runs.

import { h } from '../dom.js';
import { LossChart } from '../views/loss-chart.js';

const pct = (v) => (v === null || v === undefined || Number.isNaN(v) ? '–' : `${(v * 100).toFixed(1)} %`);
const num = (v) => (v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(3));

const PRESS_TRAIN = 'Press Train: the loss curve draws here as the network learns.';

/** Builds the metrics panel with its loss chart. */
export function metricsPanel() {
  const cells = {};
  const labels = {};
  const stat = (key, label) => h('div', { class: 'stat', dataset: { for: key } }, labels[key] = h('span', {}, label), cells[key] = h('strong', { dataset: { stat: key } }, '–'));
  const chartCanvas = h('canvas', { class: 'loss-chart', 'aria-label': 'Loss over training steps' });
  // First visit: the empty chart says what to do instead of being a blank box.
  const untrained = h('p', { class: 'empty-state' }, PRESS_TRAIN);
  // A long word list's losses while training are the core's estimate on a sample: said, not hidden.
  const estimated = h('p', { class: 'hint', hidden: true });
  const element = h('section', { class: 'panel metrics-panel' },
    h('div', { class: 'stats' },
      stat('step', 'Step'), stat('trainLoss', 'Train loss'), stat('testLoss', 'Test loss'),
      stat('trainAccuracy', 'Train acc.'), stat('testAccuracy', 'Test acc.'), stat('stepsPerSecond', 'Steps/s')),
    estimated,
    h('div', { class: 'chart-wrap' }, chartCanvas, untrained),
    h('p', { class: 'legend' }, h('span', { class: 'k train' }, 'train loss'), h('span', { class: 'k test' }, 'test loss')),
  );
  // The step and the score in a few words, for the Train bar that stays on screen on a phone.
  const readout = h('span', { class: 'readout' });
  const showReadout = (m) => {
    const score = [m.testAccuracy, m.trainAccuracy].find(Number.isFinite);
    const loss = [m.testLoss, m.trainLoss].find(Number.isFinite);
    readout.textContent = !m.step ? 'Step 0 · press Train'
      : `Step ${m.step} · ${score !== undefined ? `acc. ${pct(score)}` : `loss ${num(loss)}`}`;
  };
  showReadout({ step: 0 });
  const chart = new LossChart(chartCanvas);
  return {
    element,
    readout,
    /** Shows one metrics report from the core. */
    show(m) {
      showReadout(m);
      cells.step.textContent = m.step;
      const about = m.estimatedFrom ? '≈ ' : '';
      cells.trainLoss.textContent = about + num(m.trainLoss);
      cells.testLoss.textContent = about + num(m.testLoss);
      estimated.hidden = !m.estimatedFrom;
      estimated.textContent = m.estimatedFrom
        ? `While training, the losses are estimated on ${m.estimatedFrom.toLocaleString('en-US')} evenly spaced rows of each split (a row is a word for the transformer, a character otherwise); pausing measures every one.`
        : '';
      cells.trainAccuracy.textContent = pct(m.trainAccuracy);
      cells.testAccuracy.textContent = pct(m.testAccuracy);
      if (m.stepsPerSecond !== undefined) cells.stepsPerSecond.textContent = Math.round(m.stepsPerSecond);
      chart.add(m);
      untrained.hidden = !chart.empty;
      untrained.textContent = m.step === 0 ? PRESS_TRAIN : 'The loss curve draws here while training.';
    },
    /** Classification shows accuracies; regression has none and calls its loss what it is. */
    setTask(task) {
      const values = task === 'regression';
      labels.trainLoss.textContent = values ? 'Train MSE' : 'Train loss';
      labels.testLoss.textContent = values ? 'Test MSE' : 'Test loss';
      cells.trainAccuracy.parentElement.hidden = values;
      cells.testAccuracy.parentElement.hidden = values;
    },
    /** Forgets the curve (weights re-initialized). */
    clear() {
      chart.clear();
      untrained.hidden = false;
      untrained.textContent = PRESS_TRAIN;
      showReadout({ step: 0 });
      cells.stepsPerSecond.textContent = '–';
    },
  };
}
