#!/usr/bin/python3
"""Reference values for NetGen's input normalization ([Normalization], Keras's Normalization layer).

Run with Debian's interpreter, which has PyTorch (python3-torch, 1.13), from the repository root:

    /usr/bin/python3 tools/reference/normalization.py

It writes NetGen.Tests/Fixtures/normalization.json, deterministically (fixed seed, float32 values written
exactly as Python floats, sorted keys).

The network is 4 inputs -> normalization -> Dense(5, tanh) -> Dense(3) with softmax cross-entropy. The
statistics are adapted on the batch itself: mean and population variance per feature (numpy, float64, then
rounded to float32 as NetGen stores them); the normalization is Keras's (x - mean) / max(sqrt(var), 1e-7),
with the statistics constants (not functions of the batch). Recorded: the inputs, targets, kernels in NetGen's
[in x out] layout, biases, mean, variance, the loss, the probabilities, the gradient of every parameter and the
gradient of the loss with respect to the raw inputs. Everything is computed in float64 from the float32 values.
"""

import json
import os

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "..", "..", "NetGen.Tests", "Fixtures", "normalization.json")
INPUTS, HIDDEN, CLASSES, BATCH = 4, 5, 3, 8


def f32(values):
    return [float(v) for v in np.asarray(values, dtype=np.float32).reshape(-1)]


def main():
    rng = np.random.default_rng(1616)
    # Features on very different scales, as tabular data has them.
    scale = np.array([30.0, 0.01, 1.0, 200.0])
    offset = np.array([100.0, -3.0, 0.0, 5000.0])
    x = (rng.standard_normal((BATCH, INPUTS)) * scale + offset).astype(np.float32)
    y = rng.integers(0, CLASSES, BATCH)
    w0 = (rng.standard_normal((INPUTS, HIDDEN)) * 0.5).astype(np.float32)
    b0 = (rng.standard_normal(HIDDEN) * 0.1).astype(np.float32)
    w1 = (rng.standard_normal((HIDDEN, CLASSES)) * 0.5).astype(np.float32)
    b1 = (rng.standard_normal(CLASSES) * 0.1).astype(np.float32)

    x64 = x.astype(np.float64)
    mean = x64.mean(axis=0).astype(np.float32)
    variance = x64.var(axis=0).astype(np.float32)  # population variance (ddof 0), as Keras's adapt

    t = lambda a: torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=True)
    xt, w0t, b0t, w1t, b1t = t(x), t(w0), t(b0), t(w1), t(b1)
    std = torch.clamp(torch.sqrt(torch.tensor(variance, dtype=torch.float64)), min=1e-7)
    normalized = (xt - torch.tensor(mean, dtype=torch.float64)) / std
    logits = torch.tanh(normalized @ w0t + b0t) @ w1t + b1t
    loss = torch.nn.functional.cross_entropy(logits, torch.tensor(y))
    loss.backward()

    fixture = {
        "inputs": INPUTS, "hidden": HIDDEN, "classes": CLASSES, "batch": BATCH,
        "x": f32(x), "targets": [float(v) for v in y],
        "kernel0": f32(w0), "bias0": f32(b0), "kernel1": f32(w1), "bias1": f32(b1),
        "mean": f32(mean), "variance": f32(variance),
        "loss": float(loss.item()),
        "probabilities": [float(v) for v in torch.softmax(logits, dim=1).detach().numpy().reshape(-1)],
        "grad_kernel0": [float(v) for v in w0t.grad.numpy().reshape(-1)],
        "grad_bias0": [float(v) for v in b0t.grad.numpy().reshape(-1)],
        "grad_kernel1": [float(v) for v in w1t.grad.numpy().reshape(-1)],
        "grad_bias1": [float(v) for v in b1t.grad.numpy().reshape(-1)],
        "grad_inputs": [float(v) for v in xt.grad.numpy().reshape(-1)],
    }
    with open(OUTPUT, "w") as stream:
        json.dump(fixture, stream, indent=1, sort_keys=True)
        stream.write("\n")


if __name__ == "__main__":
    main()
