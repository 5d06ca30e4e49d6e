// The training timeline: a scrubber over the weight snapshots (log-spaced steps) plus "live",
// and a button that restores a past step so training resumes from there.

import { h } from '../dom.js';

/** `onScrub(step | null)` when the user moves the scrubber (null: live); `onRestore(step)`. */
export function timeline({ onScrub, onRestore }) {
  let steps = [];
  let current = 0;
  const slider = h('input', { type: 'range', min: 0, max: 0, value: 0, step: 1, name: 'timeline', 'aria-label': 'Training timeline: scrub through weight snapshots' });
  const label = h('output', { class: 'timeline-step' }, 'live');
  const restore = h('button', { type: 'button', disabled: true, title: 'Go back to these weights and train on from here' }, '⟲ Restore this step');
  const ticks = h('div', { class: 'timeline-ticks', 'aria-hidden': 'true' });

  const selected = () => {
    const i = Number(slider.value);
    return i >= steps.length ? null : steps[i];
  };
  const showLabel = () => {
    const step = selected();
    label.textContent = step === null ? (current === null ? 'live' : `live · step ${current}`) : `step ${step}`;
    restore.disabled = step === null;
  };
  slider.addEventListener('input', () => {
    showLabel();
    onScrub(selected());
  });
  restore.addEventListener('click', () => {
    const step = selected();
    if (step !== null) onRestore(step);
  });

  const element = h('div', { class: 'timeline' },
    h('span', { class: 'field-label' }, 'Timeline'), h('div', { class: 'timeline-track' }, slider, ticks), label, restore);

  /**
   * New snapshot steps and the current step (`null`: not known here, the label says only "live");
   * keeps the scrubber on `viewStep` (or at live when null).
   */
  function setSteps(next, viewStep, currentStep) {
    steps = next;
    if (viewStep === null) current = currentStep;
    slider.max = String(steps.length);
    const i = viewStep === null ? steps.length : steps.indexOf(viewStep);
    slider.value = String(i < 0 ? steps.length : i);
    slider.disabled = steps.length === 0;
    ticks.textContent = steps.length ? `${steps.length} snapshots, steps ${steps[0]}–${steps[steps.length - 1]}, log-spaced` : '';
    showLabel();
  }

  return { element, setSteps };
}
