"""nextChars from an exported word program, in numpy: the playground's forward pass written out.

    python next_chars.py model.safetensors [prefix ...]

prints `{prefix: [{"char": c, "probability": p}, ...]}`, most likely first, as the page's
`nextChars(prefix)` gives it (`""` when no prefix is given). The file is what `exportModel()` returns
as `safetensors` (the page's "⤓ Model" button saves it as model.safetensors): its metadata carries the
description under "sw2-playground.description", so this one file is the whole program. The README's
"A program that writes names" describes the tensors; tests/python-reader.test.js checks this reader
against the page to 1e-5.
"""

import json
import math
import sys

import numpy as np
from safetensors import safe_open

END = 0  # token 0 ends a word and pads the context in front of its first character; shown as "."


def load(path):
    """The weights (as float64) and the description's `text` part."""
    with safe_open(path, framework="numpy") as f:
        weights = {name: f.get_tensor(name).astype(np.float64) for name in f.keys()}
        description = json.loads(f.metadata()["sw2-playground.description"])
    return weights, description["text"]


def window_logits(w, text, tokens):
    """Bigram and MLP: the embeddings of the last `context` tokens (padded in front with the end
    token), concatenated oldest first, through the dense layers with tanh between them. The bigram
    has no layers: its one embedding row is the logits."""
    context = ([END] * text["context"] + tokens)[-text["context"]:]
    x = w["embedding.weight"][context].reshape(-1)
    layers = len(text["hidden"]) + 1 if text["architecture"] == "mlp" else 0
    for i in range(layers):
        x = x @ w[f"layers.{i}.weight"] + w[f"layers.{i}.bias"]  # weights are [inputs, outputs]
        if i < layers - 1:
            x = np.tanh(x)
    return x


def layer_norm(x, w, name):
    """burn's LayerNorm: biased variance, epsilon 1e-5."""
    mean, var = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-5) * w[f"{name}.gamma"] + w[f"{name}.beta"]


def linear(x, w, name):
    """burn's Linear: its weight is [inputs, outputs], so no transpose."""
    return x @ w[f"{name}.weight"] + w[f"{name}.bias"]


def gelu(x):
    """burn's Gelu::new(): the exact form, x·Φ(x) with the error function."""
    return 0.5 * x * (1 + np.vectorize(math.erf)(x / math.sqrt(2)))


def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def attention(x, w, name, heads):
    """Causal multi-head self-attention: each head owns a slice of the width; each position looks
    at itself and the positions before it."""
    t, width = x.shape
    size = width // heads
    q, k, v = (linear(x, w, f"{name}.{part}").reshape(t, heads, size).transpose(1, 0, 2) for part in ("query", "key", "value"))
    scores = q @ k.transpose(0, 2, 1) / math.sqrt(size)
    scores = np.where(np.tril(np.ones((t, t), dtype=bool)), scores, -np.inf)
    context = (softmax(scores) @ v).transpose(1, 0, 2).reshape(t, width)
    return linear(context, w, f"{name}.output")


def transformer_logits(w, text, tokens):
    """The GPT reads the end token (as the start) and the whole prefix; its prediction at the last
    position is the next character's."""
    sequence = [END] + tokens
    x = w["wte.weight"][sequence] + w["wpe.weight"][: len(sequence)]
    for i in range(text["layers"]):
        block = f"blocks.{i}"
        x = x + attention(layer_norm(x, w, f"{block}.ln_1"), w, f"{block}.attn", text["heads"])
        x = x + linear(gelu(linear(layer_norm(x, w, f"{block}.ln_2"), w, f"{block}.fc")), w, f"{block}.proj")
    return layer_norm(x, w, "ln_f")[-1] @ w["lm_head.weight"]  # the head has no bias


def next_chars(w, text, prefix):
    """Every token's probability after `prefix`, most likely first."""
    symbols = "." + text["vocabulary"]  # token i is symbols[i]
    unknown = [c for c in prefix if c not in text["vocabulary"]]
    if unknown:
        raise SystemExit(f"'{unknown[0]}' is not a character the program knows")
    tokens = [symbols.index(c) for c in prefix]
    if text["architecture"] == "transformer":
        if len(tokens) >= text["context"] - 1:  # as the page: its positions are the start and the word
            raise SystemExit(f"the prefix has {len(tokens)} characters; this program writes words of at most {text['context'] - 1}")
        logits = transformer_logits(w, text, tokens)
    else:
        logits = window_logits(w, text, tokens)
    probabilities = softmax(logits)
    order = sorted(range(len(symbols)), key=lambda t: -probabilities[t])
    return [{"char": symbols[t], "probability": float(probabilities[t])} for t in order]


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit("usage: python next_chars.py model.safetensors [prefix ...]")
    weights, text = load(sys.argv[1])
    prefixes = sys.argv[2:] or [""]
    print(json.dumps({p: next_chars(weights, text, p) for p in prefixes}))
