"""PyTorch modules built from a layer description (the manifest's `layers`), in the two state-dict key
schemes users have: `nn.Sequential` (`0.weight`, `1.running_mean`, ...) and named modules (`fc1.weight`,
`bn1.running_var`, ...). A few SGD steps in train mode move the batch-norm running statistics off their
initial values; gamma and beta are then drawn at random so every batch-norm tensor matters.
"""

import torch
from torch import nn


def _activation(act, alpha):
    return {
        "Relu": lambda: nn.ReLU(), "LeakyRelu": lambda: nn.LeakyReLU(alpha), "Elu": lambda: nn.ELU(alpha),
        "Selu": lambda: nn.SELU(), "Sigmoid": lambda: nn.Sigmoid(), "Tanh": lambda: nn.Tanh(),
        "Softplus": lambda: nn.Softplus(), "Gelu": lambda: nn.GELU(), "Silu": lambda: nn.SiLU(),
    }[act]()


class Reshape(nn.Module):
    """x.reshape(-1, features): exported as one Reshape with a constant shape."""

    def __init__(self, features):
        super().__init__()
        self.features = features

    def forward(self, x):
        return x.reshape(-1, self.features)


class Normalize(nn.Module):
    """(x - mean) / std with fixed buffers: exported as Sub then Div, Keras Normalization's form."""

    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", mean)
        self.register_buffer("std", std)

    def forward(self, x):
        return (x - self.mean) / self.std


def parts(inputs, layers, output, extras):
    """(name stem, module) in forward order. extras: "flatten" (first), "normalize" ((mean, std), first),
    "after": {layer index: ["Dropout" | "Reshape"]}."""
    out = []
    if "normalize" in extras:
        out.append(("norm", Normalize(*extras["normalize"])))
    if extras.get("flatten"):
        out.append(("flatten", nn.Flatten()))
    fan_in = inputs
    for k, spec in enumerate(layers, start=1):
        out.append((f"fc{k}", nn.Linear(fan_in, spec["units"], bias=spec["bias"])))
        bn = nn.BatchNorm1d(spec["units"], eps=spec["epsilon"]) if spec["batchnorm"] else None
        if spec["batchnorm"] == "before":
            out.append((f"bn{k}", bn))
        if spec["activation"] != "Linear":
            out.append((f"act{k}", _activation(spec["activation"], spec["alpha"])))
        if spec["batchnorm"] == "after":
            out.append((f"bn{k}", bn))
        for op in extras.get("after", {}).get(k - 1, []):
            out.append((f"{op.lower()}{k}", nn.Dropout(0.25) if op == "Dropout" else Reshape(spec["units"])))
        fan_in = spec["units"]
    if output != "None":
        out.append(("out", {"Softmax": nn.Softmax(dim=1), "LogSoftmax": nn.LogSoftmax(dim=1), "Sigmoid": nn.Sigmoid()}[output]))
    return out


class Named(nn.Module):
    """Named modules (fc1, bn1, act1, ...) called in order: keys like `fc1.weight`, `bn1.running_var`."""

    def __init__(self, named_parts):
        super().__init__()
        self.order = [name for name, _ in named_parts]
        for name, module in named_parts:
            setattr(self, name, module)

    def forward(self, x):
        for name in self.order:
            x = getattr(self, name)(x)
        return x


def build(inputs, layers, output, keys, extras, seed):
    torch.manual_seed(seed)
    named_parts = parts(inputs, layers, output, extras)
    model = nn.Sequential(*[m for _, m in named_parts]) if keys == "sequential" else Named(named_parts)
    linears = [m for _, m in named_parts if isinstance(m, nn.Linear)]
    norms = {name: m for name, m in named_parts if isinstance(m, nn.BatchNorm1d)}
    if norms:
        optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
        model.train()
        for _ in range(8):
            x = torch.randn(32, inputs) * 1.5 + 0.5
            optimizer.zero_grad()
            model(x).square().mean().backward()
            optimizer.step()
        with torch.no_grad():
            for bn in norms.values():
                bn.weight.uniform_(0.5, 1.5)
                bn.bias.normal_(0, 0.3)
    model.eval()
    tensors = []
    for k, linear in enumerate(linears, start=1):
        t = {"weight": linear.weight.detach().numpy().copy()}
        if linear.bias is not None:
            t["bias"] = linear.bias.detach().numpy().copy()
        if f"bn{k}" in norms:
            bn = norms[f"bn{k}"]
            t.update(gamma=bn.weight.detach().numpy().copy(), beta=bn.bias.detach().numpy().copy(),
                     mean=bn.running_mean.numpy().copy(), var=bn.running_var.numpy().copy())
        tensors.append(t)
    return model, tensors


def functional(x, layers, tensors, output, normalization=None):
    """The same network from plain tensors in float32 PyTorch: the expected outputs of helper-written graphs."""
    f = nn.functional
    h = torch.from_numpy(x)
    if normalization is not None:
        h = (h - torch.from_numpy(normalization[0])) / torch.from_numpy(normalization[1])
    for spec, t in zip(layers, tensors):
        tt = {key: torch.from_numpy(v) for key, v in t.items() if not key.startswith("raw_")}
        h = f.linear(h, tt["weight"], tt.get("bias") if spec["bias"] else None)

        def bn(v):
            return f.batch_norm(v, tt["mean"], tt["var"], tt["gamma"], tt["beta"], False, 0.0, spec["epsilon"])

        if spec["batchnorm"] == "before":
            h = bn(h)
        if spec["activation"] != "Linear":
            h = _activation(spec["activation"], spec["alpha"])(h)
        if spec["batchnorm"] == "after":
            h = bn(h)
    return {"None": lambda v: v, "Softmax": lambda v: torch.softmax(v, 1), "LogSoftmax": lambda v: torch.log_softmax(v, 1),
            "Sigmoid": torch.sigmoid}[output](h)
