using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Import.Onnx;

namespace NetGen.Generator.Import
{
    /// <summary>Reads an ONNX model file's bytes into the dense chain it holds (the ONNX reader's entry point).</summary>
    internal static class OnnxModelReader
    {
        /// <summary>Listing more unsupported nodes than this helps nobody; the rest are counted.</summary>
        private const int ListedNodes = 50;

        private static readonly HashSet<string> SupportedOps = new(StringComparer.Ordinal)
        {
            "Gemm", "MatMul", "Add", "Sub", "Mul", "Div", "BatchNormalization",
            "Relu", "LeakyRelu", "Elu", "Selu", "Sigmoid", "Tanh", "Softplus", "Gelu", "Erf",
            "Softmax", "LogSoftmax", "Dropout", "Identity", "Flatten", "Reshape", "Constant",
        };

        /// <summary>Never throws: whatever cannot be read or recognised comes back as problems.</summary>
        public static ModelReadResult Read(byte[] bytes)
        {
            try
            {
                return ReadUnguarded(bytes);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // A reader bug must not take the compiler down; the fuzz tests call ReadUnguarded to find them.
                return Problem($"the ONNX reader failed on this file ({exception.GetType().Name}: {exception.Message}); please report it with the file");
            }
        }

        /// <summary>
        /// <see cref="Read"/> without the last-resort catch: malformed bytes are problems, and any other
        /// exception is a reader bug (the fuzz tests call this).
        /// </summary>
        internal static ModelReadResult ReadUnguarded(byte[] bytes)
        {
            if (bytes is null || bytes.Length == 0) return Problem("the file is empty");
            if (bytes.Length >= 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K' && bytes[2] == 3 && bytes[3] == 4)
                return Problem("the file is a zip archive (a PyTorch .pt/.pth checkpoint?), not an ONNX model: export it with torch.onnx.export");
            OnnxModel model;
            try
            {
                model = OnnxParser.ParseModel(bytes);
            }
            catch (OnnxFormatException malformed)
            {
                return Problem($"the file is not a readable ONNX model: {malformed.Message}");
            }
            if (model.Graph is not { } graph)
                return Problem("the file has no graph (ModelProto field 7): it is not an ONNX model");
            var defaultOpset = model.Opsets.Where(opset => opset.Domain is "" or "ai.onnx").Select(opset => opset.Version).DefaultIfEmpty(0).Max();
            if (defaultOpset <= 0)
                return Problem("the file imports no ONNX operator set (ModelProto.opset_import): it is not an ONNX model");

            var problems = new List<string>();
            if (graph.SparseInitializers > 0) problems.Add($"the graph has {graph.SparseInitializers} sparse initializer(s), which the reader does not support");
            var unsupported = graph.Nodes.Where(node => !SupportedOps.Contains(node.OpType) || !(node.Domain is "" or "ai.onnx" || (node.Domain == "com.microsoft" && node.OpType == "Gelu"))).ToList();
            foreach (var node in unsupported.Take(ListedNodes))
                problems.Add($"node '{node.Label}' ({(node.Domain is "" or "ai.onnx" ? "" : node.Domain + ".")}{node.OpType}) is not supported{Hint(node.OpType)}");
            if (unsupported.Count > ListedNodes) problems.Add($"and {unsupported.Count - ListedNodes} more unsupported nodes");
            if (problems.Count > 0) return new ModelReadResult(null, problems.ToArray());

            var initializerNames = new HashSet<string>(graph.Initializers.Select(tensor => tensor.Name));
            // Older exporters also list every initializer as a graph input; the real inputs are the others.
            var inputs = graph.Inputs.Where(input => !initializerNames.Contains(input.Name)).ToList();
            if (inputs.Count != 1) return Problem($"the graph has {inputs.Count} inputs ({string.Join(", ", inputs.Select(input => "'" + input.Name + "'"))}); a dense network has one");
            if (graph.Outputs.Count != 1) return Problem($"the graph has {graph.Outputs.Count} outputs ({string.Join(", ", graph.Outputs.Select(output => "'" + output.Name + "'"))}); a dense network has one");
            var input = inputs[0];
            var output = graph.Outputs[0];
            foreach (var value in new[] { input, output })
            {
                if (value.ElementType is not (0 or 1))
                    problems.Add($"graph {(value == input ? "input" : "output")} '{value.Name}' is {TensorValues.TypeName(value.ElementType)}; NetGen networks take and return float32");
            }
            if (problems.Count > 0) return new ModelReadResult(null, problems.ToArray());

            var index = new GraphIndex(graph, problems);
            var walker = new ChainWalker(index, problems, new HashSet<string> { output.Name }, defaultOpset, input.Shape);
            var steps = walker.Walk(input.Name, output.Name);
            var network = steps is null || problems.Count > 0 ? null : ChainAssembler.Assemble(steps, problems);
            if (network is not null && output.Shape is { Count: > 0 } shape && shape[shape.Count - 1] is { } declared && declared != network.Layers[network.Layers.Length - 1].Units)
                problems.Add($"graph output '{output.Name}' is declared with {declared} features, but the last layer ('{network.Layers[network.Layers.Length - 1].Name}') has {network.Layers[network.Layers.Length - 1].Units} units");
            return problems.Count > 0 ? new ModelReadResult(null, problems.ToArray()) : new ModelReadResult(network, Array.Empty<string>());
        }

        private static string Hint(string opType) => opType switch
        {
            "Conv" or "ConvTranspose" => ": convolutions are not dense layers",
            "MaxPool" or "AveragePool" or "GlobalAveragePool" => ": pooling belongs to convolutional networks",
            "LSTM" or "GRU" or "RNN" => ": recurrent layers are not dense layers",
            _ => "",
        };

        private static ModelReadResult Problem(string problem) => new(null, new[] { problem });
    }
}
