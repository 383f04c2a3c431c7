#!/usr/bin/python3
"""Import fixtures for NetGen's [OnnxModel] and [Weights] tests (issue 15 item 7).

Run from anywhere with Debian's interpreter (python3-torch 1.13, python3-onnx 1.12):

    /usr/bin/python3 tools/import/make_fixtures.py

It rewrites NetGen.Tests/Fixtures/Import/ (the ONNX files, safetensors state dicts and manifest.json in the
format of the shared import contract, see tools/import/README.md) and checks its own claims before writing:
every file passes onnx.checker, every graph run by a numpy interpreter (fixture_io.run_onnx) and every
network recomputed with numpy from its safetensors file and its `layers` description agree with PyTorch's
float32 outputs within 1e-6, the patterns together cover issue 15 item 2, and each negative fixture's error
substring occurs in its file. Deterministic (fixed seeds, one thread): a rerun writes identical bytes.
"""

import io
import json
import os
import sys
import warnings

import numpy as np
import onnx
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixture_io  # noqa: E402
import helper_graphs as hg  # noqa: E402
import torch_models  # noqa: E402
from negatives import negatives  # noqa: E402
from patterns import REQUIRED, patterns_of  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "NetGen.Tests", "Fixtures", "Import")
TOLERANCE = 1e-6


def layer(units, activation="Linear", alpha=0.0, bias=True, batchnorm=None, epsilon=None):
    if batchnorm and epsilon is None:
        epsilon = 1e-5  # PyTorch's BatchNorm1d default
    return {"units": units, "activation": activation, "alpha": alpha, "bias": bias, "batchnorm": batchnorm, "epsilon": epsilon}


# name, inputs, layers, output, keys, extras, dynamic batch, seed. Layers with batch norm before the
# activation have no bias: NetGen drops it there (BatchNormPlacement.BeforeActivation), so the twin matches.
TORCH_MODELS = [
    ("torch_relu_softmax", 8, [layer(16, "Relu"), layer(4)], "Softmax", "sequential", {}, True, 11),
    ("torch_bn_before", 10, [layer(24, "Relu", bias=False, batchnorm="before"), layer(12, "LeakyRelu", 0.2, bias=False, batchnorm="before"),
                             layer(3)], "LogSoftmax", "named", {}, False, 12),
    ("torch_bn_after", 6, [layer(16, "Tanh", batchnorm="after"), layer(16, "Elu", 0.7, batchnorm="after"), layer(1)],
     "Sigmoid", "sequential", {}, True, 13),
    ("torch_gelu_silu", 12, [layer(32, "Gelu"), layer(16, "Silu"), layer(2)], "None", "named", {}, True, 14),
    ("torch_selu_softplus", 5, [layer(20, "Selu"), layer(20, "Softplus"), layer(3)], "Softmax", "sequential",
     {"flatten": True, "after": {0: ["Reshape"], 1: ["Dropout"]}}, False, 15),
    ("torch_normalized", 7, [layer(10, "Sigmoid"), layer(8, "Elu", 1.0), layer(2, "Tanh")], "None", "named", {"normalize": True}, True, 16),
    ("torch_wide", 32, [layer(64, "Relu", bias=False, batchnorm="before"), layer(64, "Gelu", batchnorm="after"), layer(10)],
     "Softmax", "named", {}, True, 17),
]


def as_list(array):
    return [float(v) for v in np.asarray(array, dtype=np.float32).reshape(-1)]


def inputs_for(seed, batch, features):
    g = torch.Generator().manual_seed(1000 + seed)
    return (torch.randn(batch, features, generator=g) * 1.5 + 0.5).numpy()


def state_dict_tensors(model):
    return {k: v.detach().numpy().copy() for k, v in model.state_dict().items()}


def netgen_keys(tensors):
    """NetGen's checkpoint names (PyTorchStateDict): layer{i}.weight [out, in], layer{i}.bn.running_var, ..."""
    out = {}
    for i, t in enumerate(tensors):
        out[f"layer{i}.weight"] = t["weight"]
        if "bias" in t:
            out[f"layer{i}.bias"] = t["bias"]
        for key, name in (("gamma", "weight"), ("beta", "bias"), ("mean", "running_mean"), ("var", "running_var")):
            if key in t:
                out[f"layer{i}.bn.{name}"] = t[key]
    return out


def layers_from_state(state, keys):
    """The per-layer tensors back from a state dict read from disk, by key scheme (an independent walk:
    a 2-D `weight` starts a dense layer; a module with running statistics is that layer's batch norm)."""
    groups = {}
    for key, value in state.items():
        module, _, field = key.rpartition(".")
        groups.setdefault(module, {})[field] = value
    if keys == "sequential":
        order = sorted(groups, key=int)
    elif keys == "named":
        order = sorted(groups, key=lambda m: (int(m[2:]), m[:2] == "bn"))
    else:
        order = sorted(groups, key=lambda m: (int(m.split(".")[0][5:]), m.endswith("bn")))
    tensors = []
    for module in order:
        g = groups[module]
        if "running_mean" in g:
            tensors[-1].update(gamma=g["weight"], beta=g["bias"], mean=g["running_mean"], var=g["running_var"])
        else:
            tensors.append({"weight": g["weight"], **({"bias": g["bias"]} if "bias" in g else {})})
    return tensors


def check(name, got, expected, what):
    err = float(np.max(np.abs(np.asarray(got, np.float64) - np.asarray(expected, np.float64)) / np.maximum(1, np.abs(expected))))
    assert err <= TOLERANCE, f"{name}: {what} differs from PyTorch by {err}"
    return err


def entry(name, onnx_file, st_file, keys, source, patterns, inputs, outputs, x, expected, output, layers, normalization, error=None):
    return {"name": name, "onnx": onnx_file, "safetensors": st_file, "keys": keys, "source": source, "patterns": patterns,
            "inputs": inputs, "outputs": outputs, "batch": None if x is None else int(x.shape[0]),
            "input": None if x is None else as_list(x), "expected": None if expected is None else as_list(expected),
            "output": output, "layers": layers, "normalization": normalization, "error": error}


def torch_fixture(files, report, name, inputs, layers, output, keys, extras, dynamic, seed):
    extras = dict(extras)
    normalization = None
    if extras.get("normalize"):
        g = torch.Generator().manual_seed(seed)
        mean, var = torch.randn(inputs, generator=g) + 0.5, torch.rand(inputs, generator=g) * 3 + 0.2
        std = torch.clamp(var.sqrt(), min=1e-7)
        extras["normalize"], normalization = (mean, std), (mean.numpy(), std.numpy())
    model, tensors = torch_models.build(inputs, layers, output, keys, extras, seed)
    batch = 5 if dynamic else 3
    x = inputs_for(seed, batch, inputs)
    with torch.no_grad():
        expected = model(torch.from_numpy(x)).numpy()
    buffer = io.BytesIO()
    torch.onnx.export(model, torch.from_numpy(x), buffer, opset_version=13, do_constant_folding=True,
                      training=torch.onnx.TrainingMode.EVAL, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}} if dynamic else None)
    files[name + ".onnx"] = buffer.getvalue()
    st = None
    if normalization is None:  # a state dict has no place for input normalization in the twin
        files[name + ".safetensors"] = fixture_io.safetensors_bytes(state_dict_tensors(model), "tools/import/make_fixtures.py")
        st = name + ".safetensors"
    verify(report, name, files, x, expected, layers, output, normalization, keys if st else None, tensors)
    result = entry(name, name + ".onnx", st, keys if st else None, "torch", patterns_of(onnx.load_from_string(files[name + ".onnx"]), layers, dynamic, {}),
                   inputs, layers[-1]["units"], x, expected, output, layers, normalization is not None or None)
    return result, tensors


def netgen_keys_fixture(files, report, torch_entry, tensors):
    """The same trained network under NetGen's checkpoint names (layer{i}.bn.running_var, ...): a [Weights]-only
    fixture for the third key scheme, with batch norm."""
    name = "netgen_keys_" + torch_entry["name"][len("torch_"):]
    files[name + ".safetensors"] = fixture_io.safetensors_bytes(netgen_keys(tensors), "tools/import/make_fixtures.py")
    back = layers_from_state(fixture_io.read_safetensors(files[name + ".safetensors"]), "netgen")
    x, expected = np.asarray(torch_entry["input"], np.float32).reshape(torch_entry["batch"], -1), torch_entry["expected"]
    got = fixture_io.forward_description(x, torch_entry["layers"], back, torch_entry["output"])
    report.append((name, {"layers": check(name, got, np.asarray(expected).reshape(got.shape), "numpy forward of the safetensors + layers")}))
    return dict(torch_entry, name=name, onnx=None, safetensors=name + ".safetensors", keys="netgen", patterns=[])


def verify(report, name, files, x, expected, layers, output, normalization, keys, tensors):
    errors = {}
    model = onnx.load_from_string(files[name + ".onnx"])
    onnx.checker.check_model(model, full_check=True)
    errors["onnx"] = check(name, fixture_io.run_onnx(model, x), expected, "numpy run of the ONNX graph")
    if keys:
        tensors = layers_from_state(fixture_io.read_safetensors(files[name + ".safetensors"]), keys)
    errors["layers"] = check(name, fixture_io.forward_description(x, layers, tensors, output, normalization), expected,
                             "numpy forward of the safetensors + layers" if keys else "numpy forward of the layers")
    report.append((name, errors))


def helper_fixtures(files, report):
    """Keras/tf2onnx-style and NetGen-style graphs from random tensors; expected outputs from PyTorch functional ops."""
    out = []
    rng = np.random.RandomState(21)

    def rand_tensors(inputs, layers):
        tensors, fan_in = [], inputs
        for spec in layers:
            bound = 1 / np.sqrt(fan_in)
            t = {"weight": rng.uniform(-bound, bound, (spec["units"], fan_in)).astype(np.float32)}
            if spec["bias"]:
                t["bias"] = rng.uniform(-bound, bound, spec["units"]).astype(np.float32)
            if spec["batchnorm"]:
                n = spec["units"]
                t.update(gamma=rng.uniform(0.5, 1.5, n).astype(np.float32), beta=rng.normal(0, 0.3, n).astype(np.float32),
                         mean=rng.normal(0, 0.5, n).astype(np.float32), var=rng.uniform(0.3, 2, n).astype(np.float32))
                if spec["epsilon"] == 0:  # Mul+Add batch norm: inference form with mean 0, variance 1
                    t.update(mean=np.zeros(n, np.float32), var=np.ones(n, np.float32))
            tensors.append(t)
            fan_in = spec["units"]
        return tensors

    cases = [
        # name, inputs, layers, output, plan, batch (int: fixed), normalization, st keys, source, extra patterns
        ("keras_matmul_add", 9, [layer(20, "Relu", batchnorm="after", epsilon=1e-3), layer(12, "Tanh"), layer(4)], "Softmax",
         {"dense": "matmul_add", "bn": "op", "after": {0: ["Identity"], 1: ["Dropout"]}, "prefix": "sequential/dense"}, None, False, "keras-style", []),
        ("keras_gemm_transb0", 4, [layer(8, "Elu", 1.0), layer(8, "Softplus"), layer(3)], "Sigmoid",
         {"dense": "gemm_t0", "bn": "op", "after": {0: ["Reshape"]}}, 4, False, "keras-style", []),
        ("keras_gelu_op", 6, [layer(16, "Gelu"), layer(16, "Silu"), layer(5)], "LogSoftmax",
         {"dense": "matmul_add", "bn": "op", "gelu_op": True, "prefix": "model/dense"}, None, False, "keras-style", []),
        ("netgen_exporter_style", 8, [layer(16, "Gelu", batchnorm="after", epsilon=0.0), layer(12, "LeakyRelu", 0.1), layer(3)], "Softmax",
         {"dense": "gemm_t0", "bn": "muladd", "prefix": "layer"}, None, True, "netgen", []),
        ("folded_bn_gemm", 5, [layer(12, "Selu"), layer(6, "Relu"), layer(1)], "None",
         {"dense": "gemm_t1", "bn": "op", "fold": [0, 1]}, 2, False, "netgen", ["folded BN Mul+Add before activation"]),
    ]
    for name, inputs, layers, output, plan, batch, normalized, source, extra in cases:
        tensors = rand_tensors(inputs, layers)
        if plan.get("fold"):  # the graph keeps Mul+Add; the twin (layers, tensors) has them folded into kernel and bias
            plan["fold_before"] = {}
            for k in plan["fold"]:
                t, n = tensors[k], layers[k]["units"]
                scale, shift = rng.uniform(0.5, 1.5, n).astype(np.float32), rng.normal(0, 0.3, n).astype(np.float32)
                plan["fold_before"][k] = (scale, shift)
                t["raw_weight"], t["raw_bias"] = t["weight"], t["bias"]
                t["weight"], t["bias"] = t["weight"] * scale[:, None], t["bias"] * scale + shift
        normalization = None
        g = hg.Graph("dense_input" if source == "keras-style" else "input")
        if normalized:
            mean, var = rng.normal(0.5, 1, inputs).astype(np.float32), rng.uniform(0.2, 3, inputs).astype(np.float32)
            normalization = (mean, np.maximum(np.sqrt(var), np.float32(1e-7)).astype(np.float32))
            hg.normalization(g, *normalization)
        hg.dense_chain(g, {"layers": layers, "tensors": tensors}, plan)
        hg.output(g, output)
        if source == "netgen":
            g.then("Identity", "output")
        model = g.model(name, inputs, layers[-1]["units"], batch if batch else "batch", custom_domain=plan.get("gelu_op", False))
        files[name + ".onnx"] = model.SerializeToString()
        x = inputs_for(len(out) + 100, batch or 5, inputs)
        with torch.no_grad():
            expected = torch_models.functional(x, layers, tensors, output, normalization).numpy()
        st, keys = None, None
        if source == "netgen" and not normalized:
            st, keys = name + ".safetensors", "netgen"
            files[st] = fixture_io.safetensors_bytes(netgen_keys(tensors), "tools/import/make_fixtures.py")
        verify(report, name, files, x, expected, layers, output, normalization, keys, tensors)
        pats = patterns_of(model, layers, batch is None, plan) + extra
        out.append(entry(name, name + ".onnx", st, keys, source, sorted(set(pats)), inputs, layers[-1]["units"], x, expected, output, layers,
                         normalized or None))
    return out


def check_negative(m, files):
    """A negative fixture is wrong in the way its entry says: a valid file with the named node or tensor in it,
    or a file that does not parse at all."""
    data = files[m["onnx"] or m["safetensors"]]
    if m["error"].endswith((".onnx", ".safetensors")):
        try:
            with warnings.catch_warnings():  # protobuf warns before it fails on the non-ONNX file
                warnings.simplefilter("ignore", RuntimeWarning)
                onnx.load_from_string(data) if m["onnx"] else fixture_io.read_safetensors(data)
        except Exception:  # noqa: BLE001 - any parse failure is what this fixture is for
            return
        raise AssertionError(f"{m['name']} parses")
    assert m["error"].encode() in data, f"{m['name']}: '{m['error']}' is not in the file"
    if m["onnx"]:
        onnx.checker.check_model(onnx.load_from_string(data), full_check=m["name"] != "neg_shape")


def main():
    torch.set_num_threads(1)
    files, report, models = {}, [], []
    for spec in TORCH_MODELS:
        model, tensors = torch_fixture(files, report, *spec)
        models.append(model)
        if model["name"] == "torch_bn_after":
            models.append(netgen_keys_fixture(files, report, model, tensors))
    models += helper_fixtures(files, report)
    models += negatives(files, layer)
    covered = {p for m in models if m["error"] is None for p in m["patterns"]}
    missing = [p for p in REQUIRED if p not in covered]
    assert not missing, f"patterns not covered: {missing}"
    for m in models:
        for key in ("onnx", "safetensors"):
            assert m[key] is None or m[key] in files, m[key]
        if m["error"]:
            check_negative(m, files)
    os.makedirs(OUT, exist_ok=True)
    manifest = os.path.join(OUT, "manifest.json")
    if os.path.exists(manifest):  # only files this script wrote before: other fixtures may share the folder
        with open(manifest) as f:
            stale = {m[key] for m in json.load(f)["models"] for key in ("onnx", "safetensors") if m[key]} - set(files)
        for old in stale:
            if os.path.exists(os.path.join(OUT, old)):
                os.remove(os.path.join(OUT, old))
    for file_name, data in sorted(files.items()):
        with open(os.path.join(OUT, file_name), "wb") as f:
            f.write(data)
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump({"models": models}, f, indent=1, sort_keys=False)
        f.write("\n")
    for name, errors in report:
        print(f"{name:24s} " + "  ".join(f"{k} max rel err {v:.2e}" for k, v in errors.items()))
    print(f"{len(models)} models ({sum(m['error'] is None for m in models)} positive), {len(files)} files, "
          f"{sum(len(d) for d in files.values())} bytes, torch {torch.__version__}, onnx {onnx.__version__}")


if __name__ == "__main__":
    main()
