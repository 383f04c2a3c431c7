#!/usr/bin/python3
"""Writes the ONNX reader's parity fixtures: small PyTorch 1.13 models exported at opset 13, and a
Keras-style MatMul+Add graph written with onnx.helper, each with a JSON sidecar giving the layers the
reader must recognise (kernels in NetGen's [inputs x units] layout), a sample input and the graph's own
output computed by PyTorch/numpy in float32.

Run with Debian's interpreter (python3-torch 1.13, python3-onnx 1.12):
    /usr/bin/python3 tools/import/onnx_reader_cases.py
Output: NetGen.Tests/Fixtures/Import/Reader/<case>.onnx and <case>.json (committed; CI needs no Python).
"""
import json
import os

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "NetGen.Tests", "Fixtures", "Import", "Reader")
BATCH = 3


def floats(array):
    # repr of a float32 round-trips exactly when parsed as float32.
    return [float(repr(np.float32(v))) for v in np.asarray(array, dtype=np.float32).reshape(-1)]


def randomize_bn(bn, generator):
    with torch.no_grad():
        bn.weight.copy_(torch.rand(bn.num_features, generator=generator) + 0.5)
        bn.bias.copy_(torch.randn(bn.num_features, generator=generator) * 0.3)
        bn.running_mean.copy_(torch.randn(bn.num_features, generator=generator) * 0.2)
        bn.running_var.copy_(torch.rand(bn.num_features, generator=generator) + 0.5)


def dense(linear, activation, alpha=0.0, batchnorm=None, placement=None):
    layer = {
        "inputs": linear.in_features,
        "units": linear.out_features,
        "activation": activation,
        "alpha": alpha,
        "kernel": floats(linear.weight.detach().numpy().T),
        "bias": floats(linear.bias.detach().numpy()) if linear.bias is not None else None,
        "batchnorm": None,
    }
    if batchnorm is not None:
        layer["batchnorm"] = {
            "placement": placement,
            "epsilon": float(batchnorm.eps),
            "gamma": floats(batchnorm.weight.detach().numpy()),
            "beta": floats(batchnorm.bias.detach().numpy()),
            "mean": floats(batchnorm.running_mean.numpy()),
            "variance": floats(batchnorm.running_var.numpy()),
        }
    return layer


def export_torch(name, model, input_shape, layers, output, dynamic_batch, patterns):
    model.eval()
    generator = torch.Generator().manual_seed(sum(name.encode()))
    x = torch.randn(*([BATCH] + input_shape), generator=generator)
    with torch.no_grad():
        y = model(x)
    path = os.path.join(OUT, name + ".onnx")
    torch.onnx.export(model, x, path, opset_version=13, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}} if dynamic_batch else None)
    ops = [node.op_type for node in onnx.load(path).graph.node]
    write_sidecar(name, layers, output, None, x.numpy(), y.numpy(), dynamic_batch, patterns, ops)


def write_sidecar(name, layers, output, normalization, x, y, dynamic_batch, patterns, ops):
    sidecar = {
        "name": name,
        "patterns": patterns,
        "ops": ops,
        "dynamicBatch": dynamic_batch,
        "inputs": layers[0]["inputs"],
        "batch": BATCH,
        "input": floats(x),
        "expected": floats(y),
        "output": output,
        "normalization": normalization,
        "layers": layers,
    }
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(sidecar, f, indent=1)


def torch_cases():
    torch.manual_seed(15)
    g = torch.Generator().manual_seed(7)

    fc1, fc2 = torch.nn.Linear(6, 8), torch.nn.Linear(8, 4)
    model = torch.nn.Sequential(fc1, torch.nn.ReLU(), fc2, torch.nn.Softmax(dim=1))
    export_torch("torch_relu_softmax", model, [6], [dense(fc1, "Relu"), dense(fc2, "Linear")], "Softmax", True,
                 ["Gemm transB=1", "Softmax", "dynamic batch"])

    fc1, bn1, fc2 = torch.nn.Linear(5, 7), torch.nn.BatchNorm1d(7), torch.nn.Linear(7, 3)
    randomize_bn(bn1, g)
    model = torch.nn.Sequential(fc1, bn1, torch.nn.GELU(), fc2)
    export_torch("torch_bn_before_gelu", model, [5], [dense(fc1, "Gelu", batchnorm=bn1, placement="before"), dense(fc2, "Linear")],
                 "None", True, ["BatchNormalization before activation", "GELU Div/Erf subgraph"])

    fc1, bn1, fc2, fc3 = torch.nn.Linear(4, 6), torch.nn.BatchNorm1d(6), torch.nn.Linear(6, 5), torch.nn.Linear(5, 1)
    randomize_bn(bn1, g)
    model = torch.nn.Sequential(fc1, torch.nn.SiLU(), bn1, fc2, torch.nn.LeakyReLU(0.2), fc3, torch.nn.Sigmoid())
    export_torch("torch_silu_bn_after_sigmoid", model, [4],
                 [dense(fc1, "Silu", batchnorm=bn1, placement="after"), dense(fc2, "LeakyRelu", alpha=0.2), dense(fc3, "Linear")],
                 "Sigmoid", True, ["SiLU Sigmoid+Mul", "BatchNormalization after activation", "LeakyRelu", "Sigmoid output"])

    fc1, fc2, fc3 = torch.nn.Linear(6, 5), torch.nn.Linear(5, 4), torch.nn.Linear(4, 3)
    model = torch.nn.Sequential(torch.nn.Flatten(), fc1, torch.nn.Tanh(), torch.nn.Dropout(0.3), fc2, torch.nn.ELU(0.5), fc3,
                                torch.nn.LogSoftmax(dim=1))
    export_torch("torch_flatten_dropout_logsoftmax", model, [2, 3],
                 [dense(fc1, "Tanh"), dense(fc2, "Elu", alpha=0.5), dense(fc3, "Linear")],
                 "LogSoftmax", True, ["Flatten", "Dropout", "Elu", "LogSoftmax"])

    fc1, fc2, fc3 = torch.nn.Linear(3, 4), torch.nn.Linear(4, 4), torch.nn.Linear(4, 2)
    model = torch.nn.Sequential(fc1, torch.nn.SELU(), fc2, torch.nn.Softplus(), fc3)
    export_torch("torch_selu_softplus_fixed_batch", model, [3], [dense(fc1, "Selu"), dense(fc2, "Softplus"), dense(fc3, "Linear")],
                 "None", False, ["Selu", "Softplus", "fixed batch"])


def keras_case():
    rng = np.random.default_rng(15)
    mean = rng.normal(size=4).astype(np.float32)
    variance = (rng.random(4) + 0.5).astype(np.float32)
    std = np.maximum(np.sqrt(variance), np.float32(1e-7)).astype(np.float32)
    w1, b1 = rng.normal(size=(4, 6)).astype(np.float32), rng.normal(size=6).astype(np.float32)
    w2, b2 = rng.normal(size=(6, 3)).astype(np.float32), rng.normal(size=3).astype(np.float32)
    nodes = [
        helper.make_node("Sub", ["input", "mean"], ["centered"], name="normalization/sub"),
        helper.make_node("Div", ["centered", "std"], ["normalized"], name="normalization/truediv"),
        helper.make_node("MatMul", ["normalized", "dense/kernel"], ["d1"], name="dense/MatMul"),
        helper.make_node("Add", ["d1", "dense/bias"], ["d1b"], name="dense/BiasAdd"),
        helper.make_node("Relu", ["d1b"], ["a1"], name="dense/Relu"),
        helper.make_node("MatMul", ["a1", "dense_1/kernel"], ["d2"], name="dense_1/MatMul"),
        helper.make_node("Add", ["d2", "dense_1/bias"], ["d2b"], name="dense_1/BiasAdd"),
        helper.make_node("Softmax", ["d2b"], ["output"], name="dense_1/Softmax", axis=-1),
    ]
    inits = [numpy_helper.from_array(a, n) for a, n in
             [(mean, "mean"), (std, "std"), (w1, "dense/kernel"), (b1, "dense/bias"), (w2, "dense_1/kernel"), (b2, "dense_1/bias")]]
    graph = helper.make_graph(nodes, "keras_style", [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["unk__0", 4])],
                              [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["unk__1", 3])], inits)
    model = helper.make_model(graph, producer_name="tf2onnx-style", opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, "keras_matmul_add.onnx"))
    x = rng.normal(size=(BATCH, 4)).astype(np.float32)
    h = np.maximum(((x - mean) / std) @ w1 + b1, 0).astype(np.float32)
    z = (h @ w2 + b2).astype(np.float32)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    y = (e / e.sum(axis=1, keepdims=True)).astype(np.float32)
    layers = [
        {"inputs": 4, "units": 6, "activation": "Relu", "alpha": 0.0, "kernel": floats(w1), "bias": floats(b1), "batchnorm": None},
        {"inputs": 6, "units": 3, "activation": "Linear", "alpha": 0.0, "kernel": floats(w2), "bias": floats(b2), "batchnorm": None},
    ]
    write_sidecar("keras_matmul_add", layers, "Softmax", {"mean": floats(mean), "variance": floats(std * std)}, x, y, True,
                  ["MatMul+Add", "input normalization Sub+Div", "Softmax axis -1"], [n.op_type for n in nodes])


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    torch_cases()
    keras_case()
