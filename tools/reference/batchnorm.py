#!/usr/bin/python3
"""Reference values for NetGen's batch normalization (dense layers with BatchNorm1d before or after the activation).

Run with Debian's interpreter, which has PyTorch (python3-torch, 1.13), from the repository root:

    /usr/bin/python3 tools/reference/batchnorm.py

It writes NetGen.Tests/Fixtures/batchnorm.json. The output is deterministic (fixed seeds, one CPU thread,
float32 values written exactly as Python floats, sorted keys): running the script again rewrites the
identical file.

For each of three small networks it records the layer description, the initial state_dict, three plain-SGD
training steps (train mode: inputs, targets, logits, loss, gradients of the inputs and every parameter, then
the state after optimizer.step()) and one eval-mode forward pass that uses the running statistics.
Tensors are written as {"shape": [...], "data": [...]} with data flattened row-major; Linear weights keep
torch's [out x in] layout.
"""

import json
import os

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "..", "..", "NetGen.Tests", "Fixtures", "batchnorm.json")
EPS, MOMENTUM, LR, BATCH, STEPS, EVAL_BATCH = 1e-3, 0.1, 0.1, 8, 3, 5

# Each dense layer: (units, activation, activation alpha, bn placement, bn affine). A Linear directly
# followed by BatchNorm1d ("before") has no bias; every other Linear has one.
NETWORKS = {
    "bn_before_after": dict(inputs=5, loss="CrossEntropyLoss", layers=[
        (7, "Relu", None, "before", True), (6, "Tanh", None, "after", True), (3, "Linear", None, None, None)]),
    "bn_no_affine": dict(inputs=4, loss="MSELoss", layers=[
        (9, "Elu", 1.0, "before", False), (5, "Sigmoid", None, "after", False), (2, "Linear", None, None, None)]),
    "bn_binary": dict(inputs=6, loss="BCEWithLogitsLoss", layers=[
        (8, "Selu", None, "before", True), (8, "LeakyRelu", 0.01, "before", True), (1, "Linear", None, None, None)]),
}
SEEDS = {"bn_before_after": 101, "bn_no_affine": 202, "bn_binary": 303}


def activation(name, alpha):
    return {"Relu": nn.ReLU(), "Tanh": nn.Tanh(), "Sigmoid": nn.Sigmoid(), "Selu": nn.SELU(),
            "Elu": nn.ELU(alpha=alpha), "LeakyRelu": nn.LeakyReLU(negative_slope=alpha),
            "Linear": nn.Identity()}[name]


def build(spec):
    """Sequential net plus {fixture name: tensor} for the parameters and running statistics."""
    modules, named, fan_in = [], {}, spec["inputs"]
    for i, (units, act, alpha, placement, affine) in enumerate(spec["layers"]):
        linear = nn.Linear(fan_in, units, bias=placement != "before")
        modules.append(linear)
        named[f"layer{i}.weight"] = linear.weight
        if linear.bias is not None:
            named[f"layer{i}.bias"] = linear.bias
        bn = None
        if placement is not None:
            bn = nn.BatchNorm1d(units, eps=EPS, momentum=MOMENTUM, affine=affine)
            if affine:
                with torch.no_grad():
                    bn.weight.copy_(1 + 0.1 * torch.randn(units))
                    bn.bias.copy_(0.1 * torch.randn(units))
                named[f"layer{i}.bn.weight"] = bn.weight
                named[f"layer{i}.bn.bias"] = bn.bias
            named[f"layer{i}.bn.running_mean"] = bn.running_mean
            named[f"layer{i}.bn.running_var"] = bn.running_var
        modules += [m for m in (bn if placement == "before" else None, activation(act, alpha),
                                bn if placement == "after" else None) if m is not None]
        fan_in = units
    return nn.Sequential(*modules), named


def tensor(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": t.reshape(-1).tolist()}


def state(named):
    return {name: tensor(t) for name, t in named.items()}


def targets_for(loss, n, outputs):
    if loss == "CrossEntropyLoss":
        return torch.randint(0, outputs, (n,))
    if loss == "MSELoss":
        return torch.randn(n, outputs)
    return torch.randint(0, 2, (n, outputs)).float()


def describe(spec):
    layers, fan_in = [], spec["inputs"]
    for units, act, alpha, placement, affine in spec["layers"]:
        layers.append({"inputs": fan_in, "units": units, "has_bias": placement != "before", "activation": act,
                       "activation_alpha": alpha, "bn": placement, "bn_affine": affine})
        fan_in = units
    return layers


def run(name, spec):
    torch.manual_seed(SEEDS[name])
    net, named = build(spec)
    loss_fn = getattr(nn, spec["loss"])()
    optimizer = torch.optim.SGD(net.parameters(), lr=LR)
    outputs = spec["layers"][-1][0]
    record = {"inputs": spec["inputs"], "loss": spec["loss"], "layers": describe(spec), "batch_size": BATCH,
              "bn_eps": EPS, "bn_momentum_torch": MOMENTUM, "bn_momentum_keras": 1 - MOMENTUM,
              "optimizer": {"type": "SGD", "lr": LR, "momentum": 0.0}, "initial": state(named), "steps": []}
    params = {n: t for n, t in named.items() if t.requires_grad}
    for _ in range(STEPS):
        net.train()
        x = torch.randn(BATCH, spec["inputs"]).requires_grad_(True)
        y = targets_for(spec["loss"], BATCH, outputs)
        optimizer.zero_grad()
        logits = net(x)
        loss = loss_fn(logits, y)
        loss.backward()
        step = {"inputs": tensor(x), "targets": tensor(y), "logits": tensor(logits), "loss": loss.item(),
                "input_grad": tensor(x.grad), "grads": {n + ".grad": tensor(p.grad) for n, p in params.items()}}
        optimizer.step()
        step["after"] = state(named)
        record["steps"].append(step)
    net.eval()
    x = torch.randn(EVAL_BATCH, spec["inputs"])
    with torch.no_grad():
        record["eval"] = {"inputs": tensor(x), "logits": tensor(net(x))}
    return record


NOTE = ("BatchNorm1d momentum 0.1 is PyTorch's convention: running = (1 - 0.1) * running + 0.1 * batch_stat, "
        "which equals Keras BatchNormalization momentum 0.9. Training-mode normalization uses the biased batch "
        "variance (divide by n), but torch's running_var update uses the unbiased one (times n / (n - 1)). "
        "eps = 1e-3 is added to the variance inside the square root. Logits are the output layer's raw "
        "outputs (before softmax/sigmoid); losses are means. Gradients are taken before optimizer.step(); "
        "'after' is the state_dict after it. num_batches_tracked is omitted (unused when momentum is set).")


def main():
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    document = {"generator": "tools/reference/batchnorm.py", "torch": torch.__version__, "dtype": "float32",
                "note": NOTE, "networks": {name: run(name, spec) for name, spec in NETWORKS.items()}}
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as f:
        json.dump(document, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
