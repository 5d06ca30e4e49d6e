// The contenders of the benchmark behind one interface: build a network for a spec, take optimizer
// steps, report test accuracy. Each says which optimizer it really ran.

import { PlaygroundClient } from '../www/client.js';

/**
 * A spec: `{ inputs, hidden, classes, activation, optimizer: 'adam'|'sgd', learningRate, batch,
 * train: { x: Float32Array, y: Int32Array }, test: { x, y }, seed }`; `batch` 0 means full batch.
 */

const playgroundClients = {};

/** `cold`: the playground's idle warm-up is off and the bench trains at once (run.js --cold). */
export const settings = { cold: false };

/**
 * What a visitor's page does between load and the first press of Train: sit idle while the worker
 * warms the wasm up (www/worker-warmup.js; about 2 s), here at most 5 s.
 */
async function idleAfterLoad(c) {
  const t0 = performance.now();
  while (performance.now() - t0 < 5000 && !(await c.call('warmUpStatus')).done) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function playground(backend, spec, payload, cpu = 'auto') {
  const key = `${backend}-${cpu}`;
  if (!playgroundClients[key]) {
    const c = new PlaygroundClient({ cpu, warmUp: !settings.cold });
    await c.ready;
    if (!settings.cold && backend === 'cpu') await idleAfterLoad(c);
    playgroundClients[key] = c;
  }
  const c = playgroundClients[key];
  await c.setData(payload);
  await c.configure({
    backend, hidden: spec.hidden, activation: spec.activation, optimizer: spec.optimizer,
    learningRate: spec.learningRate, batchSize: spec.batch || 'full', seed: spec.seed, features: ['x', 'y'],
    regularization: 'none',
  });
  if (c.backend !== backend) throw new Error(`playground asked for ${backend}, runs ${c.backend}`);
  return {
    ran: spec.optimizer,
    steps: async (k) => { await c.train({ steps: k }); },
    accuracy: async () => (await c.evaluate()).testAccuracy,
    dispose() {},
  };
}

function convnet(spec) {
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

async function tfjs(backend, spec) {
  if (backend === 'wasm') tf.wasm.setWasmPaths(new URL('../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url).href);
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} is not available here`);
  await tf.ready();
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

/** Every contender: `make(spec, payload)` → runner (`payload` is what the playground's `setData` takes). */
export const CONTENDERS = {
  'playground-cpu': (spec, payload) => playground('cpu', spec, payload, 'simd'),
  'playground-cpu-nosimd': (spec, payload) => playground('cpu', spec, payload, 'nosimd'),
  'playground-webgpu': (spec, payload) => playground('webgpu', spec, payload),
  convnetjs: (spec) => convnet(spec),
  'tfjs-cpu': (spec) => tfjs('cpu', spec),
  'tfjs-wasm': (spec) => tfjs('wasm', spec),
  'tfjs-webgl': (spec) => tfjs('webgl', spec),
  'tfjs-webgpu': (spec) => tfjs('webgpu', spec),
};
