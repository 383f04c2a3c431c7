#!/usr/bin/python3
"""Second peer of NetGen's performance workloads: Debian's PyTorch 1.13 (python3-torch), from Python.

    /usr/bin/python3 tools/bench/pytorch_peer.py [--workloads S,L] [--threads 1,2] [--quick]

Same workloads, timing method and output as NetGen.Benchmarks.TorchSharp (one JSON line per workload x thread count
on stdout, diagnostics on stderr), so the two peers' lines are interchangeable. Debian's torch calls the system BLAS
(BLAS_INFO=generic): without libopenblas0-openmp that is the slow reference BLAS, which is reported on stderr.
"""
import argparse
import os
import sys
import time

import torch
from torch import nn

# name, training batch, layer sizes (input first), batch normalization, SELU instead of ReLU
WORKLOADS = [
    ("S", 32, [64, 128, 128, 10], False, False),
    ("S-BN", 32, [64, 128, 128, 10], True, False),
    ("M", 64, [784, 256, 256, 10], False, False),
    ("L", 128, [784, 1024, 1024, 1024, 10], False, False),
    ("D", 32, [64] + [100] * 20 + [10], False, True),
]
INFERENCE_BATCH = 256
BATCHES = 8


class Harness:
    """NetGen's harness: warm-up >= WARMUP s and 30 calls sizes the trials; median of TRIALS trials of ~TRIAL s."""
    trials, trial_seconds, warmup_seconds = 5, 0.4, 0.6

    @classmethod
    def calls_per_second(cls, work):
        calls = 0
        start = time.perf_counter()
        while time.perf_counter() - start < cls.warmup_seconds or calls < 30:
            work(calls)
            calls += 1
        per_call = (time.perf_counter() - start) / calls
        batch = max(1, int(cls.trial_seconds / per_call))
        rates = []
        for _ in range(cls.trials):
            t0 = time.perf_counter()
            for i in range(batch):
                work(calls + i)
            calls += batch
            rates.append(batch / (time.perf_counter() - t0))
        rates.sort()
        return rates[cls.trials // 2]


def create(sizes, batch_norm, selu):
    """Linear -> [BatchNorm1d] -> activation per hidden layer (no Linear bias before BN), then the output Linear."""
    layers = []
    for i in range(1, len(sizes)):
        hidden = i < len(sizes) - 1
        linear = nn.Linear(sizes[i - 1], sizes[i], bias=not (hidden and batch_norm))
        nn.init.kaiming_normal_(linear.weight, mode="fan_in", nonlinearity="linear" if selu else "relu")
        if linear.bias is not None:
            nn.init.zeros_(linear.bias)
        layers.append(linear)
        if hidden:
            if batch_norm:
                layers.append(nn.BatchNorm1d(sizes[i]))
            layers.append(nn.SELU() if selu else nn.ReLU())
    return nn.Sequential(*layers)


def measure(sizes, batch, batch_norm, selu):
    torch.manual_seed(7)
    inputs = [torch.randn(batch, sizes[0]) for _ in range(BATCHES)]
    labels = [torch.randint(0, sizes[-1], (batch,)) for _ in range(BATCHES)]
    criterion = nn.CrossEntropyLoss()

    def train(optimizer_of):
        torch.manual_seed(1)
        model = create(sizes, batch_norm, selu)
        model.train()
        optimizer = optimizer_of(model.parameters())

        def step(i):
            b = i % BATCHES
            optimizer.zero_grad()
            loss = criterion(model(inputs[b]), labels[b])
            loss.backward()
            optimizer.step()
        return Harness.calls_per_second(step) * batch

    sgd = train(lambda p: torch.optim.SGD(p, lr=0.01))
    adam = train(lambda p: torch.optim.Adam(p, lr=1e-4))

    torch.manual_seed(1)
    net = create(sizes, batch_norm, selu)
    params = sum(p.numel() for p in net.parameters())
    net.eval()
    samples = torch.randn(INFERENCE_BATCH, sizes[0])
    rows = [samples[i:i + 1].contiguous() for i in range(INFERENCE_BATCH)]
    with torch.inference_mode():
        single = Harness.calls_per_second(lambda i: net(rows[i % INFERENCE_BATCH]))
        batched = Harness.calls_per_second(lambda i: net(samples)) * INFERENCE_BATCH
    return params, sgd, adam, 1e6 / single, batched


def blas_note():
    """Which BLAS Debian's alternatives give torch: the optimized OpenBLAS or the reference one."""
    try:
        with open("/proc/self/maps") as maps:
            libs = {line.split()[-1] for line in maps if "blas" in line}
    except OSError:
        return "unknown"
    if any("openblas" in lib for lib in libs):
        return "OpenBLAS (" + ", ".join(sorted(os.path.basename(lib) for lib in libs)) + ")"
    return ("NOT OpenBLAS, so the slow reference BLAS (" + (", ".join(sorted(libs)) or "none mapped")
            + "): install libopenblas0-openmp for meaningful figures")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workloads", default=",".join(w[0] for w in WORKLOADS))
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.quick:
        Harness.trials, Harness.trial_seconds, Harness.warmup_seconds = 3, 0.15, 0.3
    known = {w[0].upper(): w for w in WORKLOADS}
    try:
        workloads = [known[n.upper()] for n in args.workloads.split(",")]
    except KeyError as e:
        sys.exit(f"unknown workload {e} (known: {', '.join(known)})")
    try:
        threads = [int(t) for t in args.threads.split(",")]
        if min(threads) < 1:
            raise ValueError
    except ValueError:
        sys.exit(f"bad --threads '{args.threads}': expected positive integers, e.g. 1,2")

    torch.set_num_interop_threads(1)
    torch.ones(2) @ torch.ones(2)  # loads the BLAS, for the note below
    print(f"PyTorch {torch.__version__} (python3-torch), BLAS: {blas_note()}, {os.cpu_count()} cores", file=sys.stderr)
    for name, batch, sizes, batch_norm, selu in workloads:
        for t in threads:
            torch.set_num_threads(t)
            params, sgd, adam, b1, b256 = measure(sizes, batch, batch_norm, selu)
            print(f'{{"workload":"{name}","threads":{t},"batch":{batch},"params":{params},"train_sgd_sps":{sgd:.0f},'
                  f'"train_adam_sps":{adam:.0f},"infer_b1_us":{b1:.3f},"infer_b256_sps":{b256:.0f}}}', flush=True)


if __name__ == "__main__":
    main()
