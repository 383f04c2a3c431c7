using NetGen.Generator.Models;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// Layers with batch normalization or dropout: their forward stages (dense → [BN] → activation →
    /// [BN] → [dropout]) and the backward pass through them in reverse, in place on the layer's δ.
    /// </summary>
    internal static partial class NetworkEmitter
    {
        /// <summary>Where the activation writes in training: a separate buffer when BN or dropout follows it.</summary>
        private static string ActivatedBuffer(LayerSpec layer)
            => layer.HasBatchNormAfter || layer.Dropout is not null ? $"_activated{layer.Index}" : $"_output{layer.Index}";

        private static void WriteCompositeForward(SourceWriter writer, LayerSpec layer, string input)
        {
            int i = layer.Index;
            string activation = ActivationStruct(layer.Activation, layer.Alpha);
            string activated = ActivatedBuffer(layer);
            using (writer.Block(layer.BatchNorm is null ? "if (training)" : $"if (training && _trainable[{i}])"))
            {
                if (layer.HasBatchNormBefore)
                {
                    writer.Line($"{RuntimeNames.DenseKernels}.Forward({input}, {KernelSlice(layer, "_parameters")}, {BiasSlice(layer, "_parameters")},");
                    writer.Line($"    default, _linear{i}, batchSize, {layer.Inputs}, {layer.Units}, default({RuntimeNames.LinearActivation}), _maxThreads);");
                    writer.Line($"// Batch statistics normalize z; γ, β and the activation follow in the same pass.");
                    writer.Line($"{RuntimeNames.BatchNormKernels}.ForwardTraining(_linear{i}, _normalizedBefore{i}, _statsBefore{i}, {BatchNormArguments(layer)},");
                    writer.Line($"    _preActivation{i}, {activated}, {MovingStatistics(layer)}, batchSize, {layer.Units}, {activation});");
                }
                else
                {
                    writer.Line($"{RuntimeNames.DenseKernels}.Forward({input}, {KernelSlice(layer, "_parameters")}, {BiasSlice(layer, "_parameters")},");
                    writer.Line($"    _preActivation{i}, {activated}, batchSize, {layer.Inputs}, {layer.Units}, {activation}, _maxThreads);");
                }
                if (layer.HasBatchNormAfter)
                {
                    writer.Line($"{RuntimeNames.BatchNormKernels}.ForwardTraining({activated}, _normalizedAfter{i}, _statsAfter{i}, {BatchNormArguments(layer)},");
                    writer.Line($"    default, _output{i}, {MovingStatistics(layer)}, batchSize, {layer.Units}, default({RuntimeNames.LinearActivation}));");
                }
                else if (layer.Dropout is not null)
                {
                    writer.Line($"Slice({activated}, 0, batchSize * {layer.Units}).CopyTo(_output{i});");
                }
            }
            if (layer.BatchNorm is not null) WriteFrozenBatchNormForward(writer, layer, input, activation, activated);
            using (writer.Block("else"))
            {
                if (layer.HasBatchNormBefore)
                {
                    writer.Line("// Batch normalization folded into the kernel and bias (moving statistics).");
                    writer.Line($"{RuntimeNames.DenseKernels}.Forward({input}, {FoldedKernel(layer)}, {FoldedBias(layer)},");
                }
                else
                {
                    writer.Line($"{RuntimeNames.DenseKernels}.Forward({input}, {KernelSlice(layer, "_parameters")}, {BiasSlice(layer, "_parameters")},");
                }
                writer.Line($"    default, _output{i}, batchSize, {layer.Inputs}, {layer.Units}, {activation}, _maxThreads);");
                if (layer.HasBatchNormAfter)
                    writer.Line($"{RuntimeNames.BatchNormKernels}.ApplyAffine(_output{i}, {AfterScale(layer)}, {AfterShift(layer)}, _output{i}, batchSize, {layer.Units});");
            }
            if (layer.Dropout is { } dropout)
            {
                string kernel = dropout.IsAlpha ? "AlphaForward" : "Forward";
                writer.Line($"if (dropout) {RuntimeNames.DropoutKernels}.{kernel}(_output{i}, _mask{i}, {Literals.Float(dropout.Rate)}, _dropoutRandom, batchSize * {layer.Units});");
            }
        }

        /// <summary>
        /// A frozen batch-normalized layer in training runs BN in inference mode (Keras semantics) from the
        /// folded copies, and still keeps the pre-activation and activation that backward needs.
        /// </summary>
        private static void WriteFrozenBatchNormForward(SourceWriter writer, LayerSpec layer, string input, string activation, string activated)
        {
            int i = layer.Index;
            using (writer.Block("else if (training)"))
            {
                writer.Line("// Frozen: moving statistics, no update of them.");
                string kernel = layer.HasBatchNormBefore ? FoldedKernel(layer) : KernelSlice(layer, "_parameters");
                string bias = layer.HasBatchNormBefore ? FoldedBias(layer) : BiasSlice(layer, "_parameters");
                writer.Line($"{RuntimeNames.DenseKernels}.Forward({input}, {kernel}, {bias},");
                writer.Line($"    _preActivation{i}, {activated}, batchSize, {layer.Inputs}, {layer.Units}, {activation}, _maxThreads);");
                if (layer.HasBatchNormAfter)
                    writer.Line($"{RuntimeNames.BatchNormKernels}.ApplyAffine({activated}, {AfterScale(layer)}, {AfterShift(layer)}, _output{i}, batchSize, {layer.Units});");
                else if (layer.Dropout is not null)
                    writer.Line($"Slice({activated}, 0, batchSize * {layer.Units}).CopyTo(_output{i});");
            }
        }

        /// <summary>Turns ∂L/∂(layer output) in _delta into ∂L/∂z, undoing the forward stages in reverse.</summary>
        private static void WriteCompositeBackward(SourceWriter writer, LayerSpec layer)
        {
            int i = layer.Index;
            writer.Line($"// Back through layer {i}'s stages: " + Stages(layer) + ".");
            if (layer.Dropout is not null)
                writer.Line($"{RuntimeNames.DropoutKernels}.Backward(_delta{i}, _mask{i}, batchSize * {layer.Units});");
            if (layer.HasBatchNormAfter)
            {
                writer.Line($"if (_trainable[{i}]) {RuntimeNames.BatchNormKernels}.Backward(_delta{i}, _normalizedAfter{i}, _statsAfter{i}, {Gamma(layer, "_parameters")}, {Gamma(layer, "_gradients")}, {Beta(layer, "_gradients")}, _scratch, batchSize, {layer.Units});");
                writer.Line($"else {RuntimeNames.BatchNormKernels}.ScaleColumns(_delta{i}, {AfterScale(layer)}, batchSize, {layer.Units}); // frozen: BN is the affine map y = a·scale + shift");
            }
            if (layer.Activation != Act.Linear)
                writer.Line($"{RuntimeNames.DenseKernels}.MultiplyByDerivative(_delta{i}, _preActivation{i}, {ActivatedBuffer(layer)}, batchSize * {layer.Units}, {ActivationStruct(layer.Activation, layer.Alpha)});");
            if (layer.HasBatchNormBefore)
                writer.Line($"if (_trainable[{i}]) {RuntimeNames.BatchNormKernels}.Backward(_delta{i}, _normalizedBefore{i}, _statsBefore{i}, {Gamma(layer, "_parameters")}, {Gamma(layer, "_gradients")}, {Beta(layer, "_gradients")}, _scratch, batchSize, {layer.Units});");
        }

        private static string Stages(LayerSpec layer)
        {
            var stages = new System.Collections.Generic.List<string>();
            if (layer.Dropout is { } dropout) stages.Add(dropout.IsAlpha ? "alpha dropout" : "dropout");
            if (layer.HasBatchNormAfter) stages.Add("batch norm");
            stages.Add(layer.Activation.ToString());
            if (layer.HasBatchNormBefore) stages.Add("batch norm");
            return string.Join(" ← ", stages);
        }

        private static string BatchNormArguments(LayerSpec layer) => $"{Gamma(layer, "_parameters")}, {Beta(layer, "_parameters")}";

        private static string MovingStatistics(LayerSpec layer)
        {
            var norm = layer.BatchNorm!;
            return $"Slice(_state, {norm.MeanOffset}, {layer.Units}), Slice(_state, {norm.VarianceOffset}, {layer.Units}), {Literals.Float(norm.Momentum)}, {Literals.Float(norm.Epsilon)}";
        }

        private static string Gamma(LayerSpec layer, string buffer)
            => layer.BatchNorm is { HasGamma: true } norm ? $"Slice({buffer}, {norm.GammaOffset}, {layer.Units})" : "default";

        private static string Beta(LayerSpec layer, string buffer)
            => layer.BatchNorm is { HasBeta: true } norm ? $"Slice({buffer}, {norm.BetaOffset}, {layer.Units})" : "default";

        private static string FoldedKernel(LayerSpec layer) => $"Slice(_folded, {layer.InferenceOffset}, {layer.KernelLength})";

        private static string FoldedBias(LayerSpec layer) => $"Slice(_folded, {layer.InferenceOffset + layer.KernelLength}, {layer.Units})";

        private static string AfterScale(LayerSpec layer) => $"Slice(_folded, {layer.InferenceOffset}, {layer.Units})";

        private static string AfterShift(LayerSpec layer) => $"Slice(_folded, {layer.InferenceOffset + layer.Units}, {layer.Units})";
    }
}
