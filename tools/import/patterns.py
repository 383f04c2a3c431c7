"""The pattern names a fixture covers, read from its graph (not declared by hand), and the list issue 15
item 2 requires the fixtures to cover together."""

REQUIRED = [
    "Gemm transB=1", "Gemm transB=0", "MatMul+Add", "BatchNormalization before activation",
    "BatchNormalization after activation", "folded BN Mul+Add before activation", "folded BN Mul+Add after activation",
    "Relu", "LeakyRelu", "Elu", "Selu", "Sigmoid", "Tanh", "Softplus", "GELU Div/Erf subgraph", "Gelu op",
    "SiLU Sigmoid+Mul", "Softmax", "LogSoftmax", "Sigmoid output", "no final activation", "Dropout", "Identity",
    "Flatten", "Reshape", "dynamic batch", "fixed batch", "input normalization Sub+Div",
]


def patterns_of(model, layers, dynamic, plan):
    graph = model.graph
    ops = [n.op_type for n in graph.node]
    consumers = {}
    for n in graph.node:
        for name in n.input:
            consumers.setdefault(name, []).append(n.op_type)
    found = set()
    for n in graph.node:
        if n.op_type == "Gemm":
            trans_b = next((a.i for a in n.attribute if a.name == "transB"), 0)
            found.add(f"Gemm transB={trans_b}")
        elif n.op_type == "MatMul":
            found.add("MatMul+Add" if consumers.get(n.output[0]) == ["Add"] and any(
                init.name in graph.node[ops.index("Add")].input for init in graph.initializer) else "MatMul (no bias)")
        elif n.op_type in ("Flatten", "Reshape", "Identity", "Dropout", "Constant"):
            found.add(n.op_type)
        elif n.op_type == "Gelu":
            found.add("Gelu op")
    if "Erf" in ops:
        found.add("GELU Div/Erf subgraph" if "Div" in ops[ops.index("Erf") - 1:ops.index("Erf")] else "GELU Mul/Erf subgraph")
    if "Sub" in ops and "Div" in ops and ops.index("Sub") == 0:
        found.add("input normalization Sub+Div")
    folded = plan.get("bn") == "muladd"
    for spec in layers:
        act = spec["activation"]
        if act == "Silu":
            assert "Sigmoid" in ops and "Mul" in ops
            found.add("SiLU Sigmoid+Mul")
        elif act not in ("Linear", "Gelu"):
            assert act in ops, act
            found.add(act)
        if spec["batchnorm"]:
            assert folded or "BatchNormalization" in ops
            found.add(("folded BN Mul+Add " if folded else "BatchNormalization ") + spec["batchnorm"] + " activation")
    if folded or plan.get("fold_before"):
        found.add("folded BN Mul+Add")
    if plan.get("fold_before"):
        found.add("folded BN Mul+Add before activation")
    last = ops[-2] if ops[-1] == "Identity" else ops[-1]
    found.add({"Softmax": "Softmax", "LogSoftmax": "LogSoftmax", "Sigmoid": "Sigmoid output"}.get(last, "no final activation"))
    dim = graph.input[0].type.tensor_type.shape.dim[0]
    found.add("dynamic batch" if dim.dim_param else "fixed batch")
    assert bool(dim.dim_param) == bool(dynamic)
    return sorted(found)
