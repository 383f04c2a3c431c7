"""ONNX graphs written node by node with onnx.helper, for the forms PyTorch's exporter never writes: Keras
through tf2onnx (`MatMul` + `Add` with the kernel stored [in x out], `Identity` nodes, `BatchNormalization`
with Keras's epsilon 1e-3), `Gemm` with transB=0 and batch norm folded into `Mul` + `Add` (NetGen's own
OnnxExporter), the fused `Gelu` op (com.microsoft domain: the ONNX-domain Gelu needs opset 20, which onnx
1.12's checker refuses), and the negative graphs (unsupported ops, contradictory shapes).
"""

import math

import numpy as np
from onnx import TensorProto, helper, numpy_helper


class Graph:
    """Collects nodes and initializers; every name is chosen here, so messages can be matched exactly."""

    def __init__(self, input_name):
        self.nodes, self.inits, self.current = [], [], input_name

    def init(self, name, value):
        value = np.asarray(value)
        self.inits.append(numpy_helper.from_array(value.astype(np.float32) if value.dtype.kind == "f" else value, name))
        return name

    def node(self, op, inputs, name, domain=None, **attrs):
        out = name + "_out"
        self.nodes.append(helper.make_node(op, inputs, [out], name=name, domain=domain, **attrs))
        return out

    def then(self, op, name, *extra_inputs, domain=None, **attrs):
        self.current = self.node(op, [self.current, *extra_inputs], name, domain, **attrs)
        return self.current

    def model(self, graph_name, inputs, outputs, batch, output_name="output", custom_domain=False):
        self.nodes[-1].output[0] = output_name
        dim = batch if isinstance(batch, int) else "unk__0"
        graph = helper.make_graph(self.nodes, graph_name,
                                  [helper.make_tensor_value_info(self.nodes[0].input[0], TensorProto.FLOAT, [dim, inputs])],
                                  [helper.make_tensor_value_info(output_name, TensorProto.FLOAT, [dim, outputs])], self.inits)
        opsets = [helper.make_opsetid("", 13)] + ([helper.make_opsetid("com.microsoft", 1)] if custom_domain else [])
        return helper.make_model(graph, opset_imports=opsets, producer_name="tools/import/make_fixtures.py", ir_version=7)


def activation(g, act, alpha, prefix, gelu_op=False):
    """One activation in the form the exporters write it."""
    if act == "Linear":
        return
    if act == "Gelu" and gelu_op:
        g.then("Gelu", f"{prefix}/Gelu", domain="com.microsoft")
    elif act == "Gelu":  # NetGen's OnnxExporter: x * ((erf(x * 1/sqrt2) + 1) * 0.5)
        x = g.current
        g.then("Mul", f"{prefix}/gelu_scaled", g.init(f"{prefix}.inv_sqrt2", np.float32(1 / math.sqrt(2))))
        g.then("Erf", f"{prefix}/gelu_erf")
        g.then("Add", f"{prefix}/gelu_plus_one", g.init(f"{prefix}.one", np.float32(1)))
        g.then("Mul", f"{prefix}/gelu_half", g.init(f"{prefix}.half", np.float32(0.5)))
        g.current = g.node("Mul", [x, g.current], f"{prefix}/Gelu")
    elif act == "Silu":
        x = g.current
        gate = g.node("Sigmoid", [x], f"{prefix}/silu_gate")
        g.current = g.node("Mul", [x, gate], f"{prefix}/Silu")
    elif act in ("LeakyRelu", "Elu"):
        g.then(act, f"{prefix}/{act}", alpha=float(alpha))
    else:
        g.then(act, f"{prefix}/{act}")


def dense_chain(g, net, plan):
    """Writes net's layers. plan: {"dense": "matmul_add" | "gemm_t0" | "gemm_t1", "bn": "op" | "muladd",
    "gelu_op": bool, "after": {layer index: [op, ...]} no-op nodes after a layer ("Identity", "Dropout",
    "Reshape"), "prefix": node name stem}. net["tensors"] hold what the graph computes; for a folded
    Mul+Add before the activation, plan["fold_before"] = {index: (scale, shift)}."""
    stem = plan.get("prefix", "dense")
    for k, (spec, t) in enumerate(zip(net["layers"], net["tensors"])):
        p = f"{stem}_{k}" if k else stem
        w = np.asarray(t["raw_weight"] if "raw_weight" in t else t["weight"], np.float32)  # [out, in]
        b = t.get("raw_bias", t.get("bias"))
        if plan["dense"] == "matmul_add":
            g.then("MatMul", f"{p}/MatMul", g.init(f"{p}/kernel", w.T))
            if b is not None:
                g.then("Add", f"{p}/BiasAdd", g.init(f"{p}/bias", b))
        else:
            trans_b = plan["dense"] == "gemm_t1"
            extra = [g.init(f"{p}.bias", b)] if b is not None else []
            g.then("Gemm", f"{p}/Gemm", g.init(f"{p}.kernel", w if trans_b else w.T), *extra, transB=int(trans_b))
        if k in plan.get("fold_before", {}):
            scale, shift = plan["fold_before"][k]
            g.then("Mul", f"{p}/bn_scale", g.init(f"{p}.bn.scale", scale))
            g.then("Add", f"{p}/bn_shift", g.init(f"{p}.bn.shift", shift))

        def bn():
            if plan["bn"] == "op":
                g.then("BatchNormalization", f"{p}/BatchNorm", *[g.init(f"{p}.bn.{n}", t[k2]) for n, k2 in
                                                                 (("gamma", "gamma"), ("beta", "beta"), ("moving_mean", "mean"), ("moving_variance", "var"))],
                       epsilon=float(spec["epsilon"]))
            else:
                assert spec["epsilon"] == 0 and not t["mean"].any() and (t["var"] == 1).all()
                g.then("Mul", f"{p}/bn_scale", g.init(f"{p}.bn.scale", t["gamma"]))
                g.then("Add", f"{p}/bn_shift", g.init(f"{p}.bn.shift", t["beta"]))

        if spec["batchnorm"] == "before":
            bn()
        activation(g, spec["activation"], spec["alpha"], p, plan.get("gelu_op", False))
        if spec["batchnorm"] == "after":
            bn()
        for op in plan.get("after", {}).get(k, []):
            if op == "Reshape":
                g.then("Reshape", f"{p}/Reshape", g.init(f"{p}/shape", np.array([-1, spec["units"]], np.int64)))
            elif op == "Dropout":
                g.then("Dropout", f"{p}/Dropout")
            else:
                g.then(op, f"{p}/{op}")


def normalization(g, mean, std):
    g.then("Sub", "normalization/Sub", g.init("normalization.mean", mean))
    g.then("Div", "normalization/Div", g.init("normalization.std", std))


def output(g, kind):
    if kind in ("Softmax", "LogSoftmax"):
        g.then(kind, kind.lower(), axis=-1)
    elif kind == "Sigmoid":
        g.then("Sigmoid", "probabilities")
