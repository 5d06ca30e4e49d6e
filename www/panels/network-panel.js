// The "compiler flags": architecture, features, optimizer and backend, each change sent to the core.
// A word list has flags of its own (bigram, MLP or transformer, context, embedding, hidden units,
// blocks and heads) in place of the point network's layers, activation and features.

import { h, field, select } from '../dom.js';

const FEATURES = [['x', 'x'], ['y', 'y'], ['x2', 'x²'], ['y2', 'y²'], ['xy', 'xy'], ['sinX', 'sin x'], ['sinY', 'sin y']];
const LEARNING_RATES = [0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const BATCHES = [1, 4, 10, 16, 32, 64, 128, 256];

/** Parses "16, 16" into [16, 16]; throws with a readable message otherwise. */
export function parseHidden(text) {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const widths = parts.map(Number);
  const bad = widths.findIndex((w) => !Number.isInteger(w) || w < 1);
  if (bad >= 0) throw new Error(`Hidden layers: "${parts[bad]}" is not a positive whole number`);
  return widths;
}

/** Builds the network panel; `onChange(patch)` sends a configuration patch. */
export function networkPanel(onChange) {
  const hidden = h('input', { type: 'text', name: 'hidden', value: '16, 16', spellcheck: 'false', inputmode: 'numeric' });
  const conv = h('input', { type: 'text', name: 'conv', value: '', spellcheck: 'false', inputmode: 'numeric', placeholder: 'none (an MLP)' });
  const activation = select('activation', [['tanh', 'tanh'], ['relu', 'ReLU'], ['sigmoid', 'sigmoid'], ['linear', 'linear']]);
  const features = h('div', { class: 'chips' }, FEATURES.map(([v, t]) =>
    h('label', { class: 'chip' }, h('input', { type: 'checkbox', name: 'feature', value: v }), t)));
  const optimizer = select('optimizer', [['adam', 'Adam'], ['adamw', 'AdamW'], ['sgd', 'SGD']]);
  const learningRate = select('learningRate', LEARNING_RATES.map((r) => [r, String(r)]));
  const schedule = select('schedule', [['constant', 'constant'], ['cosine', 'cosine decay']]);
  const scheduleSteps = h('input', { type: 'number', name: 'scheduleSteps', min: 1, step: 1, value: 10000 });
  const batchSize = select('batchSize', [...BATCHES.map((b) => [b, String(b)]), ['full', 'full batch']]);
  const regularization = select('regularization', [['none', 'none'], ['l1', 'L1'], ['l2', 'L2']]);
  const regularizationRate = select('regularizationRate', [0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1].map((r) => [r, String(r)]));
  const seed = h('input', { type: 'number', name: 'seed', min: 0, step: 1, value: 1 });
  const backend = select('backend', [['auto', 'auto'], ['cpu', 'CPU (wasm)'], ['webgpu', 'WebGPU']]);
  const architecture = select('architecture', [['bigram', 'bigram (one table)'], ['mlp', 'MLP (Bengio et al. 2003)'], ['transformer', 'transformer (makemore GPT)']]);
  const context = h('input', { type: 'number', name: 'context', min: 0, max: 65, step: 1, value: 3 });
  const blocks = h('input', { type: 'number', name: 'layers', min: 1, max: 12, step: 1, value: 4 });
  const heads = h('input', { type: 'number', name: 'heads', min: 1, max: 16, step: 1, value: 4 });
  const dropout = h('input', { type: 'number', name: 'dropout', min: 0, max: 0.9, step: 0.05, value: 0 });
  const embedding = h('input', { type: 'number', name: 'embedding', min: 1, max: 256, step: 1, value: 10 });
  const textHidden = h('input', { type: 'text', name: 'textHidden', value: '200', spellcheck: 'false', inputmode: 'numeric' });

  const send = (patch) => onChange(patch);
  const safely = (make) => () => {
    try {
      send(make());
    } catch (e) {
      onChange(null, e);
    }
  };
  hidden.addEventListener('change', safely(() => ({ hidden: parseHidden(hidden.value) })));
  conv.addEventListener('change', safely(() => ({ conv: parseHidden(conv.value) })));
  activation.addEventListener('change', safely(() => ({ activation: activation.value })));
  features.addEventListener('change', safely(() => ({
    features: [...features.querySelectorAll('input:checked')].map((i) => i.value),
  })));
  optimizer.addEventListener('change', safely(() => ({ optimizer: optimizer.value })));
  learningRate.addEventListener('change', safely(() => ({ learningRate: Number(learningRate.value) })));
  const scheduled = () => (schedule.value === 'cosine'
    ? { schedule: { kind: 'cosine', steps: Number(scheduleSteps.value) } } : { schedule: { kind: 'constant' } });
  schedule.addEventListener('change', safely(scheduled));
  scheduleSteps.addEventListener('change', safely(scheduled));
  batchSize.addEventListener('change', safely(() => ({ batchSize: batchSize.value === 'full' ? 'full' : Number(batchSize.value) })));
  regularization.addEventListener('change', safely(() => ({ regularization: regularization.value })));
  regularizationRate.addEventListener('change', safely(() => ({ regularizationRate: Number(regularizationRate.value) })));
  seed.addEventListener('change', safely(() => ({ seed: Number(seed.value) })));
  backend.addEventListener('change', safely(() => ({ backend: backend.value })));
  architecture.addEventListener('change', safely(() => ({ architecture: architecture.value })));
  context.addEventListener('change', safely(() => ({ context: Number(context.value) })));
  embedding.addEventListener('change', safely(() => ({ embedding: Number(embedding.value) })));
  blocks.addEventListener('change', safely(() => ({ layers: Number(blocks.value) })));
  heads.addEventListener('change', safely(() => ({ heads: Number(heads.value) })));
  dropout.addEventListener('change', safely(() => ({ dropout: Number(dropout.value) })));
  // On a word list `hidden` means the MLP's tanh layer(s); the core keeps it apart from the points' layers.
  textHidden.addEventListener('change', safely(() => ({ hidden: parseHidden(textHidden.value) })));

  const convField = field('Convolutions', conv, 'channels per 3×3 conv + 2×2 pool, e.g. 8, 16 (a small CNN)');
  const featuresField = h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Input features'), features);
  const hiddenField = field('Hidden layers', hidden, 'widths, e.g. 16, 16 (empty: linear model)');
  const activationField = field('Activation', activation);
  const scheduleStepsField = field('Over', scheduleSteps, 'steps, down to 1 % of the rate');
  const contextHint = h('small', {});
  const readsFields = h('div', { class: 'two' },
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Context'), context, contextHint),
    field('Embedding', embedding, 'numbers per character'));
  const mlpFields = field('Hidden units', textHidden, 'tanh units, e.g. 200 (or 64, 64)');
  const transformerFields = h('div', {},
    h('div', { class: 'two' }, field('Blocks', blocks, 'attention + MLP'), field('Heads', heads, 'per block')),
    field('Dropout', dropout, 'share of activations zeroed at each training step (0 to 0.9); predictions never drop'));
  const wordFields = h('div', { class: 'word-network', hidden: true },
    field('Word program', architecture, 'The bigram is one table: the next character from the last one. The MLP embeds the last few characters and reads them with a tanh layer. The transformer attends to the whole word so far.'),
    readsFields, mlpFields, transformerFields);
  const element = h('section', { class: 'panel network-panel' },
    h('h2', {}, 'Network ', h('em', {}, 'the compiler flags')),
    wordFields,
    hiddenField,
    convField,
    activationField,
    featuresField,
    h('div', { class: 'two' }, field('Optimizer', optimizer), field('Learning rate', learningRate)),
    h('div', { class: 'two' }, field('Rate schedule', schedule), scheduleStepsField),
    h('div', { class: 'two' }, field('Batch size', batchSize), field('Seed', seed)),
    h('div', { class: 'two' }, field('Regularization', regularization), field('Rate', regularizationRate)),
    field('Backend', backend),
  );

  const controls = { hidden: [hidden, textHidden], architecture: [architecture], context: [context], embedding: [embedding], layers: [blocks], heads: [heads], dropout: [dropout],
    conv: [conv], activation: [activation], features: [...features.querySelectorAll('input')],
    optimizer: [optimizer], learningRate: [learningRate], schedule: [schedule, scheduleSteps], batchSize: [batchSize], regularization: [regularization],
    regularizationRate: [regularizationRate], seed: [seed], backend: [backend] };

  /**
   * Disables the controls of the configuration keys in `keys` (`network`: all of them), each with
   * `why` as its tooltip; the API can still set them.
   */
  function lock(keys, why) {
    for (const [key, els] of Object.entries(controls)) {
      const locked = keys.has('network') || keys.has(key);
      for (const el of els) {
        el.disabled = locked;
        if (locked) el.title = why;
        else el.removeAttribute('title');
      }
    }
  }

  /** Shows the configuration the core holds (after every change, accepted or not). */
  function show(config) {
    hidden.value = config.hidden.join(', ');
    conv.value = (config.conv || []).join(', ');
    activation.value = config.activation;
    for (const box of features.querySelectorAll('input')) box.checked = config.features.includes(box.value);
    optimizer.value = config.optimizer;
    ensureOption(learningRate, config.learningRate);
    const plan = config.schedule || { kind: 'constant' };
    schedule.value = plan.kind;
    if (plan.steps) scheduleSteps.value = plan.steps;
    scheduleStepsField.hidden = plan.kind !== 'cosine';
    batchSize.value = config.batchSize === 'full' || config.batchSize === 0 ? 'full' : String(config.batchSize);
    if (batchSize.value === '') ensureOption(batchSize, config.batchSize);
    regularization.value = config.regularization;
    ensureOption(regularizationRate, config.regularizationRate);
    seed.value = config.seed;
    backend.value = config.backend;
    if (config.text) {
      ensureOption(architecture, config.text.architecture);
      context.value = config.text.context;
      embedding.value = config.text.embedding;
      textHidden.value = config.text.hidden.join(', ');
      const kind = config.text.architecture;
      if (config.text.layers !== undefined) blocks.value = config.text.layers;
      if (config.text.heads !== undefined) heads.value = config.text.heads;
      if (config.text.dropout !== undefined) dropout.value = config.text.dropout;
      readsFields.hidden = kind === 'bigram';
      mlpFields.hidden = kind !== 'mlp';
      transformerFields.hidden = kind !== 'transformer';
      contextHint.textContent = kind === 'transformer' ? 'positions; 0: the longest word + 1' : 'characters it reads';
    }
  }
  /**
   * Shows what applies to the data: convolutions for images, input features for points, the word
   * program's own flags (and none of the point network's layers) for a word list.
   */
  function setKind(kind) {
    const words = kind === 'words';
    convField.hidden = kind !== 'images';
    featuresField.hidden = kind !== 'points';
    wordFields.hidden = !words;
    hiddenField.hidden = words;
    activationField.hidden = words;
  }
  setKind('points');
  return { element, show, lock, setKind };
}

/** Selects `value`, adding it to the menu first if the API set a value the menu lacks. */
function ensureOption(sel, value) {
  const v = String(value);
  if (![...sel.options].some((o) => o.value === v)) sel.append(h('option', { value: v }, v));
  sel.value = v;
}
