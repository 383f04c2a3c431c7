using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Models;

namespace NetGen.Generator.Parsing
{
    /// <summary>
    /// Turns an [OnnxModel] class and the shape of the graph its file holds into the declaration an
    /// attribute-declared twin would have ([Dense] per layer, [BatchNorm] where the graph normalizes), so the
    /// same Validation judges it and the same Emit writes it. Values carry the attribute's location.
    /// </summary>
    internal static class ImportDeclarations
    {
        public static ParseResult Declare(OnnxParseResult parsed, ImmutableArray<ModelFileSummary> files)
        {
            var diagnostics = new DiagnosticBag(parsed.Diagnostics);
            if (parsed.Declaration is not { } onnx) return new ParseResult(null, diagnostics.ToEquatableArray());
            var at = onnx.File.Location;
            if (onnx.LayerAttributes is { } layerAttribute)
            {
                diagnostics.Report(DiagnosticDescriptors.OnnxModelWithLayerAttributes, layerAttribute.Location, layerAttribute.Value, onnx.Network.TypeName);
                return new ParseResult(onnx.Network, diagnostics.ToEquatableArray());
            }
            if (ModelFileLookup.Find(files, onnx.File.Path) is not { } file)
            {
                diagnostics.Report(DiagnosticDescriptors.ModelFileNotAdditional, at, onnx.File.Path);
                return new ParseResult(onnx.Network, diagnostics.ToEquatableArray());
            }
            if (file.Problems.Count > 0 || file.Graph is not { } graph)
            {
                var problems = file.Problems.Count > 0 ? file.Problems.ToArray() : new[] { "it is not an ONNX model" };
                diagnostics.Report(DiagnosticDescriptors.ModelFileUnreadable, at, onnx.File.Path, string.Join("; ", problems));
                return new ParseResult(onnx.Network, diagnostics.ToEquatableArray());
            }
            var loss = onnx.Loss?.Value ?? graph.OutputLoss;
            var dense = new List<DenseDeclaration>();
            var modifiers = new List<ModifierDeclaration>();
            for (int i = 0; i < graph.Layers.Count; i++)
            {
                var layer = graph.Layers[i];
                bool isOutput = i == graph.Layers.Count - 1;
                // The output layer's activation follows the loss, as in a declared network; written only for raw outputs.
                WrittenValue<Act>? activation = isOutput && loss != Loss.MeanSquaredError ? null : new WrittenValue<Act>(layer.Activation, at);
                WrittenValue<double>? alpha = layer.Activation is Act.LeakyRelu or Act.Elu ? new WrittenValue<double>(layer.Alpha, at) : null;
                // Input normalization folds into the first layer's kernel and bias, so that layer needs a bias.
                bool bias = layer.HasBias || (i == 0 && graph.HasNormalization);
                dense.Add(new DenseDeclaration(at, new WrittenValue<int>(layer.Units, at), activation, alpha, new WrittenValue<bool>(bias, at),
                    Initializer(layer.Activation, at), Init.Zeros, BiasValue: null, RegularizationDeclaration.None));
                if (layer.BatchNorm is { } placement)
                    modifiers.Add(new ModifierDeclaration(ModifierKind.BatchNorm, "BatchNorm", at, i, placement,
                        Momentum: null, new WrittenValue<double>(layer.Epsilon, at), Center: true, Scale: true, Rate: null));
            }
            var attributes = new AttributesDeclaration(at, new WrittenValue<int>(graph.Inputs, at), loss, Seed: null, Layers: null,
                new EquatableArray<DenseDeclaration>(dense.ToArray()), Activation: null, Initializer: null, Regularization: null,
                new EquatableArray<ModifierDeclaration>(modifiers.ToArray()), onnx.File);
            return new ParseResult(onnx.Network with { Attributes = attributes }, diagnostics.ToEquatableArray());
        }

        /// <summary>
        /// What Initialize(seed) draws for an imported layer (the trained weights come from the file): the
        /// initializer NetGen's advice asks for with the activation — He uniform for the ReLU family, LeCun normal
        /// for SELU, Glorot uniform (Keras's default) otherwise — so an import never draws advice (NG0019, NG0023).
        /// </summary>
        private static InitializerDeclaration Initializer(Act activation, LocationInfo? at)
        {
            var kind = activation switch
            {
                Act.Relu or Act.LeakyRelu or Act.Elu or Act.Gelu or Act.Silu => Init.HeUniform,
                Act.Selu => Init.LeCunNormal,
                _ => Init.GlorotUniform,
            };
            return new InitializerDeclaration(new WrittenValue<Init>(kind, at), Scale: null, FanMode.FanIn, Distribution.TruncatedNormal, Mean: null, StdDev: null, Value: null);
        }
    }
}
