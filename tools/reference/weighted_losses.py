#!/usr/bin/python3
"""Reference values for NetGen's weighted losses (FitOptions.ClassWeights / SampleWeights, issue 16 item 4).

Run with Debian's interpreter, which has PyTorch (python3-torch, 1.13), from the repository root:

    /usr/bin/python3 tools/reference/weighted_losses.py

It writes NetGen.Tests/Fixtures/weighted_losses.json, deterministically (fixed seed, one thread, sorted keys).

For three small networks (4 inputs -> Dense(5, tanh) -> output; softmax cross-entropy with 3 classes,
binary cross-entropy with 1 output, mean squared error with 2 outputs) it records the parameters, a batch of
6 samples and, for every weighting (class weights through the label, per-sample weights) and both reductions,
the loss and the gradient of every parameter:

    keras:   sum(w_i * l_i) / N          (Keras's sum_over_batch_size, what class_weight/sample_weight do in fit)
    pytorch: sum(w_i * l_i) / sum(w_i)   (torch.nn.CrossEntropyLoss(weight=...) with reduction='mean')

l_i is sample i's loss averaged over its outputs (Keras averages the last axis before weighting). For the
softmax network with class weights, the 'pytorch' value is checked against CrossEntropyLoss(weight=...) itself.
Linear weights are written in torch's [out x in] layout.
"""

import json
import os

import torch
from torch import nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "..", "..", "NetGen.Tests", "Fixtures", "weighted_losses.json")
BATCH, INPUTS, HIDDEN = 6, 4, 5

torch.set_num_threads(1)
torch.manual_seed(1616)

NETWORKS = {
    "softmax": dict(outputs=3, loss="SoftmaxCrossEntropy",
                    targets=[0, 2, 1, 2, 2, 0], class_weights={0: 0.5, 1: 3.0, 2: 1.25}),
    "binary": dict(outputs=1, loss="BinaryCrossEntropy",
                   targets=[[1.0], [0.0], [0.0], [1.0], [0.0], [0.0]], class_weights={0: 0.4, 1: 2.5}),
    "regression": dict(outputs=2, loss="MeanSquaredError", targets=None, class_weights=None),
}
SAMPLE_WEIGHTS = [0.5, 2.0, 0.0, 1.5, 3.0, 0.25]


def values(tensor):
    return [float(v) for v in tensor.detach().reshape(-1).tolist()]


def per_sample_losses(name, outputs, targets):
    if name == "softmax":
        return F.cross_entropy(outputs, targets, reduction="none")
    if name == "binary":
        return F.binary_cross_entropy_with_logits(outputs, targets, reduction="none").mean(dim=1)
    return F.mse_loss(outputs, targets, reduction="none").mean(dim=1)


def main():
    fixture = {}
    for name, spec in NETWORKS.items():
        model = nn.Sequential(nn.Linear(INPUTS, HIDDEN), nn.Tanh(), nn.Linear(HIDDEN, spec["outputs"]))
        inputs = torch.randn(BATCH, INPUTS)
        if spec["targets"] is None:
            targets = torch.randn(BATCH, spec["outputs"])
        elif name == "softmax":
            targets = torch.tensor(spec["targets"], dtype=torch.long)
        else:
            targets = torch.tensor(spec["targets"], dtype=torch.float32)

        weightings = {"sample": torch.tensor(SAMPLE_WEIGHTS)}
        if spec["class_weights"] is not None:
            labels = targets if name == "softmax" else targets[:, 0].long()
            weightings["class"] = torch.tensor([spec["class_weights"][int(c)] for c in labels])

        cases = {}
        for weighting, w in weightings.items():
            for reduction in ("keras", "pytorch"):
                model.zero_grad()
                losses = per_sample_losses(name, model(inputs), targets)
                divisor = BATCH if reduction == "keras" else w.sum()
                loss = (w * losses).sum() / divisor
                loss.backward()
                if name == "softmax" and weighting == "class" and reduction == "pytorch":
                    table = torch.tensor([spec["class_weights"][c] for c in range(spec["outputs"])])
                    builtin = nn.CrossEntropyLoss(weight=table)(model(inputs), targets)
                    assert abs(builtin.item() - loss.item()) < 1e-6, (builtin.item(), loss.item())
                cases[f"{weighting}_{reduction}"] = dict(
                    weights=values(w), loss=float(loss.item()),
                    gradients={k: values(p.grad) for k, p in model.named_parameters()})

        fixture[name] = dict(
            loss=spec["loss"], outputs=spec["outputs"], class_weights={str(k): v for k, v in (spec["class_weights"] or {}).items()},
            inputs=values(inputs), targets=values(targets.float()),
            parameters={k: values(p) for k, p in model.named_parameters()}, cases=cases)

    with open(OUTPUT, "w") as f:
        json.dump(fixture, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
