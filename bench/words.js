// The word workloads' contenders: makemore's names as (context, next character) windows, the
// *Zero to Hero* MLP in TF.js on them (W6), and the playground's word programs (W6's MLP, W7's
// transformer) behind the runner interface of contenders.js. The windows are made exactly as the
// core makes them (`crate/src/data/words.rs`, `windows`): token 0 ends a word and pads the context.

/** A word spec: `{ text: { architecture, context, embedding, hidden }, optimizer, learningRate, batch, seed }`. */

/** The tokens of a word list: token 0 is the end of a word, token i + 1 the i-th character in sorted order. */
export function vocabulary(words) {
  return [...new Set(words.flatMap((w) => [...w]))].sort();
}

/** Every (context, next token) window of `words`: contexts flat (`rows × context`) and targets. */
export function windows(words, vocab, context) {
  const token = new Map(vocab.map((c, i) => [c, i + 1]));
  const contexts = [];
  const targets = [];
  for (const word of words) {
    const window = new Array(context).fill(0);
    for (const t of [...[...word].map((c) => token.get(c)), 0]) {
      contexts.push(...window);
      targets.push(t);
      window.shift();
      window.push(t);
    }
  }
  return { x: Int32Array.from(contexts), y: Int32Array.from(targets), rows: targets.length };
}

/** A seeded shuffle (mulberry32, Fisher–Yates) of `0..n-1`: the batch order, the same for every run. */
function shuffled(n, seed) {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/**
 * The *Zero to Hero* part 2 MLP in TF.js: an embedding table `vocab × embedding` (N(0, 1), as the
 * playground's), flattened over the context, tanh layers, the logits; dense weights Xavier-uniform
 * with gain 5/3 and zero biases, as the playground's. Softmax cross-entropy, the batches taken in
 * one seeded shuffle of the training windows (sliced on the backend's device, one slice per step).
 *
 * The table is TF.js's `embedding` layer (a gather) where the backend has the gather's gradient
 * (`UnsortedSegmentSum`); TF.js's wasm backend has none, so there each character is one-hot and
 * multiplied by the table (a dense layer without bias over the one-hot context: the same function
 * and gradient). `ran` says which.
 */
export function tfjsCharMlp(spec) {
  const { context, embedding, hidden } = spec.text;
  const vocab = vocabulary([...spec.words.train, ...spec.words.test]);
  const classes = vocab.length + 1;
  const train = windows(spec.words.train, vocab, context);
  const test = windows(spec.words.test, vocab, context);
  const gather = Boolean(tf.getKernel('UnsortedSegmentSum', tf.getBackend()));
  const table = tf.initializers.randomNormal({ mean: 0, stddev: 1, seed: spec.seed });
  const model = tf.sequential();
  if (gather) {
    model.add(tf.layers.embedding({ inputDim: classes, outputDim: embedding, inputLength: context, embeddingsInitializer: table }));
  } else {
    model.add(tf.layers.dense({ units: embedding, useBias: false, kernelInitializer: table, inputShape: [context, classes] }));
  }
  model.add(tf.layers.flatten());
  const xavier = (i) => tf.initializers.varianceScaling({ scale: (5 / 3) ** 2, mode: 'fanAvg', distribution: 'uniform', seed: spec.seed + i + 1 });
  hidden.forEach((h, i) => model.add(tf.layers.dense({ units: h, activation: 'tanh', kernelInitializer: xavier(i) })));
  model.add(tf.layers.dense({ units: classes, kernelInitializer: xavier(hidden.length) }));
  const input = (x) => (gather ? x : tf.oneHot(x, classes).toFloat());
  const optimizer = spec.optimizer === 'adam' ? tf.train.adam(spec.learningRate) : tf.train.sgd(spec.learningRate);
  const order = shuffled(train.rows, spec.seed);
  const xs = new Int32Array(train.rows * context);
  const ys = new Int32Array(train.rows);
  order.forEach((r, i) => {
    xs.set(train.x.subarray(r * context, (r + 1) * context), i * context);
    ys[i] = train.y[r];
  });
  const trainX = tf.tensor2d(xs, [train.rows, context], 'int32');
  const trainY = tf.tensor1d(ys, 'int32');
  const testX = tf.tensor2d(test.x, [test.rows, context], 'int32');
  const testY = tf.tensor1d(test.y, 'int32');
  const batches = Math.floor(train.rows / spec.batch);
  let cursor = 0;
  return {
    ran: `${spec.optimizer}, embedding as ${gather ? 'a gather' : 'one-hot × table'}`,
    async steps(k) {
      let cost = null;
      for (let s = 0; s < k; s++) {
        const start = cursor * spec.batch;
        cursor = (cursor + 1) % batches;
        if (cost) cost.dispose();
        cost = optimizer.minimize(() => {
          const bx = trainX.slice([start, 0], [spec.batch, context]);
          const by = tf.oneHot(trainY.slice([start], [spec.batch]), classes).toFloat();
          return tf.losses.softmaxCrossEntropy(by, model.apply(input(bx)));
        }, s === k - 1);
      }
      if (cost) { await cost.data(); cost.dispose(); } // read the loss only at the block end
    },
    /** The mean loss per character on the test words (nats, the end of each word included). */
    async testLoss() {
      const loss = tf.tidy(() => tf.losses.softmaxCrossEntropy(tf.oneHot(testY, classes).toFloat(), model.predict(input(testX))));
      const [v] = await loss.data();
      loss.dispose();
      return v;
    },
    dispose() { tf.dispose([trainX, trainY, testX, testY]); model.dispose(); optimizer.dispose(); },
  };
}

/** A word spec as the playground's `configure` takes it. */
export const wordConfig = (spec, backend) => ({
  backend, ...spec.text, optimizer: spec.optimizer, learningRate: spec.learningRate, batchSize: spec.batch, seed: spec.seed,
  ...(spec.weightDecay === undefined ? {} : { weightDecay: spec.weightDecay }),
});

/**
 * The playground's word program on `client`: configured through the public API, stepped through the
 * worker's own training call (`trainFor`, what `train({ steps })` runs in its slices) so that a block
 * is steps alone, as the peers' are: `train({ steps })` also measures the whole dataset when it
 * ends (`evaluationMs` times that apart). A block ends with `nextChars('')`, a forward pass read back
 * from the device, as the peers' blocks end by reading the loss.
 */
export async function playgroundWords(client, backend, spec, payload) {
  await client.setData(payload);
  await client.configure(wordConfig(spec, backend)); // fresh weights from the seed (no reset(): it evaluates the whole dataset)
  if (client.backend !== backend) throw new Error(`playground asked for ${backend}, runs ${client.backend}`);
  const config = (await client.getConfig()).text;
  if (config.architecture !== spec.text.architecture) throw new Error(`playground runs ${config.architecture}, not ${spec.text.architecture}`);
  return {
    ran: spec.optimizer,
    async steps(k) {
      for (let done = 0; done < k;) done += await client.call('trainFor', k - done, 1e9);
      await client.nextChars('');
    },
    async testLoss() { return (await client.evaluate()).testLoss; },
    /** One `evaluate()`, which every `train({ steps })` call runs at its end (ms). */
    async evaluationMs() {
      const t0 = performance.now();
      await client.evaluate();
      return performance.now() - t0;
    },
    dispose() {},
  };
}
