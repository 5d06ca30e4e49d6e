// Bugs in the source code: k-fold training and confident learning rank the labels that are
// probably wrong; each can be accepted (relabelled), or all at once, as one undoable step.

import { h, field } from '../../dom.js';

/** The section; `dbg` is the debug panel's shared context. */
export function labelErrorsSection(dbg) {
  let issues = [];
  const folds = h('input', { type: 'number', name: 'label-folds', min: 2, max: 10, value: 5 });
  const steps = h('input', { type: 'number', name: 'label-steps', min: 1, max: 20000, value: 500 });
  const find = h('button', { type: 'button', class: 'accent', onclick: () => run() }, 'Find label errors');
  const cancel = h('button', { type: 'button', hidden: true, onclick: () => dbg.client.cancelJob('labelIssues') }, 'Cancel');
  const progress = h('progress', { max: 1, value: 0, hidden: true, 'aria-label': 'Label check progress' });
  const status = h('p', { class: 'hint', 'aria-live': 'polite' });
  const list = h('ol', { class: 'debug-list issues' });
  const acceptAll = h('button', { type: 'button', hidden: true, onclick: () => accept(issues) }, 'Accept all suggestions');

  dbg.client.addEventListener('job', (e) => {
    if (e.detail.kind !== 'labelIssues') return;
    progress.value = e.detail.progress || 0;
    if (e.detail.running) status.textContent = `Checking: ${e.detail.message}…`;
  });

  async function run() {
    find.disabled = true;
    cancel.hidden = false;
    progress.hidden = false;
    status.textContent = 'Training a network per fold, each on the other folds…';
    const started = performance.now();
    try {
      issues = await dbg.client.labelIssues({ folds: Number(folds.value), steps: Number(steps.value) });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      status.textContent = issues.length
        ? `${issues.length} labels look wrong (${seconds} s). Worst first: accept a suggestion to relabel.`
        : `No label looks wrong (${seconds} s).`;
      show();
      dbg.mark(issues.map((i) => i.index), `${issues.length} suspected label errors`);
      dbg.onIssues(issues);
    } catch (e) {
      status.textContent = e.message;
    } finally {
      find.disabled = false;
      cancel.hidden = true;
      progress.hidden = true;
    }
  }

  function show() {
    acceptAll.hidden = issues.length < 2;
    list.replaceChildren(...issues.slice(0, 40).map((issue) => h('li', {},
      dbg.thumbnail(issue.index),
      h('button', { type: 'button', class: 'linkish', onclick: () => dbg.mark([issue.index], `example #${issue.index}`) },
        `#${issue.index}: ${dbg.nameOf(issue.label)} → ${dbg.nameOf(issue.suggested)}`),
      h('small', {}, ` p(label) ${(issue.quality * 100).toFixed(1)} % `),
      h('button', { type: 'button', class: 'small', 'aria-label': `Relabel example ${issue.index} as ${dbg.nameOf(issue.suggested)}`, onclick: () => accept([issue]) }, 'Accept'))));
  }

  async function accept(chosen) {
    try {
      await dbg.client.relabel(chosen.map((i) => ({ index: i.index, label: i.suggested })));
      const done = new Set(chosen.map((i) => i.index));
      issues = issues.filter((i) => !done.has(i.index));
      show();
      dbg.mark(issues.map((i) => i.index), issues.length ? `${issues.length} suspected label errors left` : '');
      dbg.message(`Relabelled ${chosen.length} example${chosen.length > 1 ? 's' : ''}; one undo takes ${chosen.length > 1 ? 'them' : 'it'} back.`, 'info');
    } catch (e) {
      dbg.message(e.message, 'error');
    }
  }

  const element = h('div', { class: 'debug-section' },
    h('h3', {}, 'Label errors'),
    h('p', { class: 'hint' }, 'Each example is judged by a network that never saw it (k-fold); confident learning flags the labels those judges doubt.'),
    h('div', { class: 'two' }, field('Folds', folds), field('Steps per fold', steps)),
    h('div', { class: 'row' }, find, cancel),
    progress, status, acceptAll, list);
  return {
    element,
    /** The data changed: old indices no longer hold. */
    clear() { issues = []; show(); status.textContent = ''; },
    get issues() { return issues; },
  };
}
