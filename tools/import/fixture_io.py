"""Files and independent checks for make_fixtures.py: safetensors written and read by hand (Debian 12 has no
safetensors module), a numpy interpreter for the ONNX ops the fixtures use, and a numpy forward pass of a
network description. The interpreter and the forward pass share no code with PyTorch, so agreeing with
PyTorch's outputs checks both the exported graph and the `layers` description written into the manifest.
"""

import json
import math
import struct

import numpy as np
from onnx import numpy_helper

# ---------------------------------------------------------------- safetensors


def safetensors_bytes(tensors, source):
    """tensors: {key: numpy float32 array}. Keys sorted, so the bytes depend only on the contents."""
    header, offset, blobs = {}, 0, []
    for key in sorted(tensors):
        value = np.asarray(tensors[key])
        dtype = {"float32": "F32", "int64": "I64"}[str(value.dtype)]
        data = value.astype(value.dtype.newbyteorder("<")).tobytes()
        header[key] = {"dtype": dtype, "shape": list(value.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    header["__metadata__"] = {"format": "pt", "source": source}
    text = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)  # the reference writer pads the header to 8 bytes
    return struct.pack("<Q", len(text)) + text + b"".join(blobs)


def read_safetensors(data):
    """The inverse of safetensors_bytes, checking offsets: {key: numpy array}."""
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length].decode("utf-8"))
    header.pop("__metadata__", None)
    body, tensors, end = data[8 + length:], {}, 0
    for key, info in sorted(header.items(), key=lambda item: item[1]["data_offsets"][0]):
        start, stop = info["data_offsets"]
        assert start == end, f"{key}: gap or overlap at {start}"
        dtype = {"F32": "<f4", "I64": "<i8"}[info["dtype"]]
        tensors[key] = np.frombuffer(body[start:stop], dtype=dtype).reshape(info["shape"])
        end = stop
    assert end == len(body), "trailing bytes after the last tensor"
    return tensors


# ---------------------------------------------------------------- activations (float64)

SELU_ALPHA, SELU_SCALE = 1.6732632423543772, 1.0507009873554805
_erf = np.vectorize(math.erf)


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def activate(name, z, alpha):
    if name == "Linear":
        return z
    if name == "Relu":
        return np.maximum(z, 0)
    if name == "LeakyRelu":
        return np.where(z >= 0, z, alpha * z)
    if name == "Elu":
        return np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0)))
    if name == "Selu":
        return SELU_SCALE * np.where(z > 0, z, SELU_ALPHA * np.expm1(np.minimum(z, 0)))
    if name == "Sigmoid":
        return _sigmoid(z)
    if name == "Tanh":
        return np.tanh(z)
    if name == "Softplus":
        return np.logaddexp(0, z)
    if name == "Gelu":
        return 0.5 * z * (1 + _erf(z / math.sqrt(2)))
    if name == "Silu":
        return z * _sigmoid(z)
    raise ValueError(name)


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def finish(output, z):
    if output == "Softmax":
        return _softmax(z)
    if output == "LogSoftmax":
        return np.log(_softmax(z))
    if output == "Sigmoid":
        return _sigmoid(z)
    assert output == "None"
    return z


# ---------------------------------------------------------------- forward pass of a network description


def forward_description(x, layers, tensors, output, normalization=None):
    """layers: the manifest's layer list; tensors: per layer {"weight" [out, in], "bias", "gamma", "beta",
    "mean", "var"}; normalization: (mean, std) or None. Float64 throughout."""
    h = np.asarray(x, dtype=np.float64)
    if normalization is not None:
        h = (h - normalization[0]) / normalization[1]
    for spec, t in zip(layers, tensors):
        h = h @ np.asarray(t["weight"], dtype=np.float64).T
        if spec["bias"]:
            h = h + t["bias"]

        def bn(v):
            return (v - t["mean"]) / np.sqrt(np.asarray(t["var"], np.float64) + spec["epsilon"]) * t["gamma"] + t["beta"]

        if spec["batchnorm"] == "before":
            h = bn(h)
        h = activate(spec["activation"], h, spec["alpha"])
        if spec["batchnorm"] == "after":
            h = bn(h)
    return finish(output, h)


# ---------------------------------------------------------------- a numpy interpreter for the fixtures' ONNX ops


def _attrs(node):
    out = {}
    for a in node.attribute:
        out[a.name] = {1: a.f, 2: a.i, 4: a.t}.get(a.type)
    return out


def run_onnx(model, x):
    """Runs the graph on x in float64 with numpy; only the ops the fixtures use (anything else raises)."""
    env = {init.name: numpy_helper.to_array(init).astype(np.float64) if init.data_type == 1 else numpy_helper.to_array(init)
           for init in model.graph.initializer}
    env[model.graph.input[0].name] = np.asarray(x, dtype=np.float64)
    for node in model.graph.node:
        a, i = _attrs(node), [env[name] if name else None for name in node.input]
        op = node.op_type
        if op == "Constant":
            r = numpy_helper.to_array(a["value"])
            r = r.astype(np.float64) if r.dtype == np.float32 else r
        elif op == "Gemm":
            assert a.get("alpha", 1.0) == 1.0 and a.get("beta", 1.0) == 1.0 and not a.get("transA", 0)
            w = i[1].T if a.get("transB", 0) else i[1]
            r = i[0] @ w + (i[2] if len(i) > 2 else 0)
        elif op == "MatMul":
            r = i[0] @ i[1]
        elif op in ("Add", "Sub", "Mul", "Div"):
            r = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply, "Div": np.divide}[op](i[0], i[1])
        elif op == "Erf":
            r = _erf(i[0])
        elif op == "BatchNormalization":
            r = (i[0] - i[3]) / np.sqrt(i[4] + a.get("epsilon", 1e-5)) * i[1] + i[2]
        elif op in ("Relu", "Sigmoid", "Tanh", "Softplus", "Selu", "Gelu"):
            assert op != "Selu" or (abs(a.get("alpha", SELU_ALPHA) - SELU_ALPHA) < 1e-6 and abs(a.get("gamma", SELU_SCALE) - SELU_SCALE) < 1e-6)
            r = activate(op, i[0], 0.0)
        elif op == "LeakyRelu":
            r = activate(op, i[0], a.get("alpha", 0.01))
        elif op == "Elu":
            r = activate(op, i[0], a.get("alpha", 1.0))
        elif op in ("Softmax", "LogSoftmax"):
            assert a.get("axis", -1) in (-1, 1)
            r = finish(op, i[0])
        elif op == "Flatten":
            assert a.get("axis", 1) == 1
            r = i[0].reshape(i[0].shape[0], -1)
        elif op == "Reshape":
            shape = [d if d != 0 else i[0].shape[k] for k, d in enumerate(i[1].tolist())]
            r = i[0].reshape(shape)
        elif op in ("Identity", "Dropout"):
            assert op == "Identity" or len(i) < 3 or not i[2], "Dropout in training mode"
            r = i[0]
        else:
            raise ValueError(f"no numpy rule for {op}")
        env[node.output[0]] = r
    return env[model.graph.output[0].name]
