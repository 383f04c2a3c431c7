#!/usr/bin/python3
"""Reference trajectories of torch.optim optimizers and gradient clipping for NetGen's parity tests.

Run with Debian's Python, which has PyTorch 1.13 (python3-torch):

    /usr/bin/python3 tools/reference/optimizers.py

It writes NetGen.Tests/Fixtures/optimizers.json. Everything is float32 and seeded, and the
single-tensor (foreach=False) code paths run on one thread, so a rerun writes the identical file.
"""
import json
import os
import re

import torch

LENGTH = 37  # odd, so every vector width leaves a tail
STEPS = 25
SEED = 20240611

# (case name, torch class, torch keyword arguments). The names of the keyword arguments are
# PyTorch's; the C# test maps each to the matching constructor parameter.
CASES = [
    ("sgd", "SGD", {"lr": 0.1}),
    ("sgd_momentum", "SGD", {"lr": 0.05, "momentum": 0.9}),
    ("sgd_nesterov", "SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
    ("sgd_weight_decay", "SGD", {"lr": 0.1, "weight_decay": 0.05}),
    ("sgd_momentum_weight_decay", "SGD", {"lr": 0.05, "momentum": 0.8, "weight_decay": 0.01}),
    ("sgd_nesterov_weight_decay", "SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01}),
    ("adagrad", "Adagrad", {"lr": 0.1}),
    ("adagrad_accumulator_weight_decay", "Adagrad", {"lr": 0.05, "initial_accumulator_value": 0.1, "eps": 1e-10, "weight_decay": 0.01}),
    ("rmsprop", "RMSprop", {"lr": 0.01, "alpha": 0.99, "eps": 1e-8}),
    ("rmsprop_rho_0_9", "RMSprop", {"lr": 0.001, "alpha": 0.9, "eps": 1e-7}),
    ("rmsprop_momentum", "RMSprop", {"lr": 0.01, "momentum": 0.9}),
    ("rmsprop_centered", "RMSprop", {"lr": 0.01, "centered": True}),
    ("rmsprop_centered_momentum_weight_decay", "RMSprop", {"lr": 0.01, "momentum": 0.9, "centered": True, "weight_decay": 0.01}),
    ("adam", "Adam", {"lr": 0.01}),
    ("adam_amsgrad", "Adam", {"lr": 0.01, "amsgrad": True}),
    ("adam_weight_decay", "Adam", {"lr": 0.01, "weight_decay": 0.05}),
    ("adam_amsgrad_weight_decay", "Adam", {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-7, "amsgrad": True, "weight_decay": 0.01}),
    ("adamax", "Adamax", {"lr": 0.01}),
    ("adamax_weight_decay", "Adamax", {"lr": 0.01, "betas": (0.8, 0.99), "weight_decay": 0.05}),
    ("nadam", "NAdam", {"lr": 0.01}),
    ("nadam_weight_decay", "NAdam", {"lr": 0.01, "betas": (0.8, 0.99), "weight_decay": 0.05, "momentum_decay": 0.004}),
    ("adamw", "AdamW", {"lr": 0.01}),
    ("adamw_amsgrad", "AdamW", {"lr": 0.01, "weight_decay": 0.1, "amsgrad": True}),
]

# Per-segment clipping uses these (offset, length) runs, e.g. kernel 3x4, bias 4, kernel 5x3, bias 3 + 3 more.
SEGMENTS = [(0, 12), (12, 4), (16, 15), (31, 6)]


def floats(tensor):
    return [float(x) for x in tensor.tolist()]


def inputs():
    generator = torch.Generator().manual_seed(SEED)
    initial = torch.randn(LENGTH, generator=generator, dtype=torch.float32)
    # Per-step scales from 0.01 to ~3, so the adaptive optimizers see both tiny and large gradients.
    scales = 10.0 ** (torch.rand(STEPS, generator=generator, dtype=torch.float32) * 2.5 - 2.0)
    gradients = torch.randn(STEPS, LENGTH, generator=generator, dtype=torch.float32) * scales[:, None]
    gradients[:3, 3] = 0.0  # a coordinate that sees no gradient at first (ε and zero accumulators)
    return initial, gradients


def trajectory(initial, gradients, kind, options):
    parameter = torch.nn.Parameter(initial.clone())
    optimizer = getattr(torch.optim, kind)([parameter], foreach=False, **options)
    steps = []
    for gradient in gradients:
        parameter.grad = gradient.clone()
        optimizer.step()
        steps.append(floats(parameter.detach()))
    return steps


def clipped(gradient, clip):
    parameter = torch.nn.Parameter(torch.zeros_like(gradient))
    parameter.grad = gradient.clone()
    result = clip(parameter)
    return parameter.grad, result


def clipping_cases(gradients):
    cases = []
    for name, step, value in [("value_0_5", 3, 0.5), ("value_0_05", 0, 0.05)]:
        output, _ = clipped(gradients[step], lambda p: torch.nn.utils.clip_grad_value_([p], value))
        cases.append({"name": name, "kind": "value", "limit": value, "input": floats(gradients[step]), "output": floats(output)})
    for name, step, max_norm in [("norm_clips", 3, 1.0), ("norm_keeps", 1, 1.0)]:
        output, norm = clipped(gradients[step], lambda p: torch.nn.utils.clip_grad_norm_([p], max_norm))
        cases.append({"name": name, "kind": "norm", "limit": max_norm, "input": floats(gradients[step]),
                      "output": floats(output), "norms": [float(norm)]})
    step, max_norm = 7, 1.0  # two of the four segments exceed the limit
    output = gradients[step].clone()
    norms = []
    for offset, length in SEGMENTS:
        segment, norm = clipped(gradients[step][offset:offset + length], lambda p: torch.nn.utils.clip_grad_norm_([p], max_norm))
        output[offset:offset + length] = segment
        norms.append(float(norm))
    cases.append({"name": "norm_per_segment", "kind": "segments", "limit": max_norm, "segments": [list(s) for s in SEGMENTS],
                  "input": floats(gradients[step]), "output": floats(output), "norms": norms})
    return cases


def compact(text):
    """Puts each list of numbers on one line, so the fixture stays readable and diffs by step."""
    return re.sub(r"\[\s*([-0-9.e,\s]+?)\s*\]", lambda m: "[" + ",".join(m.group(1).split()).replace(",,", ",") + "]", text)


def main():
    torch.set_num_threads(1)
    initial, gradients = inputs()
    fixture = {
        "generator": "tools/reference/optimizers.py",
        "torch": torch.__version__,
        "length": LENGTH,
        "initial": floats(initial),
        "gradients": [floats(g) for g in gradients],
        "cases": [{"name": name, "optimizer": kind,
                   "options": {k: (list(v) if isinstance(v, tuple) else v) for k, v in options.items()},
                   "steps": trajectory(initial, gradients, kind, options)}
                  for name, kind, options in CASES],
        "clipping": clipping_cases(gradients),
    }
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(root, "NetGen.Tests", "Fixtures", "optimizers.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        file.write(compact(json.dumps(fixture, indent=1)) + "\n")
    print(f"wrote {path}: {len(CASES)} optimizer cases x {STEPS} steps, {len(fixture['clipping'])} clipping cases")


if __name__ == "__main__":
    main()
