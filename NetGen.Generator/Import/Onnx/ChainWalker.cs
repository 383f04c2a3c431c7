using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen.Generator.Import.Onnx
{
    /// <summary>
    /// Follows the graph from its input to its output one value at a time. Each value must feed exactly
    /// one node (except inside the GELU and SiLU subgraphs, which read their input twice), and each node
    /// must read the chain once plus constants; anything else is a branch or a join and stops the walk with
    /// a problem naming the value and its nodes.
    /// </summary>
    internal sealed partial class ChainWalker
    {
        private readonly GraphIndex _index;
        private readonly List<string> _problems;
        private readonly HashSet<OnnxNode> _visited = new();
        private readonly HashSet<string> _graphOutputs;
        private readonly long _opset;
        private readonly List<ChainStep> _steps = new();

        // The current value's shape: a fixed size or null (dynamic/unknown) per dimension.
        private List<long?> _shape;

        public ChainWalker(GraphIndex index, List<string> problems, HashSet<string> graphOutputs, long opset, List<long?>? inputShape)
        {
            _index = index;
            _problems = problems;
            _graphOutputs = graphOutputs;
            _opset = opset;
            _shape = inputShape is { Count: > 0 } ? new List<long?>(inputShape) : new List<long?> { null, null };
        }

        /// <summary>Features of the current value: the last dimension of a [batch, features] tensor, when known.</summary>
        private long? Features => _shape.Count == 2 ? _shape[1] : null;

        /// <summary>The steps from <paramref name="input"/> to <paramref name="output"/>, or null after adding a problem.</summary>
        public List<ChainStep>? Walk(string input, string output)
        {
            string current = input;
            // Each iteration visits at least one new node, so the walk ends within the node count.
            for (int guard = 0; guard <= _index.Nodes.Count; guard++)
            {
                var users = _index.Consumers(current);
                if (current == output)
                {
                    if (users.Count == 0) return ReportUnvisited(input, output) ? null : _steps;
                    return Fail($"value '{current}' is the graph output but also feeds {Describe(users)}: a branch is not a dense chain");
                }
                if (users.Count == 0)
                    return Fail($"value '{current}' is not used by any node and is not the graph output '{output}': the chain from '{input}' to '{output}' is broken there");
                if (users.Any(_visited.Contains))
                    return Fail($"value '{current}' feeds {Describe(users)}, which the chain has already passed: a loop or a join is not a dense chain");

                int known = _problems.Count;
                string? next = users.Count == 1 ? Step(users[0], current) : MatchTwoReaderPattern(users, current);
                if (next is null)
                {
                    if (_problems.Count == known)
                        _problems.Add($"value '{current}' feeds {users.Count} nodes ({Describe(users)}): a skip connection or branch is not a dense chain");
                    return null;
                }
                current = next;
            }
            return Fail("the graph has a cycle");
        }

        /// <summary>Recognises one node reading <paramref name="current"/>; returns the value it produces.</summary>
        private string? Step(OnnxNode node, string current)
        {
            if (!ReadsOnce(node, current)) return null;
            if (!GraphIndex.IsDefaultDomain(node) && !(node.OpType == "Gelu" && node.Domain == "com.microsoft"))
                return FailNull($"node '{node.Label}' ({node.Domain}.{node.OpType}) is not supported");
            _visited.Add(node);
            return node.OpType switch
            {
                "Gemm" => Gemm(node),
                "MatMul" => MatMul(node),
                "Add" or "Sub" or "Mul" or "Div" => Elementwise(node, current),
                "BatchNormalization" => BatchNormalization(node),
                "Relu" => Activation(node, Act.Relu, 0),
                "Tanh" => Activation(node, Act.Tanh, 0),
                "Sigmoid" => Activation(node, Act.Sigmoid, 0),
                "Softplus" => Activation(node, Act.Softplus, 0),
                "LeakyRelu" => Activation(node, Act.LeakyRelu, FloatAttribute(node, "alpha", 0.01f)),
                "Elu" => Activation(node, Act.Elu, FloatAttribute(node, "alpha", 1f)),
                "Selu" => Selu(node),
                "Gelu" => GeluOp(node),
                "Softmax" or "LogSoftmax" => Softmax(node),
                "Identity" => Output(node),
                "Dropout" => Dropout(node),
                "Flatten" => Flatten(node),
                "Reshape" => Reshape(node),
                _ => FailNull($"node '{node.Label}' ({node.OpType}) is not supported"),
            };
        }

        /// <summary>The node reads the chain value once and nothing else that is not a constant.</summary>
        private bool ReadsOnce(OnnxNode node, string current)
        {
            int reads = 0;
            foreach (var input in node.Inputs)
            {
                if (input == current) reads++;
                else if (input.Length > 0 && !_index.IsConstant(input) && !_index.IsProduced(input))
                    return Reject($"input '{input}' of node '{node.Label}' ({node.OpType}) is not an initializer, a Constant, a graph input or any node's output: the initializer is missing");
                else if (input.Length > 0 && !_index.IsConstant(input))
                    return Reject($"node '{node.Label}' ({node.OpType}) joins two paths ('{current}' and '{input}'): a skip connection is not a dense chain");
            }
            if (reads != 1) return Reject($"node '{node.Label}' ({node.OpType}) reads '{current}' {reads} times: it is not a dense-chain step");
            return true;
        }

        /// <summary>The node's first output; any further outputs (Dropout's mask, BatchNormalization's training statistics) must be unused.</summary>
        private string? Output(OnnxNode node)
        {
            if (node.Outputs.Count == 0 || node.Outputs[0].Length == 0) return FailNull($"node '{node.Label}' ({node.OpType}) has no output");
            for (int i = 1; i < node.Outputs.Count; i++)
            {
                string extra = node.Outputs[i];
                if (extra.Length > 0 && (_index.Consumers(extra).Count > 0 || _graphOutputs.Contains(extra)))
                    return FailNull($"output '{extra}' of node '{node.Label}' ({node.OpType}) is used: only its first output belongs to an inference chain");
            }
            return node.Outputs[0];
        }

        private bool ReportUnvisited(string input, string output)
        {
            var stray = _index.Nodes.Where(node => !_visited.Contains(node)).ToList();
            if (stray.Count == 0) return false;
            _problems.Add($"{Describe(stray)} {(stray.Count == 1 ? "is" : "are")} not on the chain from '{input}' to '{output}'");
            return true;
        }

        /// <summary>"'a' (Gemm), 'b' (Add)", at most 20 named.</summary>
        internal static string Describe(IReadOnlyList<OnnxNode> nodes)
        {
            const int Listed = 20;
            string named = string.Join(", ", nodes.Take(Listed).Select(node => $"node '{node.Label}' ({node.OpType})"));
            return nodes.Count > Listed ? named + $" and {(nodes.Count - Listed).ToString(CultureInfo.InvariantCulture)} more" : named;
        }

        private List<ChainStep>? Fail(string problem)
        {
            _problems.Add(problem);
            return null;
        }

        private bool Reject(string problem)
        {
            _problems.Add(problem);
            return false;
        }

        private string? FailNull(string problem)
        {
            _problems.Add(problem);
            return null;
        }

        private static string Format(long? size) => size?.ToString(CultureInfo.InvariantCulture) ?? "N";

        private string ShapeText => "[" + string.Join(", ", _shape.Select(Format)) + "]";
    }
}
