#!/usr/bin/env python3
"""Writes NetGen.Tests/Networks/GradientNetworks.cs: one network per hidden activation x loss."""
import pathlib

ACTIVATIONS = ["Linear", "Sigmoid", "Tanh", "Relu", "LeakyRelu", "Elu", "Selu", "Gelu", "Silu", "Softplus"]
OUTPUTS = {"SoftmaxCrossEntropy": 7, "CategoricalCrossEntropy": 3, "BinaryCrossEntropy": 1, "MeanSquaredError": 3}

lines = [
    "// Networks for the gradient checks: every hidden activation × every loss, on odd sizes",
    "// (7 inputs; hidden 17, 33, 3; outputs 7, 3, 1 or 3) so vector tails are exercised at every width.",
    "// Mean-squared-error networks also use the activation on the output layer.",
    "// Regenerate with tools/generate_gradient_networks.py.",
    "using NetGen;", "", "namespace NetGen.Tests.Networks;", "",
]
for loss, outputs in OUTPUTS.items():
    for act in ACTIVATIONS:
        alpha = {"LeakyRelu": ", Alpha = 0.2", "Elu": ", Alpha = 0.7"}.get(act, "")
        lines.append(f"[Network(Inputs = 7, Loss = Loss.{loss}, Seed = 3)]")
        lines.append(f"[Dense(17, Act.{act}{alpha})]")
        lines.append(f"[Dense(33, Act.{act}, Init.HeNormal{alpha})]")
        lines.append(f"[Dense(3, Act.{act}, Init.LeCunUniform{alpha})]")
        lines.append(f"[Dense({outputs}, Act.{act}{alpha})]" if loss == "MeanSquaredError" else f"[Dense({outputs})]")
        lines.append(f"public partial class Grad{act}{loss}Net;")
        lines.append("")
target = pathlib.Path(__file__).resolve().parent.parent / "NetGen.Tests" / "Networks" / "GradientNetworks.cs"
target.write_text("\n".join(lines))
