using System;
using System.Collections.Generic;
using System.IO;
using NetGen.Generated;

namespace NetGen
{
    /// <summary>
    /// Writes a network as an ONNX model (opset 13) for inference elsewhere: input normalization
    /// (<see cref="NormalizationAttribute"/>) is a <c>Sub</c> of the mean and a <c>Div</c> by max(√variance, 1e-7)
    /// before the first layer (Keras's formula, not folded, so readers see the statistics); each dense layer is a
    /// <c>Gemm</c> (NetGen's [inputs × units] kernel is ONNX's B without transposition), batch norm
    /// before an activation is folded into it, batch norm after one is a <c>Mul</c> and an <c>Add</c>,
    /// dropout is left out (inference), and the output applies what <see cref="INetwork.Predict(ReadOnlySpan{float}, Span{float})"/>
    /// returns: softmax for the softmax losses, sigmoid for binary cross-entropy. Input "input" and
    /// output "output" are [batch × features] float tensors with a symbolic batch dimension.
    /// </summary>
    public static class OnnxExporter
    {
        private const int FloatType = 1;

        /// <summary>Writes the model to <paramref name="path"/>.</summary>
        public static void Save(INetwork network, string path)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            File.WriteAllBytes(path, Serialize(network));
        }

        /// <summary>The model as ONNX bytes (a serialized <c>ModelProto</c>).</summary>
        public static byte[] Serialize(INetwork network)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            var graph = new Graph(network);
            string current = "input";
            if (network.Normalization is { } normalization) current = graph.AddNormalization(normalization, current);
            foreach (var layer in network.Layers) current = graph.AddLayer(layer, current, isOutput: layer.Index == network.Layers.Count - 1);
            current = network.Loss switch
            {
                Loss.SoftmaxCrossEntropy or Loss.CategoricalCrossEntropy => graph.Node("Softmax", new[] { current }, "probabilities", ("axis", -1L)),
                Loss.BinaryCrossEntropy => graph.Node("Sigmoid", new[] { current }, "probabilities"),
                _ => current,
            };
            graph.Node("Identity", new[] { current }, "output");

            var proto = graph.ToProto(network.InputSize, network.OutputSize);
            return new ProtobufWriter()
                .Varint(1, 8)                                   // ir_version 8 (ONNX 1.10+)
                .String(2, "NetGen")                            // producer_name
                .String(3, typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "0")
                .Message(7, proto)                              // graph
                .Message(8, new ProtobufWriter().String(1, "").Varint(2, 13)) // opset_import: default domain, opset 13
                .ToArray();
        }

        /// <summary>Nodes and initializers of the graph under construction.</summary>
        private sealed class Graph
        {
            private readonly INetwork _network;
            private readonly float[] _parameters;
            private readonly float[] _state;
            private readonly List<ProtobufWriter> _nodes = new();
            private readonly List<ProtobufWriter> _initializers = new();
            private int _counter;

            public Graph(INetwork network)
            {
                _network = network;
                _parameters = network.Parameters.ToArray();
                _state = network.State.ToArray();
            }

            /// <summary>Keras's Normalization as <c>Sub(x, mean)</c> then <c>Div(·, std)</c>, std = max(√variance, 1e-7).</summary>
            public string AddNormalization(NormalizationView normalization, string input)
            {
                int features = normalization.Features;
                var std = new float[features];
                for (int i = 0; i < features; i++) std[i] = NormalizationKernels.StandardDeviation(normalization.Variance[i]);
                string centered = Node("Sub", new[] { input, Initializer("normalization.mean", normalization.Mean.ToArray(), features) }, "normalization.centered");
                return Node("Div", new[] { centered, Initializer("normalization.std", std, features) }, "normalization");
            }

            public string AddLayer(DenseLayerInfo layer, string input, bool isOutput)
            {
                int units = layer.Units;
                var kernel = _parameters.AsSpan(layer.KernelOffset, (int)LayerLayout.KernelLength(layer.Inputs, units)).ToArray();
                var bias = layer.HasBias ? _parameters.AsSpan(layer.BiasOffset, units).ToArray() : new float[units];
                float[]? scale = null, shift = null;
                if (layer.BatchNorm is { } norm)
                {
                    scale = new float[units];
                    shift = new float[units];
                    BatchNormKernels.InferenceAffine(
                        norm.HasGamma ? _parameters.AsSpan(norm.GammaOffset, units) : default,
                        norm.HasBeta ? _parameters.AsSpan(norm.BetaOffset, units) : default,
                        _state.AsSpan(norm.MeanOffset, units), _state.AsSpan(norm.VarianceOffset, units), norm.Epsilon, scale, shift, units);
                    if (norm.Placement == BatchNormPlacement.BeforeActivation)
                    {
                        var foldedKernel = new float[kernel.Length];
                        var foldedBias = new float[units];
                        BatchNormKernels.Fold(kernel, layer.HasBias ? bias : default, scale, shift, foldedKernel, foldedBias, layer.Inputs, units);
                        (kernel, bias) = (foldedKernel, foldedBias);
                    }
                }
                string prefix = $"layer{layer.Index}";
                string weights = Initializer($"{prefix}.kernel", kernel, layer.Inputs, units);
                string biases = Initializer($"{prefix}.bias", bias, units);
                string value = Node("Gemm", new[] { input, weights, biases }, $"{prefix}.linear");
                // Cross-entropy outputs stay logits here; the softmax or sigmoid follows after the last layer.
                bool logits = isOutput && _network.Loss != Loss.MeanSquaredError;
                if (!logits) value = Activation(layer, value, prefix);
                if (layer.BatchNorm is { Placement: BatchNormPlacement.AfterActivation })
                {
                    value = Node("Mul", new[] { value, Initializer($"{prefix}.bn.scale", scale!, units) }, $"{prefix}.bn.scaled");
                    value = Node("Add", new[] { value, Initializer($"{prefix}.bn.shift", shift!, units) }, $"{prefix}.bn");
                }
                return value;
            }

            private string Activation(DenseLayerInfo layer, string input, string prefix)
            {
                string output = $"{prefix}.{layer.Activation.ToString().ToLowerInvariant()}";
                switch (layer.Activation)
                {
                    case Act.Linear: return input;
                    case Act.Sigmoid: return Node("Sigmoid", new[] { input }, output);
                    case Act.Tanh: return Node("Tanh", new[] { input }, output);
                    case Act.Relu: return Node("Relu", new[] { input }, output);
                    case Act.Softplus: return Node("Softplus", new[] { input }, output);
                    case Act.LeakyRelu: return Node("LeakyRelu", new[] { input }, output, ("alpha", layer.Alpha));
                    case Act.Elu: return Node("Elu", new[] { input }, output, ("alpha", layer.Alpha));
                    case Act.Selu: return Node("Selu", new[] { input }, output, ("alpha", SeluActivation.Alpha), ("gamma", SeluActivation.Scale));
                    case Act.Silu: return Node("Mul", new[] { input, Node("Sigmoid", new[] { input }, output + ".gate") }, output);
                    case Act.Gelu:
                    {
                        // Exact GELU, x·½·(1 + erf(x/√2)) (opset 13 has Erf but no Gelu).
                        string scaled = Node("Mul", new[] { input, Scalar(prefix + ".inv_sqrt2", (float)(1 / Math.Sqrt(2))) }, output + ".scaled");
                        string erf = Node("Erf", new[] { scaled }, output + ".erf");
                        string plusOne = Node("Add", new[] { erf, Scalar(prefix + ".one", 1f) }, output + ".plus_one");
                        string half = Node("Mul", new[] { plusOne, Scalar(prefix + ".half", 0.5f) }, output + ".half");
                        return Node("Mul", new[] { input, half }, output);
                    }
                    default:
                        throw new NotSupportedException($"Layer {layer.Index}: {layer.Activation} has no ONNX export.");
                }
            }

            public string Node(string op, string[] inputs, string output, params (string Name, object Value)[] attributes)
            {
                var node = new ProtobufWriter();
                foreach (var input in inputs) node.String(1, input);
                node.String(2, output).String(3, $"{op}_{_counter++}").String(4, op);
                foreach (var (name, value) in attributes)
                {
                    var attribute = new ProtobufWriter().String(1, name);
                    if (value is long integer) attribute.Varint(3, integer).Varint(20, 2);   // i, type INT
                    else attribute.Float(2, Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture)).Varint(20, 1); // f, type FLOAT
                    node.Message(5, attribute);
                }
                _nodes.Add(node);
                return output;
            }

            private string Scalar(string name, float value) => Initializer(name, new[] { value });

            private string Initializer(string name, float[] values, params long[] dims)
            {
                var tensor = new ProtobufWriter();
                foreach (long dim in dims) tensor.Varint(1, dim);
                tensor.Varint(2, FloatType).String(8, name);
                var bytes = new byte[values.Length * 4];
                for (int i = 0; i < values.Length; i++) System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
                tensor.Bytes(9, bytes);                          // raw_data, little-endian
                _initializers.Add(tensor);
                return name;
            }

            public ProtobufWriter ToProto(int inputs, int outputs)
            {
                var graph = new ProtobufWriter();
                foreach (var node in _nodes) graph.Message(1, node);
                graph.String(2, "netgen");
                foreach (var initializer in _initializers) graph.Message(5, initializer);
                graph.Message(11, ValueInfo("input", inputs));
                graph.Message(12, ValueInfo("output", outputs));
                return graph;
            }

            private static ProtobufWriter ValueInfo(string name, int features)
            {
                var shape = new ProtobufWriter()
                    .Message(1, new ProtobufWriter().String(2, "batch"))          // dim_param
                    .Message(1, new ProtobufWriter().Varint(1, features));        // dim_value
                var tensorType = new ProtobufWriter().Varint(1, FloatType).Message(2, shape);
                return new ProtobufWriter().String(1, name).Message(2, new ProtobufWriter().Message(1, tensorType));
            }
        }
    }
}
