using System;
using System.Collections.Generic;

namespace NetGen.Generator.Import.Onnx
{
    /// <summary>
    /// The two activations exporters write as subgraphs that read their input twice:
    /// SiLU = x · Sigmoid(x), and exact GELU = x · ½ · (1 + erf(x / √2)), which PyTorch 1.13 writes at
    /// opset 13 as Div(x, √2) → Erf → Add 1 → Mul x → Mul 0.5, and NetGen's exporter as
    /// Mul(x, 1/√2) → Erf → Add 1 → Mul 0.5 → Mul x. The multiplications may come in any order.
    /// </summary>
    internal sealed partial class ChainWalker
    {
        private const double Sqrt2 = 1.4142135623730951;

        /// <summary>The value after the SiLU or GELU subgraph reading <paramref name="x"/> twice, or null (a branch).</summary>
        private string? MatchTwoReaderPattern(IReadOnlyList<OnnxNode> users, string x)
        {
            if (users.Count != 2 || !AllDefaultDomain(users)) return null;
            return MatchSilu(users[0], users[1], x) ?? MatchSilu(users[1], users[0], x)
                ?? MatchGelu(users[0], users[1], x) ?? MatchGelu(users[1], users[0], x);
        }

        private string? MatchSilu(OnnxNode sigmoid, OnnxNode product, string x)
        {
            if (sigmoid.OpType != "Sigmoid" || sigmoid.Inputs.Count != 1 || sigmoid.Outputs.Count != 1) return null;
            string gate = sigmoid.Outputs[0];
            if (!IsProductOf(product, x, gate) || !OnlyUser(gate, product)) return null;
            return Accept(Act.Silu, sigmoid, product);
        }

        private string? MatchGelu(OnnxNode scale, OnnxNode last, string x)
        {
            // x / √2, or x · (1/√2).
            bool divides = scale.OpType == "Div" && scale.Inputs.Count == 2 && scale.Inputs[0] == x && IsScalar(scale.Inputs[1], Sqrt2);
            bool multiplies = scale.OpType == "Mul" && IsProductOf(scale, x, out string? factor) && IsScalar(factor!, 1 / Sqrt2);
            if (!(divides || multiplies) || scale.Outputs.Count != 1) return null;
            if (Single(scale.Outputs[0], "Erf") is not { } erf) return null;
            if (Single(erf.Outputs[0], "Add") is not { } plusOne || !IsProductOrSumWithScalar(plusOne, erf.Outputs[0], 1)) return null;
            string cdf = plusOne.Outputs[0];                            // 1 + erf(x/√2)
            if (Single(cdf, "Mul") is not { } first || first.Outputs.Count != 1) return null;
            string firstOut = first.Outputs[0];
            // Order A (PyTorch): (x · cdf) · 0.5. Order B (NetGen): x · (cdf · 0.5).
            if (first == last && IsProductOf(first, x, cdf) && Single(firstOut, "Mul") is { } half && IsProductOrSumWithScalar(half, firstOut, 0.5))
                return Accept(Act.Gelu, scale, erf, plusOne, first, half);
            if (first != last && IsProductOrSumWithScalar(first, cdf, 0.5) && IsProductOf(last, x, firstOut) && OnlyUser(firstOut, last))
                return Accept(Act.Gelu, scale, erf, plusOne, first, last);
            // Order C: (x · 0.5) · cdf, with last = Mul(x, 0.5).
            if (first != last && IsProductOrSumWithScalar(last, x, 0.5) && last.Outputs.Count == 1 && IsProductOf(first, last.Outputs[0], cdf) && OnlyUser(last.Outputs[0], first))
                return Accept(Act.Gelu, scale, erf, plusOne, last, first);
            return null;
        }

        /// <summary>Marks the subgraph visited, records the activation, and returns the value of its last node.</summary>
        private string? Accept(Act activation, params OnnxNode[] nodes)
        {
            foreach (var node in nodes) _visited.Add(node);
            _steps.Add(new ActivationStep(nodes[0], activation, 0));
            return Output(nodes[nodes.Length - 1]);
        }

        /// <summary>The only node reading <paramref name="value"/>, if it has the operator type.</summary>
        private OnnxNode? Single(string value, string opType)
        {
            var users = _index.Consumers(value);
            return users.Count == 1 && users[0].OpType == opType && GraphIndex.IsDefaultDomain(users[0]) && users[0].Outputs.Count == 1 && !_visited.Contains(users[0]) ? users[0] : null;
        }

        private bool OnlyUser(string value, OnnxNode node)
        {
            var users = _index.Consumers(value);
            return users.Count == 1 && users[0] == node;
        }

        /// <summary>A Mul of exactly <paramref name="a"/> and <paramref name="b"/>, in either order.</summary>
        private static bool IsProductOf(OnnxNode node, string a, string b)
            => node.OpType == "Mul" && node.Inputs.Count == 2 && node.Outputs.Count == 1
               && ((node.Inputs[0] == a && node.Inputs[1] == b) || (node.Inputs[0] == b && node.Inputs[1] == a));

        /// <summary>A Mul of <paramref name="a"/> and something else, which is returned.</summary>
        private static bool IsProductOf(OnnxNode node, string a, out string? other)
        {
            other = null;
            if (node.Inputs.Count != 2) return false;
            if (node.Inputs[0] == a) other = node.Inputs[1];
            else if (node.Inputs[1] == a) other = node.Inputs[0];
            return other is not null && other != a;
        }

        /// <summary>Mul or Add (by its op type) of <paramref name="value"/> and a scalar constant equal to <paramref name="expected"/>.</summary>
        private bool IsProductOrSumWithScalar(OnnxNode node, string value, double expected)
            => node.Outputs.Count == 1 && IsProductOf(node, value, out string? other) && IsScalar(other!, expected);

        /// <summary>A one-element float constant within 1e-3 (relative) of <paramref name="expected"/>; loose enough for float16 files.</summary>
        private bool IsScalar(string name, double expected)
        {
            if (_index.Constant(name) is not { } tensor) return false;
            var values = TensorValues.Floats(tensor, out _);
            return values is { Length: 1 } && Math.Abs(values[0] - expected) <= 1e-3 * Math.Abs(expected);
        }

        private static bool AllDefaultDomain(IReadOnlyList<OnnxNode> nodes)
        {
            foreach (var node in nodes)
                if (!GraphIndex.IsDefaultDomain(node)) return false;
            return true;
        }
    }
}
