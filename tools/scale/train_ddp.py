#!/usr/bin/python3
"""Distributed data-parallel training of the digits classifier on CPU, exported to ONNX for NetGen to embed.

Two processes on the loopback interface, gloo backend, DistributedDataParallel + DistributedSampler: the way
training scales past one machine with PyTorch (more processes, more hosts), shown at the smallest size.
Run from the repository root with Debian's interpreter (python3-torch 1.13):

    /usr/bin/python3 tools/scale/train_ddp.py             # spawns 2 processes itself

or start each process yourself, as a launcher on several hosts would (RANK 0 and 1, same other variables):

    RANK=1 WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=29500 /usr/bin/python3 tools/scale/train_ddp.py &
    RANK=0 WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=29500 /usr/bin/python3 tools/scale/train_ddp.py

(Debian 12's `torchrun` (torch 1.13 under Python 3.11) crashes before starting workers: its `Std.from_str`
compares an Enum with an int, which Python 3.11 answers False. A working `torchrun --nproc_per_node 2` sets
the same four variables, and the script takes the same path whenever RANK is set.)

Data: data/digits.csv.gz (no header; 64 pixel columns 0-16, then the label). Held-out split: every 4th row
(row index % 4 == 0), a rule the C# sample repeats without sharing any code or file. Input standardization is
part of the model (Sub(mean) + Div(std), mean and std of the training rows), so the exported graph takes raw
pixels and the embedding app needs no scaler. Rank 0 writes NetGen.Samples.Scale/digits-ddp.onnx (opset 13,
dynamic batch, Softmax output) and checks it with onnx.checker and a numpy run of the graph.
"""

import argparse
import gzip
import io
import os
import sys
import time

import numpy as np
import onnx
import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "tools", "import"))
import fixture_io  # noqa: E402  (the numpy ONNX interpreter of the import fixtures)


def load_digits(path):
    with gzip.open(path, "rt") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.float32)
    features, labels = table[:, :64], table[:, 64].astype(np.int64)
    test = np.arange(len(labels)) % 4 == 0
    return (features[~test], labels[~test]), (features[test], labels[test])


class Standardize(nn.Module):
    """(x - mean) / std; exported as Sub + Div, which NetGen reads as input normalization."""

    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", torch.from_numpy(mean))
        self.register_buffer("std", torch.from_numpy(std))

    def forward(self, x):
        return (x - self.mean) / self.std


def build(train_x, hidden):
    mean = train_x.mean(axis=0)
    std = train_x.std(axis=0)
    std[std == 0] = 1  # always-blank border pixels: scale 1, as scikit-learn's StandardScaler does
    return nn.Sequential(Standardize(mean, std), nn.Linear(64, hidden), nn.ReLU(), nn.Linear(hidden, 10))


def run(rank, world, args):
    torch.set_num_threads(1)  # one core per process: two processes fill this 2-core machine
    if "RANK" not in os.environ:
        os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(args.port))
    dist.init_process_group("gloo", rank=rank, world_size=world)
    torch.manual_seed(args.seed)  # the same initial weights on every rank (DDP also broadcasts rank 0's)
    (train_x, train_y), (test_x, test_y) = load_digits(args.data)
    model = build(train_x, args.hidden)
    ddp = DistributedDataParallel(model)
    data = TensorDataset(torch.from_numpy(train_x), torch.from_numpy(train_y))
    sampler = DistributedSampler(data, num_replicas=world, rank=rank, shuffle=True, seed=args.seed)
    loader = DataLoader(data, batch_size=args.batch, sampler=sampler)
    optimizer = torch.optim.SGD(ddp.parameters(), lr=args.lr, momentum=0.9)
    start = time.perf_counter()
    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)  # a new shuffle each epoch, the same on every rank
        ddp.train()
        for x, y in loader:
            optimizer.zero_grad()
            nn.functional.cross_entropy(ddp(x), y).backward()  # DDP all-reduces (averages) the gradients here
            optimizer.step()
    seconds = time.perf_counter() - start

    # Every rank must hold the same weights after training; compare a checksum across ranks.
    checksum = torch.tensor([sum(float(p.double().sum()) for p in model.parameters())], dtype=torch.float64)
    sums = [torch.zeros(1, dtype=torch.float64) for _ in range(world)]
    dist.all_gather(sums, checksum)
    assert all(float(s) == float(sums[0]) for s in sums), f"ranks diverged: {sums}"

    # Held-out accuracy, the test rows sharded across ranks and the counts summed.
    model.eval()
    shard = slice(rank, None, world)
    with torch.no_grad():
        correct = (model(torch.from_numpy(test_x[shard])).argmax(1) == torch.from_numpy(test_y[shard])).sum()
    counts = torch.tensor([int(correct), len(test_y[shard])])
    dist.all_reduce(counts)
    accuracy = int(counts[0]) / int(counts[1])
    if rank == 0:
        export(model, test_x, test_y, accuracy, args)
        print(f"{world} processes (gloo, {os.environ['MASTER_ADDR']}), {args.epochs} epochs, {len(train_y)} training rows: "
              f"training {seconds:.2f} s; held-out accuracy {accuracy:.2%} ({int(counts[0])}/{int(counts[1])})")
    dist.destroy_process_group()


def export(model, test_x, test_y, accuracy, args):
    exported = nn.Sequential(model, nn.Softmax(dim=1)).eval()  # probabilities out: NetGen's default loss is then softmax cross-entropy
    buffer = io.BytesIO()
    torch.onnx.export(exported, torch.from_numpy(test_x[:2]), buffer, opset_version=13, do_constant_folding=True,
                      training=torch.onnx.TrainingMode.EVAL, input_names=["pixels"], output_names=["probabilities"],
                      dynamic_axes={"pixels": {0: "batch"}, "probabilities": {0: "batch"}})
    graph = onnx.load_from_string(buffer.getvalue())
    onnx.checker.check_model(graph, full_check=True)
    with torch.no_grad():
        torch_out = exported(torch.from_numpy(test_x)).numpy()
    numpy_out = fixture_io.run_onnx(graph, test_x)
    worst = float(np.max(np.abs(numpy_out - torch_out)))
    assert worst < 1e-5, f"the exported graph differs from the model by {worst}"
    numpy_accuracy = float(np.mean(numpy_out.argmax(1) == test_y))
    assert abs(numpy_accuracy - accuracy) < 1e-9, (numpy_accuracy, accuracy)
    with open(args.out, "wb") as f:
        f.write(buffer.getvalue())
    ops = " ".join(n.op_type for n in graph.graph.node)
    print(f"wrote {os.path.relpath(args.out, ROOT)} ({len(buffer.getvalue())} bytes; {ops}); "
          f"numpy run of the file: accuracy {numpy_accuracy:.2%}, max |Δp| vs torch {worst:.1e}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=os.path.join(ROOT, "data", "digits.csv.gz"))
    parser.add_argument("--out", default=os.path.join(ROOT, "NetGen.Samples.Scale", "digits-ddp.onnx"))
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--batch", type=int, default=32, help="per process; the global batch is this times the process count")
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--lr", type=float, default=0.02)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--port", type=int, default=29517)
    args = parser.parse_args()
    if "RANK" in os.environ:  # started by a launcher (torchrun or by hand), which sets RANK, WORLD_SIZE, MASTER_ADDR and MASTER_PORT
        run(int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"]), args)
        return
    start = time.perf_counter()
    mp.spawn(run, args=(args.processes, args), nprocs=args.processes, join=True)
    print(f"wall time {time.perf_counter() - start:.2f} s (process start, data loading, training, export)")


if __name__ == "__main__":
    main()
