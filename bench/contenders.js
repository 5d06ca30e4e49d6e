// The contenders of the benchmark behind one interface. `load()` brings a contender's engine up (the
// moment a page would call it "loaded"); `make(engine, spec, payload)` builds a network for a spec and
// returns a runner that takes optimizer steps and reports test accuracy. Each says which optimizer it
// really ran. No contender gets any treatment here: idle time and warm-up steps are the protocol's
// (workloads.js), the same for all.

import { PlaygroundClient } from '../www/client.js';
import { tfjsCharMlp, playgroundWords } from './words.js';

/**
 * A spec: `{ inputs, hidden, classes, activation, optimizer: 'adam'|'sgd', learningRate, batch,
 * train: { x: Float32Array, y: Int32Array }, test: { x, y }, seed }`; `batch` 0 means full batch.
 * A word spec has `text` (the word program) and `words: { train, test }` instead (see words.js).
 */

/** A playground client as a page makes one (its idle warm-up on, as shipped). */
async function loadPlayground(cpu) {
  const client = new PlaygroundClient({ cpu });
  await client.ready;
  return client;
}

async function playground(c, backend, spec, payload) {
  if (spec.text) return playgroundWords(c, backend, spec, payload);
  await c.setData(payload);
  await c.configure({
    backend, hidden: spec.hidden, activation: spec.activation, optimizer: spec.optimizer,
    learningRate: spec.learningRate, batchSize: spec.batch || 'full', seed: spec.seed, features: ['x', 'y'],
    regularization: 'none',
  });
  await c.reset(); // fresh weights from the seed, whatever ran on this client before
  if (c.backend !== backend) throw new Error(`playground asked for ${backend}, runs ${c.backend}`);
  return {
    ran: spec.optimizer,
    steps: async (k) => { await c.train({ steps: k }); },
    accuracy: async () => (await c.evaluate()).testAccuracy,
    dispose() {},
  };
}

function convnet(spec) {
  if (spec.text) throw new Error('ConvNetJS has no embedding layer: it runs no word program');
  const layers = [{ type: 'input', out_sx: 1, out_sy: 1, out_depth: spec.inputs }];
  for (const h of spec.hidden) layers.push({ type: 'fc', num_neurons: h, activation: spec.activation });
  layers.push({ type: 'softmax', num_classes: spec.classes });
  const net = new convnetjs.Net();
  net.makeLayers(layers);
  const n = spec.train.y.length;
  const batch = spec.batch || n;
  // ConvNetJS 0.3.0 has no Adam: asked for 'adam' it silently runs SGD with momentum 0.9.
  const trainer = new convnetjs.Trainer(net, { method: spec.optimizer, learning_rate: spec.learningRate, batch_size: batch, momentum: spec.optimizer === 'sgd' ? 0 : 0.9 });
  const vols = Array.from({ length: n }, (_, i) => new convnetjs.Vol(Array.from(spec.train.x.subarray(i * spec.inputs, (i + 1) * spec.inputs))));
  const testVols = Array.from({ length: spec.test.y.length }, (_, i) => new convnetjs.Vol(Array.from(spec.test.x.subarray(i * spec.inputs, (i + 1) * spec.inputs))));
  let cursor = 0;
  return {
    ran: spec.optimizer === 'adam' ? 'sgd+momentum 0.9 (asked for adam)' : 'sgd',
    async steps(k) {
      for (let s = 0; s < k * batch; s++) {
        trainer.train(vols[cursor], spec.train.y[cursor]);
        cursor = (cursor + 1) % n;
      }
    },
    async accuracy() {
      let right = 0;
      testVols.forEach((v, i) => { net.forward(v); right += net.getPrediction() === spec.test.y[i] ? 1 : 0; });
      return right / testVols.length;
    },
    dispose() {},
  };
}

/** Brings a TF.js backend up; for wasm, says which binary the browser fetched and how many threads run. */
async function loadTfjs(backend) {
  if (backend === 'wasm') tf.wasm.setWasmPaths(new URL('../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url).href);
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} is not available here`);
  await tf.ready();
  if (backend !== 'wasm') return { backend };
  const binaries = performance.getEntriesByType('resource').map((e) => e.name).filter((u) => u.endsWith('.wasm'))
    .map((u) => u.split('/').pop()).filter((f) => f.startsWith('tfjs-backend-wasm'));
  return {
    backend,
    info: {
      binary: binaries.join(', '),
      threads: tf.wasm.getThreadsCount(),
      simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
      multithread: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
      crossOriginIsolated: self.crossOriginIsolated,
    },
  };
}

function tfjs(spec) {
  if (spec.text) {
    if (spec.text.architecture !== 'mlp') throw new Error(`the bench has no TF.js ${spec.text.architecture}`);
    return tfjsCharMlp(spec);
  }
  const model = tf.sequential();
  spec.hidden.forEach((h, i) => model.add(tf.layers.dense({
    units: h, activation: spec.activation, inputShape: i === 0 ? [spec.inputs] : undefined,
    kernelInitializer: tf.initializers.glorotUniform({ seed: spec.seed + i }),
  })));
  model.add(tf.layers.dense({ units: spec.classes, kernelInitializer: tf.initializers.glorotUniform({ seed: spec.seed + 99 }) }));
  const optimizer = spec.optimizer === 'adam' ? tf.train.adam(spec.learningRate) : tf.train.sgd(spec.learningRate);
  const n = spec.train.y.length;
  const batch = spec.batch || n;
  const x = tf.tensor2d(spec.train.x, [n, spec.inputs]);
  const y = tf.oneHot(tf.tensor1d(spec.train.y, 'int32'), spec.classes).toFloat();
  const tx = tf.tensor2d(spec.test.x, [spec.test.y.length, spec.inputs]);
  const batches = [];
  for (let start = 0; start + batch <= n; start += batch) {
    batches.push([x.slice([start, 0], [batch, spec.inputs]), y.slice([start, 0], [batch, spec.classes])]);
  }
  let cursor = 0;
  return {
    ran: spec.optimizer,
    async steps(k) {
      let cost = null;
      for (let s = 0; s < k; s++) {
        const [bx, by] = batches[cursor];
        cursor = (cursor + 1) % batches.length;
        if (cost) cost.dispose();
        cost = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(by, model.apply(bx)), s === k - 1);
      }
      if (cost) { await cost.data(); cost.dispose(); } // read the loss only at the block end
    },
    async accuracy() {
      const predicted = tf.tidy(() => model.predict(tx).argMax(1));
      const p = await predicted.data();
      predicted.dispose();
      let right = 0;
      p.forEach((c, i) => { right += c === spec.test.y[i] ? 1 : 0; });
      return right / p.length;
    },
    dispose() { tf.dispose([x, y, tx, ...batches.flat()]); model.dispose(); optimizer.dispose(); },
  };
}

const playgroundContender = (backend, cpu) => ({
  load: () => loadPlayground(cpu),
  make: (client, spec, payload) => playground(client, backend, spec, payload),
});
const tfjsContender = (backend) => ({ load: () => loadTfjs(backend), make: (_, spec) => tfjs(spec) });

/** Every contender: `{ load() → engine, make(engine, spec, payload) → runner }` (`payload`: what `setData` takes). */
export const CONTENDERS = {
  'playground-cpu': playgroundContender('cpu', 'simd'),
  'playground-cpu-nosimd': playgroundContender('cpu', 'nosimd'),
  'playground-webgpu': playgroundContender('webgpu', 'auto'),
  convnetjs: { load: async () => ({}), make: (_, spec) => convnet(spec) },
  'tfjs-cpu': tfjsContender('cpu'),
  'tfjs-wasm': tfjsContender('wasm'),
  'tfjs-webgl': tfjsContender('webgl'),
  'tfjs-webgpu': tfjsContender('webgpu'),
};

/** Which contenders run each word program (W6: the MLP, W7: the transformer). */
export const WORD_PROGRAMS = {
  mlp: ['playground-cpu', 'playground-cpu-nosimd', 'playground-webgpu', 'tfjs-cpu', 'tfjs-wasm', 'tfjs-webgl', 'tfjs-webgpu'],
  transformer: ['playground-cpu', 'playground-cpu-nosimd', 'playground-webgpu'],
};

/** Contenders that run on SwiftShader here (no GPU): reported, with time caps instead of step counts. */
export const SOFTWARE_GPU = ['playground-webgpu', 'tfjs-webgl', 'tfjs-webgpu'];
