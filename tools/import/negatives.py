"""Negative fixtures: files an importer must refuse with an NG error. Each `error` is a substring the message
must contain that does not depend on wording: a node name, an initializer or state-dict key, or (for files
that are not a model at all) the file name."""

import io

import numpy as np
import torch
from torch import nn

import fixture_io
import helper_graphs as hg

SOURCE = "tools/import/make_fixtures.py"


def _export(model, example):
    buffer = io.BytesIO()
    torch.onnx.export(model.eval(), example, buffer, opset_version=13, do_constant_folding=True, input_names=["input"],
                      output_names=["output"], dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    return buffer.getvalue()


class Residual(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1, self.fc2, self.fc3 = nn.Linear(8, 16), nn.Linear(16, 16), nn.Linear(16, 2)

    def forward(self, x):
        h = torch.relu(self.fc1(x))
        return self.fc3(torch.relu(self.fc2(h)) + h)  # the skip: h reaches the Add around fc2


def _neg(name, onnx_file, st_file, keys, source, inputs, outputs, layers, error):
    return {"name": name, "onnx": onnx_file, "safetensors": st_file, "keys": keys, "source": source, "patterns": [],
            "inputs": inputs, "outputs": outputs, "batch": None, "input": None, "expected": None, "output": None,
            "layers": layers, "normalization": None, "error": error}


def negatives(files, layer):
    torch.manual_seed(31)
    out = []
    conv = nn.Sequential(nn.Conv1d(1, 4, 3), nn.ReLU(), nn.Flatten(), nn.Linear(56, 3))
    files["neg_conv.onnx"] = _export(conv, torch.randn(2, 1, 16))
    out.append(_neg("neg_conv", "neg_conv.onnx", None, None, "torch", 16, 3, None, "/0/Conv"))

    files["neg_skip.onnx"] = _export(Residual(), torch.randn(2, 8))
    out.append(_neg("neg_skip", "neg_skip.onnx", None, None, "torch", 8, 2, None, "/Add"))

    # Two unsupported nodes: the message must list both, so the later one is the substring.
    rng = np.random.RandomState(32)
    g = hg.Graph("input")
    g.then("Gemm", "fc1/Gemm", g.init("fc1.weight", rng.randn(10, 6)), g.init("fc1.bias", rng.randn(10)), transB=1)
    g.then("Cos", "act_cos")
    g.then("Gemm", "fc2/Gemm", g.init("fc2.weight", rng.randn(8, 10)), g.init("fc2.bias", rng.randn(8)), transB=1)
    g.then("Transpose", "swap_transpose", perm=[0, 1])
    g.then("Gemm", "fc3/Gemm", g.init("fc3.weight", rng.randn(2, 8)), g.init("fc3.bias", rng.randn(2)), transB=1)
    files["neg_unsupported.onnx"] = g.model("neg_unsupported", 6, 2, "batch").SerializeToString()
    out.append(_neg("neg_unsupported", "neg_unsupported.onnx", None, None, "keras-style", 6, 2, None, "swap_transpose"))

    # fc2's kernel takes 12 inputs; fc1 gives 10.
    g = hg.Graph("input")
    g.then("Gemm", "fc1/Gemm", g.init("fc1.weight", rng.randn(10, 6)), g.init("fc1.bias", rng.randn(10)), transB=1)
    g.then("Relu", "fc1/Relu")
    g.then("Gemm", "fc2/Gemm", g.init("fc2.weight", rng.randn(4, 12)), g.init("fc2.bias", rng.randn(4)), transB=1)
    model = g.model("neg_shape", 6, 4, "batch")
    model.graph.output[0].type.tensor_type.shape.dim[1].dim_value = 4
    files["neg_shape.onnx"] = model.SerializeToString()
    out.append(_neg("neg_shape", "neg_shape.onnx", None, None, "keras-style", 6, 4, None, "fc2.weight"))

    whole = files["torch_relu_softmax.onnx"]
    files["neg_truncated.onnx"] = whole[:len(whole) * 3 // 5]
    out.append(_neg("neg_truncated", "neg_truncated.onnx", None, None, "torch", 8, 4, None, "neg_truncated.onnx"))
    files["neg_not_onnx.onnx"] = b"This is not an ONNX model: a text file saved with the wrong extension.\n"
    out.append(_neg("neg_not_onnx", "neg_not_onnx.onnx", None, None, "torch", None, None, None, "neg_not_onnx.onnx"))

    # A named-module state dict whose fc2 was trained for 20 inputs, against a twin declaring 16 before it.
    declared = [layer(16, "Relu"), layer(8, "Relu"), layer(3)]
    wrong = {"fc1.weight": rng.randn(16, 10), "fc1.bias": rng.randn(16), "fc2.weight": rng.randn(8, 20),
             "fc2.bias": rng.randn(8), "fc3.weight": rng.randn(3, 8), "fc3.bias": rng.randn(3)}
    files["neg_shapes.safetensors"] = fixture_io.safetensors_bytes({k: v.astype(np.float32) for k, v in wrong.items()}, SOURCE)
    out.append(_neg("neg_shapes", None, "neg_shapes.safetensors", "named", "torch", 10, 3, declared, "fc2.weight"))

    good = files["torch_relu_softmax.safetensors"]
    files["neg_truncated.safetensors"] = good[:len(good) - 40]
    out.append(_neg("neg_truncated_safetensors", None, "neg_truncated.safetensors", "sequential", "torch", 8, 4,
                    [layer(16, "Relu"), layer(4)], "neg_truncated.safetensors"))
    return out
