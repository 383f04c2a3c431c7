using NetGen.Generator.Models;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// Input normalization ([Normalization]): its statistics at the start of the state buffer, <c>Adapt</c>,
    /// the <c>Normalization</c> view, and its fold into the first layer's inference copy. Training normalizes
    /// the batch into <c>_normalizedInputs</c>, which layer 0 reads forward and backward.
    /// </summary>
    internal static partial class NetworkEmitter
    {
        /// <summary>The training batch after normalization, [batch × inputs].</summary>
        private const string NormalizedInputs = "_normalizedInputs";

        /// <summary>The normalization's mean and variance: the first 2·inputs values of the state.</summary>
        private static string NormalizationStatistics(NetworkSpec spec) => $"Slice(_state, 0, {2 * spec.Inputs})";

        /// <summary>What layer 0 reads in training: the normalized batch when there is normalization, the caller's inputs otherwise.</summary>
        private static string FirstLayerInput(NetworkSpec spec) => spec.HasNormalization ? NormalizedInputs : "inputs";

        private static void WriteNormalizationMembers(SourceWriter writer, NetworkSpec spec)
        {
            writer.Line("/// <inheritdoc />");
            if (!spec.HasNormalization)
            {
                writer.Line($"public {RuntimeNames.NormalizationView}? Normalization => null;");
                writer.Line();
                writer.Line("/// <inheritdoc />");
                writer.Line($"public void Adapt({ReadOnlySpan} features) => throw new {RuntimeNames.InvalidOperationException}(");
                writer.Line($"    \"{spec.TypeName} has no input normalization to adapt: add [Normalization] to the class (Keras's Normalization layer).\");");
                writer.Line();
                return;
            }
            writer.Line($"public {RuntimeNames.NormalizationView}? Normalization {{ get {{ {MarkStale} return new {RuntimeNames.NormalizationView}(_state, InputSize); }} }}");
            writer.Line();
            writer.Line("/// <inheritdoc />");
            using (writer.Block($"public void Adapt({ReadOnlySpan} features)"))
            {
                writer.Line($"{RuntimeNames.InferenceSupport}.EnterTraining(ref _trainingCall, ref _inferenceCalls, nameof(Adapt));");
                using (writer.Block("try"))
                {
                    writer.Line($"{RuntimeNames.NormalizationKernels}.Adapt(features, InputSize, _state);");
                    writer.Line(MarkStale);
                }
                writer.Line($"finally {{ {RuntimeNames.InferenceSupport}.ExitTraining(ref _trainingCall); }}");
            }
            writer.Line();
        }

        /// <summary>Refold lines: layer 0 (after its own batch-norm fold, when it has one) with the normalization folded in.</summary>
        private static void WriteNormalizationFold(SourceWriter writer, NetworkSpec spec)
        {
            var first = spec.Layers[0];
            int offset = spec.NormalizationInferenceOffset;
            string kernel = first.HasBatchNormBefore ? $"Slice(_foldedSpare, {first.InferenceOffset}, {first.KernelLength})" : KernelSlice(first, "_parameters");
            string bias = first.HasBatchNormBefore ? $"Slice(_foldedSpare, {first.InferenceOffset + first.KernelLength}, {first.Units})" : BiasSlice(first, "_parameters");
            writer.Line("// Input normalization into layer 0: W′ = W/std per input row, b′ = b − Σ mean·W′.");
            writer.Line($"{RuntimeNames.NormalizationKernels}.Fold({kernel}, {bias}, {NormalizationStatistics(spec)},");
            writer.Line($"    Slice(_foldedSpare, {offset}, {first.KernelLength}), Slice(_foldedSpare, {offset + first.KernelLength}, {first.Units}), {first.Inputs}, {first.Units});");
        }

        /// <summary>Layer 0's kernel for inference with the normalization folded in.</summary>
        private static string NormalizedKernel(NetworkSpec spec) => $"Slice(_folded, {spec.NormalizationInferenceOffset}, {spec.Layers[0].KernelLength})";

        /// <summary>Layer 0's bias for inference with the normalization folded in (always present: the mean shifts it).</summary>
        private static string NormalizedBias(NetworkSpec spec) => $"Slice(_folded, {spec.NormalizationInferenceOffset + spec.Layers[0].KernelLength}, {spec.Layers[0].Units})";
    }
}
