#!/usr/bin/python3
"""Writes the [Weights] fixtures: real PyTorch state dicts saved as safetensors, and what PyTorch predicts.

Run with Debian's PyTorch 1.13 (/usr/bin/python3 tools/import/make_weights_fixture.py). Debian has no
`safetensors` package, so the files are written by hand in the format's layout: an 8-byte little-endian
header length, a JSON header (tensors in state_dict order, as safetensors.torch.save_file keeps them here),
then the raw little-endian bytes. Outputs go to NetGen.Tests/Fixtures/ImportWeights/:

* sequential.safetensors - nn.Sequential(Linear(6,8), BatchNorm1d(8), ReLU, Linear(8,5), Tanh, Linear(5,3)),
  F32, with the I64 num_batches_tracked counter PyTorch saves; keys 0.weight, 1.running_mean, 3.weight, ...
* named.safetensors - a module with fc1/fc2/fc3 attributes (fc2 without bias), saved as F16 to exercise the
  conversion; keys fc1.weight, fc2.weight, fc3.bias, ...
* manifest.json - the two models in the import fixtures' manifest format (import-format.md; the ONNX fixtures
  have their own manifest in Fixtures/Import/): inputs, and the outputs of each model in eval mode computed in
  float32 (the named model from its F16-rounded weights, which is what the file holds; softmax applied, as
  Predict returns), and the layers an attribute-declared twin declares.
"""
import json
import os
import struct

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "NetGen.Tests", "Fixtures", "ImportWeights")
DTYPES = {torch.float32: "F32", torch.float16: "F16", torch.int64: "I64", torch.float64: "F64"}


def save_safetensors(state, path):
    header, blobs, offset = {}, [], 0
    for name, tensor in state.items():
        data = tensor.contiguous().numpy().tobytes()  # little-endian on x86-64
        header[name] = {"dtype": DTYPES[tensor.dtype], "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)  # the reference writer pads the header to 8 bytes
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


class Named(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(4, 7)
        self.fc2 = torch.nn.Linear(7, 6, bias=False)
        self.fc3 = torch.nn.Linear(6, 3)

    def forward(self, x):
        x = torch.nn.functional.elu(self.fc1(x))
        x = torch.sigmoid(self.fc2(x))
        return torch.softmax(self.fc3(x), dim=1)


def main():
    torch.manual_seed(15)
    os.makedirs(OUT, exist_ok=True)

    sequential = torch.nn.Sequential(
        torch.nn.Linear(6, 8), torch.nn.BatchNorm1d(8), torch.nn.ReLU(),
        torch.nn.Linear(8, 5), torch.nn.Tanh(), torch.nn.Linear(5, 3))
    # A few training-mode passes give the batch norm running statistics that are not 0 and 1.
    sequential.train()
    with torch.no_grad():
        for _ in range(5):
            sequential(torch.randn(32, 6) * 2 + 0.5)
    sequential.eval()
    save_safetensors(sequential.state_dict(), os.path.join(OUT, "sequential.safetensors"))
    x_seq = torch.randn(4, 6)
    with torch.no_grad():
        y_seq = sequential(x_seq)

    named = Named()
    half = {k: v.to(torch.float16) for k, v in named.state_dict().items()}
    save_safetensors(half, os.path.join(OUT, "named.safetensors"))
    named.load_state_dict({k: v.to(torch.float32) for k, v in half.items()})
    named.eval()
    x_named = torch.randn(4, 4)
    with torch.no_grad():
        y_named = named(x_named)

    # tolist() widens each float32 exactly to a Python float, and json writes its shortest exact repr.
    def layer(units, activation, bias=True, batchnorm=None, epsilon=None):
        return {"units": units, "activation": activation, "alpha": 1.0 if activation == "Elu" else 0.0, "bias": bias, "batchnorm": batchnorm, "epsilon": epsilon}

    models = [
        {"name": "sequential", "onnx": None, "safetensors": "sequential.safetensors", "keys": "sequential", "source": "torch",
         "patterns": ["Sequential keys", "BatchNorm1d before activation", "num_batches_tracked"],
         "inputs": 6, "outputs": 3, "batch": 4, "input": x_seq.flatten().tolist(), "expected": y_seq.flatten().tolist(), "output": "None",
         "layers": [layer(8, "Relu", True, "before", 1e-5), layer(5, "Tanh"), layer(3, "Linear")], "normalization": None, "error": None},
        {"name": "named", "onnx": None, "safetensors": "named.safetensors", "keys": "named", "source": "torch",
         "patterns": ["named-module keys", "F16 tensors", "Linear without bias"],
         "inputs": 4, "outputs": 3, "batch": 4, "input": x_named.flatten().tolist(), "expected": y_named.flatten().tolist(), "output": "Softmax",
         "layers": [layer(7, "Elu"), layer(6, "Sigmoid", False), layer(3, "Linear")], "normalization": None, "error": None},
    ]
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump({"models": models}, f, indent=1)


if __name__ == "__main__":
    main()
