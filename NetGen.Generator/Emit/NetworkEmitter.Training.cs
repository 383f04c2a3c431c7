using System.Linq;
using NetGen.Generator.Models;

namespace NetGen.Generator.Emit
{
    /// <summary>The training path: batched forward with caches, fused loss, backward, update.</summary>
    internal static partial class NetworkEmitter
    {
        private static void WriteTraining(SourceWriter writer, NetworkSpec spec)
        {
            WriteForward(writer, spec);
            WriteComputeGradients(writer, spec);
            WriteLayerActivations(writer, spec);
            writer.Line("/// <inheritdoc />");
            using (writer.Block($"public float TrainStep({ReadOnlySpan} inputs, {ReadOnlySpan} targets, int batchSize, {RuntimeNames.IOptimizer} optimizer)"))
            {
                writer.Line($"if (optimizer is null) throw new {RuntimeNames.ArgumentNullException}(nameof(optimizer));");
                writer.Line($"{RuntimeNames.InferenceSupport}.EnterTraining(ref _trainingCall, ref _inferenceCalls, nameof(TrainStep));");
                using (writer.Block("try"))
                {
                    writer.Line("float loss = GradientsCore(inputs, targets, batchSize, default, default, default);");
                    writer.Line($"{RuntimeNames.UpdateRecipe}.Apply(this, optimizer, _parameters, _gradients, _maxThreads);");
                    writer.Line("return loss;");
                }
                writer.Line($"finally {{ {RuntimeNames.InferenceSupport}.ExitTraining(ref _trainingCall); }}");
            }
            writer.Line();
        }

        private static void WriteForward(SourceWriter writer, NetworkSpec spec)
        {
            writer.Line("/// <summary>");
            writer.Line("/// Runs every layer over the batch. Training keeps what backward needs and uses batch statistics;");
            writer.Line("/// inference uses the folded batch normalization; <paramref name=\"dropout\"/> turns the dropout masks on.");
            writer.Line("/// </summary>");
            using (writer.Block($"private void Forward({ReadOnlySpan} inputs, int batchSize, bool training, bool dropout)"))
            {
                // Inference, and frozen batch-norm layers in training (Keras runs them in inference mode), read the folded copies.
                if (spec.HasBatchNorm) writer.Line("if (!training || _frozenCount > 0) RefreshIfStale();");
                if (spec.HasNormalization)
                {
                    writer.Line("// Input normalization: layer 0 reads (x − mean)/max(√variance, 1e-7), and backward its gradient.");
                    writer.Line($"{RuntimeNames.NormalizationKernels}.Normalize(inputs, {NormalizationStatistics(spec)}, {NormalizedInputs}, batchSize, InputSize);");
                }
                foreach (var layer in spec.Layers)
                {
                    bool fusedOutput = layer.Index == spec.Layers.Count - 1 && IsFused(spec);
                    writer.Line($"// Layer {layer.Index}: {DescribeLayer(spec, layer)}" + (fusedOutput ? " (writes logits)." : "."));
                    string input = layer.Index == 0 ? FirstLayerInput(spec) : $"_output{layer.Index - 1}";
                    if (layer.IsComposite)
                    {
                        WriteCompositeForward(writer, layer, input);
                        continue;
                    }
                    string preActivation = fusedOutput ? "default" : $"training ? _preActivation{layer.Index} : default";
                    string activation = fusedOutput ? $"default({RuntimeNames.LinearActivation})" : ActivationStruct(layer.Activation, layer.Alpha);
                    writer.Line($"{RuntimeNames.DenseKernels}.Forward({input}, {KernelSlice(layer, "_parameters")}, {BiasSlice(layer, "_parameters")},");
                    writer.Line($"    {preActivation}, _output{layer.Index}, batchSize, {layer.Inputs}, {layer.Units}, {activation}, _maxThreads);");
                }
                if (!spec.HasDropout) writer.Line("_ = dropout; // no layer has dropout");
            }
            writer.Line();
        }

        private static void WriteComputeGradients(SourceWriter writer, NetworkSpec spec)
        {
            writer.Line("/// <inheritdoc />");
            writer.Line($"public float ComputeGradients({ReadOnlySpan} inputs, {ReadOnlySpan} targets, int batchSize) => ComputeGradients(inputs, targets, batchSize, default);");
            writer.Line();
            writer.Line("/// <inheritdoc />");
            using (writer.Block($"public float ComputeGradients({ReadOnlySpan} inputs, {ReadOnlySpan} targets, int batchSize, {Span} inputGradients)"))
            {
                writer.Line($"{RuntimeNames.InferenceSupport}.EnterTraining(ref _trainingCall, ref _inferenceCalls, nameof(ComputeGradients));");
                writer.Line("try { return GradientsCore(inputs, targets, batchSize, inputGradients, default, default); }");
                writer.Line($"finally {{ {RuntimeNames.InferenceSupport}.ExitTraining(ref _trainingCall); }}");
            }
            writer.Line();
            writer.Line("/// <inheritdoc />");
            using (writer.Block($"public float ComputeGradients({ReadOnlySpan} inputs, {ReadOnlySpan} targets, int batchSize, {ReadOnlySpan} sampleWeights, {RuntimeNames.WeightedLossReduction} reduction)"))
            {
                writer.Line($"{RuntimeNames.InferenceSupport}.EnterTraining(ref _trainingCall, ref _inferenceCalls, nameof(ComputeGradients));");
                writer.Line("try { return GradientsCore(inputs, targets, batchSize, default, sampleWeights, reduction); }");
                writer.Line($"finally {{ {RuntimeNames.InferenceSupport}.ExitTraining(ref _trainingCall); }}");
            }
            writer.Line();
            writer.Line("/// <summary>Forward with caches, the fused loss (weighted when sampleWeights is not empty) and backward: ComputeGradients and TrainStep once they own the instance.</summary>");
            using (writer.Block($"private float GradientsCore({ReadOnlySpan} inputs, {ReadOnlySpan} targets, int batchSize, {Span} inputGradients, {ReadOnlySpan} sampleWeights, {RuntimeNames.WeightedLossReduction} reduction)"))
            {
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckBatchSize(batchSize, WidestLayer);");
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckBatch(inputs, targets, batchSize, InputSize, TargetSize);");
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckOptional(inputGradients, batchSize, InputSize, nameof(inputGradients));");
                writer.Line("EnsureCapacity(batchSize);");
                writer.Line("_lastTrainingBatch = batchSize;");
                if (spec.HasBatchNorm) writer.Line(MarkStale + " // training moves the batch-norm statistics");
                writer.Line("if (_frozenCount > 0) SnapshotFrozen();");
                writer.Line("Forward(inputs, batchSize, training: true, dropout: true);");
                writer.Line();
                WriteLossGradient(writer, spec);
                writer.Line("// Backward stops below the lowest trainable layer unless the input gradient is asked for.");
                writer.Line("int lowest = inputGradients.IsEmpty ? _lowestTrainable : 0;");
                for (int index = spec.Layers.Count - 1; index >= 0; index--)
                {
                    var layer = spec.Layers[index];
                    writer.Line();
                    writer.Line($"// Layer {index}: ∂L/∂W = xᵀ·δ, ∂L/∂b = Σ δ" + (index > 0 ? $", then δ of layer {index - 1}." : "."));
                    string input = index == 0 ? FirstLayerInput(spec) : $"_output{index - 1}";
                    writer.Line($"if (_trainable[{index}]) {RuntimeNames.DenseKernels}.WeightGradients({input}, _delta{index}, {KernelSlice(layer, "_gradients")}, {BiasSlice(layer, "_gradients")}, batchSize, {layer.Inputs}, {layer.Units}, _maxThreads);");
                    writer.Line($"else Slice(_gradients, {layer.KernelOffset}, {layer.ParameterCount}).Clear();");
                    // A frozen BN-before layer's δ is ∂L/∂y; the folded kernel W′ = W·diag(γ/√(σ²+ε)) carries it below.
                    string kernel = layer.HasBatchNormBefore
                        ? $"_trainable[{index}] ? {KernelSlice(layer, "_parameters")} : {FoldedKernel(layer)}"
                        : KernelSlice(layer, "_parameters");
                    if (index == 0)
                    {
                        if (!spec.HasNormalization)
                        {
                            writer.Line("if (!inputGradients.IsEmpty)");
                            writer.Line($"    {RuntimeNames.DenseKernels}.InputGradients(_delta0, {kernel}, _transposedKernel, inputGradients, batchSize, {layer.Inputs}, {layer.Units}, _maxThreads);");
                            continue;
                        }
                        using (writer.Block("if (!inputGradients.IsEmpty)"))
                        {
                            writer.Line($"{RuntimeNames.DenseKernels}.InputGradients(_delta0, {kernel}, _transposedKernel, inputGradients, batchSize, {layer.Inputs}, {layer.Units}, _maxThreads);");
                            writer.Line("// With respect to the raw inputs: ∂y/∂x = 1/std per feature.");
                            writer.Line($"{RuntimeNames.NormalizationKernels}.InputGradients(inputGradients, {NormalizationStatistics(spec)}, batchSize, InputSize);");
                        }
                        continue;
                    }
                    var below = spec.Layers[index - 1];
                    using (writer.Block($"if (lowest < {index})"))
                    {
                        if (below.IsComposite)
                        {
                            writer.Line($"{RuntimeNames.DenseKernels}.InputGradients(_delta{index}, {kernel}, _transposedKernel, _delta{index - 1}, batchSize, {layer.Inputs}, {layer.Units}, _maxThreads);");
                            WriteCompositeBackward(writer, below);
                        }
                        else
                        {
                            writer.Line($"{RuntimeNames.DenseKernels}.InputGradients(_delta{index}, {kernel}, _transposedKernel, _preActivation{index - 1}, _output{index - 1}, _delta{index - 1},");
                            writer.Line($"    batchSize, {layer.Inputs}, {layer.Units}, {ActivationStruct(below.Activation, below.Alpha)}, _maxThreads);");
                        }
                    }
                }
                WritePenalties(writer, spec);
                writer.Line("return loss;");
            }
            writer.Line();
        }

        private static void WriteLayerActivations(SourceWriter writer, NetworkSpec spec)
        {
            writer.Line("/// <inheritdoc />");
            using (writer.Block($"public {ReadOnlySpan} LayerActivations(int layer) => {RuntimeNames.NetworkGuards}.CheckLayer(layer, LayerCount) switch", "};"))
            {
                foreach (var layer in spec.Layers)
                {
                    // The activation's own output, before batch norm after it or dropout (logits for a fused output layer).
                    string buffer = layer.IsComposite ? ActivatedBuffer(layer) : $"_output{layer.Index}";
                    writer.Line($"{layer.Index} => new {ReadOnlySpan}({buffer}, 0, _lastTrainingBatch * {layer.Units}),");
                }
                writer.Line("_ => default,");
            }
            writer.Line();
        }

        /// <summary>Keras-style kernel penalties: added to the mean loss, and their gradient to the kernel's.</summary>
        private static void WritePenalties(SourceWriter writer, NetworkSpec spec)
        {
            var penalized = spec.Layers.Where(l => l.Regularization.HasPenalty).ToList();
            if (penalized.Count == 0) return;
            writer.Line();
            writer.Line("// Kernel penalties l1·Σ|w| + l2·Σw², added to the loss and to the gradients.");
            foreach (var layer in penalized)
            {
                string factors = $"{Literals.Float(layer.Regularization.L1)}, {Literals.Float(layer.Regularization.L2)}";
                writer.Line($"loss += _trainable[{layer.Index}]");
                writer.Line($"    ? {RuntimeNames.RegularizationKernels}.AddPenalty({KernelSlice(layer, "_parameters")}, {KernelSlice(layer, "_gradients")}, {factors})");
                writer.Line($"    : {RuntimeNames.RegularizationKernels}.Penalty({KernelSlice(layer, "_parameters")}, {factors});");
            }
        }

        /// <summary>The mean loss and δ = ∂L/∂z of the output layer.</summary>
        private static void WriteLossGradient(SourceWriter writer, NetworkSpec spec)
        {
            var output = spec.Output;
            int last = output.Index;
            switch (spec.Loss)
            {
                case Loss.SoftmaxCrossEntropy:
                case Loss.CategoricalCrossEntropy:
                case Loss.BinaryCrossEntropy:
                    writer.Line($"// {spec.Loss} on the logits, fused with its {output.Activation}: δ = (p − y) / batch, or (p − y)·w / divisor when weighted.");
                    writer.Line($"float loss = {RuntimeNames.Losses}.{spec.Loss}(_output{last}, targets, sampleWeights, reduction, default, _delta{last}, batchSize, OutputSize);");
                    break;
                default:
                    writer.Line("// Mean squared error on the outputs, then through the output activation: δ = ∂L/∂a ⊙ f′(z).");
                    writer.Line($"float loss = {RuntimeNames.Losses}.MeanSquaredError(_output{last}, targets, sampleWeights, reduction, _delta{last}, batchSize, OutputSize);");
                    if (output.Activation != Act.Linear)
                        writer.Line($"{RuntimeNames.DenseKernels}.MultiplyByDerivative(_delta{last}, _preActivation{last}, _output{last}, batchSize * OutputSize, {ActivationStruct(output.Activation, output.Alpha)});");
                    break;
            }
        }

        private static string KernelSlice(LayerSpec layer, string buffer) => $"Slice({buffer}, {layer.KernelOffset}, {layer.KernelLength})";

        private static string BiasSlice(LayerSpec layer, string buffer) => layer.HasBias ? $"Slice({buffer}, {layer.BiasOffset}, {layer.Units})" : "default";
    }
}
