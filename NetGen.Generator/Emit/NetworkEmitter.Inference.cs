using System.Linq;
using NetGen.Generator.Models;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// The inference path: single-sample matrix-vector, batched prediction, Monte Carlo dropout, evaluation.
    /// Predict and Evaluate may run on one instance from many threads: they write only the caller's spans
    /// and scratch owned by the call (stack for narrow networks, the thread's buffers otherwise).
    /// </summary>
    internal static partial class NetworkEmitter
    {
        // Single-sample scratch up to this many values per buffer lives on the stack (two buffers, 2 KB);
        // wider networks use the thread's buffers, so a deep stack never meets a wide layer.
        private const int StackScratchLimit = 256;

        private static void WriteInference(SourceWriter writer, NetworkSpec spec)
        {
            WritePredictOne(writer, spec);
            WriteInferBatch(writer, spec);
            writer.Line("/// <inheritdoc />");
            using (writer.Block($"public void Predict({ReadOnlySpan} inputs, {Span} outputs, int batchSize)"))
            {
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckBatchSize(batchSize, WidestLayer);");
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckInputs(inputs, batchSize, InputSize);");
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckOutputs(outputs, batchSize, OutputSize);");
                WriteInferenceCall(writer, "Predict", () => writer.Line(OutputFunction(spec, "InferBatch(inputs, batchSize)", "outputs", "batchSize")));
            }
            writer.Line();
            WritePredictLogits(writer, spec);
            WriteDropoutPrediction(writer, spec);
            writer.Line("/// <inheritdoc />");
            using (writer.Block($"public float Evaluate({ReadOnlySpan} inputs, {ReadOnlySpan} targets, {Span} outputs, int batchSize)"))
            {
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckBatchSize(batchSize, WidestLayer);");
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckBatch(inputs, targets, batchSize, InputSize, TargetSize);");
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckOptional(outputs, batchSize, OutputSize, nameof(outputs));");
                WriteInferenceCall(writer, "Evaluate", () =>
                {
                    writer.Line($"{ReadOnlySpan} last = InferBatch(inputs, batchSize);");
                    if (IsFused(spec))
                    {
                        writer.Line($"float loss = {RuntimeNames.Losses}.{spec.Loss}(last, targets, outputs, default, batchSize, OutputSize);");
                    }
                    else
                    {
                        writer.Line("if (!outputs.IsEmpty) last.CopyTo(outputs);");
                        writer.Line($"float loss = {RuntimeNames.Losses}.MeanSquaredError(last, targets, default, batchSize, OutputSize);");
                    }
                    foreach (var layer in spec.Layers.Where(l => l.Regularization.HasPenalty))
                        writer.Line($"loss += {RuntimeNames.RegularizationKernels}.Penalty({KernelSlice(layer, "_parameters")}, {Literals.Float(layer.Regularization.L1)}, {Literals.Float(layer.Regularization.L2)});");
                    writer.Line("return loss;");
                });
            }
            writer.Line();
        }

        /// <summary>
        /// The output layer's pre-activation values: the logits a fused output layer writes anyway, or, for a
        /// non-fused output layer with an activation, its own pass with that activation left off.
        /// </summary>
        private static void WritePredictLogits(SourceWriter writer, NetworkSpec spec)
        {
            bool ownPass = !IsFused(spec) && spec.Output.Activation != Act.Linear;
            writer.Line("/// <inheritdoc />");
            using (writer.Block($"public void PredictLogits({ReadOnlySpan} inputs, {Span} outputs, int batchSize)"))
            {
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckBatchSize(batchSize, WidestLayer);");
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckInputs(inputs, batchSize, InputSize);");
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckOutputs(outputs, batchSize, OutputSize);");
                WriteInferenceCall(writer, "PredictLogits", () =>
                {
                    if (!ownPass)
                    {
                        writer.Line("InferBatch(inputs, batchSize).CopyTo(outputs);");
                        return;
                    }
                    if (spec.HasFold) writer.Line("RefreshIfStale();");
                    foreach (string buffer in ScratchBuffers(spec, direct: true))
                        writer.Line($"{Span} {buffer} = {RuntimeNames.InferenceSupport}.{Capitalized(buffer)}(batchSize * WidestLayer);");
                    WriteInferenceLayers(writer, spec, "inputs", "batchSize", "outputs", rawOutput: true);
                });
            }
            writer.Line();
        }

        /// <summary>Wraps an inference body in the gate that refuses to overlap a training call.</summary>
        private static void WriteInferenceCall(SourceWriter writer, string operation, System.Action body)
        {
            writer.Line($"{RuntimeNames.InferenceSupport}.EnterInference(ref _inferenceCalls, ref _trainingCall, \"{operation}\");");
            using (writer.Block("try")) body();
            writer.Line($"finally {{ {RuntimeNames.InferenceSupport}.ExitInference(ref _inferenceCalls); }}");
        }

        /// <summary>
        /// Monte Carlo dropout draws its masks from the instance's dropout stream, whose order defines the
        /// results, and uses the batch workspace: it needs the instance to itself, like a training call.
        /// </summary>
        private static void WriteDropoutPrediction(SourceWriter writer, NetworkSpec spec)
        {
            writer.Line("/// <inheritdoc />");
            using (writer.Block($"public void PredictWithDropout({ReadOnlySpan} inputs, {Span} outputs, int batchSize)"))
            {
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckBatchSize(batchSize, WidestLayer);");
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckInputs(inputs, batchSize, InputSize);");
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckOutputs(outputs, batchSize, OutputSize);");
                writer.Line($"{RuntimeNames.InferenceSupport}.EnterTraining(ref _trainingCall, ref _inferenceCalls, nameof(PredictWithDropout));");
                using (writer.Block("try"))
                {
                    writer.Line("EnsureCapacity(batchSize);");
                    writer.Line("Forward(inputs, batchSize, training: false, dropout: true);");
                    writer.Line(OutputFunction(spec, $"_output{spec.Output.Index}", "outputs", "batchSize"));
                }
                writer.Line($"finally {{ {RuntimeNames.InferenceSupport}.ExitTraining(ref _trainingCall); }}");
            }
            writer.Line();
        }

        private static void WritePredictOne(SourceWriter writer, NetworkSpec spec)
        {
            writer.Line("/// <inheritdoc />");
            using (writer.Block($"public void Predict({ReadOnlySpan} input, {Span} output)"))
            {
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckInputs(input, 1, InputSize);");
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckOutputs(output, 1, OutputSize);");
                WriteInferenceCall(writer, "Predict", () =>
                {
                    if (spec.HasFold) writer.Line("RefreshIfStale();");
                    bool onStack = spec.Layers.Max(l => l.Units) <= StackScratchLimit;
                    foreach (string buffer in ScratchBuffers(spec, direct: true))
                        writer.Line(onStack
                            ? $"{Span} {buffer} = stackalloc float[WidestLayer];"
                            : $"{Span} {buffer} = {RuntimeNames.InferenceSupport}.{Capitalized(buffer)}(WidestLayer);");
                    string current = WriteInferenceLayers(writer, spec, "input", "1", "output");
                    if (IsFused(spec)) writer.Line(OutputFunction(spec, current, "output", "1"));
                });
            }
            writer.Line();
        }

        private static void WriteInferBatch(SourceWriter writer, NetworkSpec spec)
        {
            writer.Line("/// <summary>Runs every layer over the batch in the calling thread's scratch and returns the output layer's values (logits when fused with the loss).</summary>");
            using (writer.Block($"private {ReadOnlySpan} InferBatch({ReadOnlySpan} inputs, int batchSize)"))
            {
                if (spec.HasFold) writer.Line("RefreshIfStale();");
                foreach (string buffer in ScratchBuffers(spec, direct: false))
                    writer.Line($"{Span} {buffer} = {RuntimeNames.InferenceSupport}.{Capitalized(buffer)}(batchSize * WidestLayer);");
                string current = WriteInferenceLayers(writer, spec, "inputs", "batchSize", null);
                writer.Line($"return {current}.Slice(0, batchSize * OutputSize);");
            }
            writer.Line();
        }

        /// <summary>The ping-pong buffers the layers write: layer i writes "first" when i is even, "second" when odd.</summary>
        private static string[] ScratchBuffers(NetworkSpec spec, bool direct)
        {
            // With a direct output, a non-fused output layer writes the caller's span instead.
            int written = direct && !IsFused(spec) ? spec.Layers.Count - 1 : spec.Layers.Count;
            return new[] { "first", "second" }.Take(System.Math.Min(2, written)).ToArray();
        }

        private static string Capitalized(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);

        /// <summary>
        /// Writes the inference layers (folded batch norm, no dropout) and returns the span holding the last
        /// layer's values; a non-fused output layer writes <paramref name="directOutput"/> when there is one.
        /// </summary>
        private static string WriteInferenceLayers(SourceWriter writer, NetworkSpec spec, string input, string rows, string? directOutput, bool rawOutput = false)
        {
            string current = input;
            foreach (var layer in spec.Layers)
            {
                bool isOutput = layer.Index == spec.Layers.Count - 1;
                bool fused = isOutput && IsFused(spec);
                string destination = isOutput && !fused && directOutput is not null ? directOutput : (layer.Index % 2 == 0 ? "first" : "second");
                string activation = fused || (isOutput && rawOutput) ? $"default({RuntimeNames.LinearActivation})" : ActivationStruct(layer.Activation, layer.Alpha);
                bool normalized = layer.Index == 0 && spec.HasNormalization;
                string kernel = normalized ? NormalizedKernel(spec) : layer.HasBatchNormBefore ? FoldedKernel(layer) : KernelSlice(layer, "_parameters");
                string bias = normalized ? NormalizedBias(spec) : layer.HasBatchNormBefore ? FoldedBias(layer) : BiasSlice(layer, "_parameters");
                string folded = (layer.HasBatchNormBefore ? ", batch norm" : "") + (normalized ? ", input normalization" : "");
                string raw = isOutput && rawOutput && !fused ? ", activation left off (raw values)" : "";
                writer.Line($"// Layer {layer.Index}: {DescribeLayer(spec, layer)}" + (folded.Length > 0 ? folded + " folded in" : "") + raw + ".");
                writer.Line($"{RuntimeNames.DenseKernels}.Forward({current}, {kernel}, {bias}, default, {destination}, {rows}, {layer.Inputs}, {layer.Units}, {activation}, _maxThreads);");
                if (layer.HasBatchNormAfter)
                    writer.Line($"{RuntimeNames.BatchNormKernels}.ApplyAffine({destination}, {AfterScale(layer)}, {AfterShift(layer)}, {destination}, {rows}, {layer.Units});");
                current = destination;
            }
            return current;
        }

        /// <summary>Turns the output layer's values into what Predict returns: probabilities for the cross-entropies.</summary>
        private static string OutputFunction(NetworkSpec spec, string source, string destination, string rows) => spec.Loss switch
        {
            Loss.SoftmaxCrossEntropy or Loss.CategoricalCrossEntropy => $"{RuntimeNames.ActivationMath}.SoftmaxRows({source}, {destination}, {rows}, OutputSize);",
            Loss.BinaryCrossEntropy => $"{RuntimeNames.ActivationMath}.Sigmoid({source}, {destination}, {rows} * OutputSize);",
            _ => source.StartsWith("_", System.StringComparison.Ordinal)
                ? $"Slice({source}, 0, {rows} * OutputSize).CopyTo({destination});"
                : $"{source}.Slice(0, {rows} * OutputSize).CopyTo({destination});",
        };
    }
}
