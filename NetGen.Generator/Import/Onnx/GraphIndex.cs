using System.Collections.Generic;

namespace NetGen.Generator.Import.Onnx
{
    /// <summary>
    /// Who makes and who uses each value of a graph, and which values are constants (initializers or
    /// <c>Constant</c> nodes). <c>Constant</c> nodes are folded here and are not part of the chain.
    /// </summary>
    internal sealed class GraphIndex
    {
        private readonly Dictionary<string, OnnxTensor> _constants = new();
        private readonly Dictionary<string, List<OnnxNode>> _consumers = new();
        private readonly HashSet<string> _produced = new();

        public GraphIndex(OnnxGraph graph, List<string> problems)
        {
            foreach (var tensor in graph.Initializers) _constants[tensor.Name] = tensor;
            foreach (var input in graph.Inputs) _produced.Add(input.Name);
            foreach (var node in graph.Nodes)
            {
                if (node.OpType == "Constant" && IsDefaultDomain(node))
                {
                    if (ConstantValue(node, problems) is { } value && node.Outputs.Count > 0) _constants[node.Outputs[0]] = value;
                    continue;
                }
                Nodes.Add(node);
                foreach (var output in node.Outputs) _produced.Add(output);
            }
            foreach (var node in Nodes)
            {
                foreach (var input in node.Inputs)
                {
                    if (input.Length == 0 || _constants.ContainsKey(input)) continue;
                    if (!_consumers.TryGetValue(input, out var users)) _consumers[input] = users = new List<OnnxNode>();
                    // A node that reads a value twice (Mul(x, x)) counts twice: it is not a chain step either.
                    users.Add(node);
                }
            }
        }

        /// <summary>The graph's nodes except <c>Constant</c> nodes, in file order.</summary>
        public List<OnnxNode> Nodes { get; } = new();

        public static bool IsDefaultDomain(OnnxNode node) => node.Domain is "" or "ai.onnx";

        public bool IsConstant(string name) => _constants.ContainsKey(name);

        /// <summary>True for graph inputs and node outputs: a value something computes.</summary>
        public bool IsProduced(string name) => _produced.Contains(name);

        public OnnxTensor? Constant(string name) => _constants.TryGetValue(name, out var tensor) ? tensor : null;

        /// <summary>The nodes that read a (non-constant) value; empty when none does.</summary>
        public IReadOnlyList<OnnxNode> Consumers(string value) => _consumers.TryGetValue(value, out var users) ? users : (IReadOnlyList<OnnxNode>)System.Array.Empty<OnnxNode>();

        /// <summary>A Constant node's value as a tensor (value, value_float, value_floats, value_int, value_ints).</summary>
        private static OnnxTensor? ConstantValue(OnnxNode node, List<string> problems)
        {
            foreach (var attribute in node.Attributes)
            {
                var tensor = new OnnxTensor { Name = node.Outputs.Count > 0 ? node.Outputs[0] : node.Label };
                switch (attribute.Name)
                {
                    case "value" when attribute.T is { } value:
                        value.Name = tensor.Name;
                        return value;
                    case "value_float":
                        tensor.DataType = 1;
                        tensor.FloatData.Add(attribute.F);
                        return tensor;
                    case "value_floats":
                        tensor.DataType = 1;
                        tensor.Dims.Add(attribute.Floats.Count);
                        tensor.FloatData.AddRange(attribute.Floats);
                        return tensor;
                    case "value_int":
                        tensor.DataType = 7;
                        tensor.Int64Data.Add(attribute.I);
                        return tensor;
                    case "value_ints":
                        tensor.DataType = 7;
                        tensor.Dims.Add(attribute.Ints.Count);
                        tensor.Int64Data.AddRange(attribute.Ints);
                        return tensor;
                }
            }
            problems.Add($"Constant node '{node.Label}' has no tensor, float or int value the reader understands");
            return null;
        }
    }
}
