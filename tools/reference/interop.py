#!/usr/bin/python3
"""A PyTorch model for NetGen's import test, written as safetensors.

Run with Debian's interpreter, which has PyTorch (python3-torch, 1.13), from the repository root:

    /usr/bin/python3 tools/reference/interop.py

It trains a small Linear/BatchNorm1d network for a few SGD steps (so the running statistics, gamma and beta
are not at their initial values), then writes

- NetGen.Tests/Fixtures/torch_model.safetensors: the eval-mode state_dict, one tensor per
  `layer{i}.weight` ([out x in], torch layout), `layer{i}.bias`, `layer{i}.bn.weight`, `layer{i}.bn.bias`,
  `layer{i}.bn.running_mean`, `layer{i}.bn.running_var`, in the safetensors format (written by hand below:
  8-byte little-endian header length, JSON header, little-endian float32 data);
- NetGen.Tests/Fixtures/torch_model.json: inputs and the eval-mode softmax probabilities for them.

The output is deterministic (fixed seed, one thread): running the script again rewrites identical files.
"""

import json
import os
import struct

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "..", "NetGen.Tests", "Fixtures")


def build():
    # 6 -> 10 (BN before ReLU, no bias) -> 8 (Tanh, then BN) -> 3 logits; BN eps 1e-5 (PyTorch's default).
    return nn.ModuleDict({
        "layer0": nn.Linear(6, 10, bias=False), "layer0_bn": nn.BatchNorm1d(10),
        "layer1": nn.Linear(10, 8), "layer1_bn": nn.BatchNorm1d(8),
        "layer2": nn.Linear(8, 3),
    })


def forward(m, x):
    x = torch.relu(m["layer0_bn"](m["layer0"](x)))
    x = m["layer1_bn"](torch.tanh(m["layer1"](x)))
    return m["layer2"](x)


def safetensors_bytes(tensors):
    header, offset, blobs = {}, 0, []
    for name in sorted(tensors):
        data = tensors[name].detach().contiguous().to(torch.float32).numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    header["__metadata__"] = {"format": "pt", "source": "tools/reference/interop.py"}
    text = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(blobs)


def main():
    torch.manual_seed(7)
    torch.set_num_threads(1)
    model = build()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(5):
        x, y = torch.randn(16, 6), torch.randint(0, 3, (16,))
        optimizer.zero_grad()
        nn.functional.cross_entropy(forward(model, x), y).backward()
        optimizer.step()
    model.eval()
    tensors = {}
    for i in range(3):
        linear = model[f"layer{i}"]
        tensors[f"layer{i}.weight"] = linear.weight
        if linear.bias is not None:
            tensors[f"layer{i}.bias"] = linear.bias
        if f"layer{i}_bn" in model:
            bn = model[f"layer{i}_bn"]
            for key, value in (("weight", bn.weight), ("bias", bn.bias), ("running_mean", bn.running_mean), ("running_var", bn.running_var)):
                tensors[f"layer{i}.bn.{key}"] = value
    inputs = torch.randn(5, 6)
    with torch.no_grad():
        probabilities = torch.softmax(forward(model, inputs), dim=1)
    with open(os.path.join(FIXTURES, "torch_model.safetensors"), "wb") as f:
        f.write(safetensors_bytes(tensors))
    with open(os.path.join(FIXTURES, "torch_model.json"), "w") as f:
        json.dump({"torch": torch.__version__, "inputs": inputs.flatten().tolist(), "probabilities": probabilities.flatten().tolist(),
                   "batch": 5, "note": "eval mode; BN eps 1e-5, momentum 0.1 (Keras 0.9)"}, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
