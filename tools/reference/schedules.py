#!/usr/bin/python3
"""Reference learning-rate sequences for NetGen's schedules (NetGen.Runtime/Schedules).

Run with Debian's interpreter, which has PyTorch (python3-torch, 1.13):

    /usr/bin/python3 tools/reference/schedules.py

It writes NetGen.Tests/Fixtures/schedules.json, read by NetGen.Tests/Schedules/ScheduleParityTests.cs.
The output is deterministic: running the script again rewrites the identical file.

Two kinds of case:
  * "torch": a real torch.optim.SGD driven by a real torch.optim.lr_scheduler; the recorded rate is
    optimizer.param_groups[0]["lr"] just before each optimizer.step(), then scheduler.step() is called,
    the order PyTorch documents.
  * "keras-formula": Keras is not installed here, so the Keras 3 formulas are written out below in plain
    Python, following keras/src/optimizers/schedules/learning_rate_schedule.py (Keras 3.x: ExponentialDecay,
    PiecewiseConstantDecay, InverseTimeDecay, CosineDecay.__call__/_warmup_function/_decay_function) and
    the matching pages of https://keras.io/api/optimizers/learning_rate_schedules/.
"""

import json
import math
import os
import warnings

import torch

STEPS = 60
HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "..", "..", "NetGen.Tests", "Fixtures", "schedules.json")


def torch_rates(initial_lr, make_scheduler, steps=STEPS):
    """Learning rate seen by each of `steps` optimizer steps of SGD under a PyTorch scheduler."""
    parameter = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([parameter], lr=initial_lr)
    scheduler = make_scheduler(optimizer)
    rates = []
    for _ in range(steps):
        rates.append(float(optimizer.param_groups[0]["lr"]))
        parameter.grad = torch.zeros(1)
        optimizer.step()
        scheduler.step()
    return rates


# --- Keras 3 formulas (plain Python; see the module docstring for the source followed) ---------------

def keras_exponential_decay(initial_learning_rate, decay_steps, decay_rate, staircase, step):
    p = step / decay_steps
    if staircase:
        p = math.floor(p)
    return initial_learning_rate * decay_rate ** p


def keras_inverse_time_decay(initial_learning_rate, decay_steps, decay_rate, staircase, step):
    p = step / decay_steps
    if staircase:
        p = math.floor(p)
    return initial_learning_rate / (1 + decay_rate * p)


def keras_piecewise_constant(boundaries, values, step):
    # values[0] for step <= boundaries[0]; values[i] for boundaries[i-1] < step <= boundaries[i];
    # values[-1] for step > boundaries[-1].
    for boundary, value in zip(boundaries, values):
        if step <= boundary:
            return value
    return values[-1]


def keras_cosine_decay(initial_learning_rate, decay_steps, alpha, warmup_target, warmup_steps, step):
    def decay(t, decay_from):
        cosine = 0.5 * (1.0 + math.cos(math.pi * (t / decay_steps)))
        return decay_from * ((1 - alpha) * cosine + alpha)

    if warmup_target is None:
        return decay(min(step, decay_steps), initial_learning_rate)
    t = min(step, decay_steps + warmup_steps)
    if t < warmup_steps:
        return (warmup_target - initial_learning_rate) * (t / warmup_steps) + initial_learning_rate
    return decay(t - warmup_steps, warmup_target)


def keras_case(name, schedule, args, formula, steps=STEPS):
    return {
        "name": name,
        "source": "keras-formula",
        "schedule": schedule,
        "args": args,
        "rates": [float(formula(step)) for step in range(steps)],
    }


def torch_case(name, schedule, args, initial_lr, make_scheduler, steps=STEPS):
    return {
        "name": name,
        "source": "torch",
        "schedule": schedule,
        "args": args,
        "rates": torch_rates(initial_lr, make_scheduler, steps),
    }


def schedule_cases():
    lr = torch.optim.lr_scheduler
    cases = [
        # PyTorch, one scheduler.step() per "step" (per epoch for ExponentialLR/MultiStepLR/StepLR).
        torch_case("torch ExponentialLR gamma 0.9", "ExponentialDecay.PerEpoch",
                   {"initial": 0.1, "gamma": 0.9}, 0.1, lambda o: lr.ExponentialLR(o, gamma=0.9)),
        torch_case("torch StepLR step 7 gamma 0.5", "ExponentialDecay",
                   {"initial": 0.1, "decay_steps": 7, "decay_rate": 0.5, "staircase": True, "unit": "epoch"},
                   0.1, lambda o: lr.StepLR(o, step_size=7, gamma=0.5)),
        torch_case("torch MultiStepLR 10,25,25,40 gamma 0.3", "PiecewiseConstant.FromMilestones",
                   {"initial": 0.2, "milestones": [10, 25, 25, 40], "gamma": 0.3},
                   0.2, lambda o: lr.MultiStepLR(o, milestones=[10, 25, 25, 40], gamma=0.3)),
        torch_case("torch MultiStepLR 0,20 default gamma", "PiecewiseConstant.FromMilestones",
                   {"initial": 0.05, "milestones": [20, 0]},
                   0.05, lambda o: lr.MultiStepLR(o, milestones=[20, 0])),
        torch_case("torch CosineAnnealingLR T_max 40 eta_min 1e-3", "CosineDecay",
                   {"initial": 0.1, "decay_steps": 40, "alpha": 0.01},
                   0.1, lambda o: lr.CosineAnnealingLR(o, T_max=40, eta_min=1e-3), steps=41),
    ]
    one_cycle = [
        ("cos", {"max_lr": 0.5, "total_steps": 60}, {}),
        ("linear", {"max_lr": 0.5, "total_steps": 60, "anneal": "linear"}, {"anneal_strategy": "linear"}),
        ("three_phase cos", {"max_lr": 0.5, "total_steps": 60, "three_phase": True}, {"three_phase": True}),
        ("three_phase linear", {"max_lr": 0.5, "total_steps": 60, "three_phase": True, "anneal": "linear"},
         {"three_phase": True, "anneal_strategy": "linear"}),
        ("pct 0.25 div 10 final 100", {"max_lr": 0.02, "total_steps": 60, "pct_start": 0.25,
                                       "div_factor": 10.0, "final_div_factor": 100.0},
         {"pct_start": 0.25, "div_factor": 10.0, "final_div_factor": 100.0}),
    ]
    for label, args, kwargs in one_cycle:
        cases.append(torch_case(
            "torch OneCycleLR " + label, "OneCycle", args, 0.1,
            lambda o, a=args, k=kwargs: lr.OneCycleLR(o, max_lr=a["max_lr"], total_steps=a["total_steps"],
                                                     cycle_momentum=False, **k)))

    cases += [
        keras_case("keras ExponentialDecay", "ExponentialDecay",
                   {"initial": 0.1, "decay_steps": 10, "decay_rate": 0.5, "staircase": False},
                   lambda s: keras_exponential_decay(0.1, 10, 0.5, False, s)),
        keras_case("keras ExponentialDecay staircase", "ExponentialDecay",
                   {"initial": 0.1, "decay_steps": 7, "decay_rate": 0.8, "staircase": True},
                   lambda s: keras_exponential_decay(0.1, 7, 0.8, True, s)),
        keras_case("keras InverseTimeDecay", "InverseTimeDecay",
                   {"initial": 0.1, "decay_steps": 5, "decay_rate": 0.5, "staircase": False},
                   lambda s: keras_inverse_time_decay(0.1, 5, 0.5, False, s)),
        keras_case("keras InverseTimeDecay staircase", "InverseTimeDecay",
                   {"initial": 0.1, "decay_steps": 10, "decay_rate": 1.0, "staircase": True},
                   lambda s: keras_inverse_time_decay(0.1, 10, 1.0, True, s)),
        keras_case("keras PiecewiseConstantDecay", "PiecewiseConstant",
                   {"boundaries": [10, 30, 45], "values": [0.1, 0.05, 0.01, 0.001]},
                   lambda s: keras_piecewise_constant([10, 30, 45], [0.1, 0.05, 0.01, 0.001], s)),
        keras_case("keras CosineDecay alpha 0.1", "CosineDecay",
                   {"initial": 0.1, "decay_steps": 40, "alpha": 0.1},
                   lambda s: keras_cosine_decay(0.1, 40, 0.1, None, 0, s)),
        keras_case("keras CosineDecay warmup from 0", "CosineDecay",
                   {"initial": 0.0, "decay_steps": 30, "alpha": 0.05, "warmup_target": 0.2, "warmup_steps": 10},
                   lambda s: keras_cosine_decay(0.0, 30, 0.05, 0.2, 10, s)),
        keras_case("keras CosineDecay warmup from 0.01", "CosineDecay",
                   {"initial": 0.01, "decay_steps": 45, "alpha": 0.0, "warmup_target": 0.1, "warmup_steps": 7},
                   lambda s: keras_cosine_decay(0.01, 45, 0.0, 0.1, 7, s)),
        keras_case("keras CosineDecay warmup target without warmup steps", "CosineDecay",
                   {"initial": 0.3, "decay_steps": 50, "alpha": 0.0, "warmup_target": 0.1, "warmup_steps": 0},
                   lambda s: keras_cosine_decay(0.3, 50, 0.0, 0.1, 0, s)),
    ]
    return cases


def loss_like(epoch):
    """A validation-loss-like sequence: falls, then plateaus with small deterministic wiggles."""
    return round(1.0 / (1.0 + 0.25 * min(epoch, 14)) + 0.004 * math.sin(1.7 * epoch) + 0.002 * (epoch % 3), 6)


def accuracy_like(epoch):
    """An accuracy-like sequence: rises, then plateaus with small deterministic wiggles."""
    return round(0.9 - 0.5 / (1.0 + 0.3 * min(epoch, 16)) + 0.003 * math.cos(2.3 * epoch), 6)


def plateau_case(name, initial_lr, metrics, kwargs):
    parameter = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([parameter], lr=initial_lr)
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, **kwargs)
    rates, best, bad, cooldown = [], [], [], []
    for metric in metrics:
        rates.append(float(optimizer.param_groups[0]["lr"]))
        parameter.grad = torch.zeros(1)
        optimizer.step()
        scheduler.step(metric)
        best.append(float(scheduler.best))
        bad.append(int(scheduler.num_bad_epochs))
        cooldown.append(int(scheduler.cooldown_counter))
    return {"name": name, "source": "torch", "initial": initial_lr, "args": kwargs, "metrics": metrics,
            "rates": rates, "best": best, "bad_epochs": bad, "cooldown_counter": cooldown}


def plateau_cases():
    losses = [loss_like(e) for e in range(STEPS)]
    accuracies = [accuracy_like(e) for e in range(STEPS)]
    return [
        plateau_case("min rel patience 3", 0.1, losses, {"mode": "min", "patience": 3}),
        plateau_case("min rel defaults", 0.1, losses, {}),
        plateau_case("min abs 0.01 patience 2 cooldown 3", 0.1, losses,
                     {"mode": "min", "threshold": 0.01, "threshold_mode": "abs", "patience": 2, "cooldown": 3}),
        plateau_case("min rel factor 0.5 patience 1 min_lr 0.02", 0.1, losses,
                     {"factor": 0.5, "patience": 1, "min_lr": 0.02}),
        plateau_case("max rel patience 2 cooldown 1", 0.05, accuracies,
                     {"mode": "max", "patience": 2, "cooldown": 1, "threshold": 1e-3}),
        plateau_case("max abs 0.005 patience 0 min_lr 1e-4", 0.05, accuracies,
                     {"mode": "max", "threshold": 0.005, "threshold_mode": "abs", "patience": 0, "min_lr": 1e-4}),
        plateau_case("min rel eps 1e-3 blocks small reductions", 0.01, losses,
                     {"factor": 0.5, "patience": 1, "eps": 1e-3}),
    ]


def main():
    warnings.simplefilter("ignore")
    document = {
        "generator": "tools/reference/schedules.py",
        "torch": torch.__version__,
        "schedules": schedule_cases(),
        "plateau": plateau_cases(),
    }
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as f:
        json.dump(document, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
