using System.Linq;
using NetGen.Generator.Models;

namespace NetGen.Generator.Emit
{
    /// <summary>The inference path: single-sample matrix-vector, batched prediction, Monte Carlo dropout, evaluation.</summary>
    internal static partial class NetworkEmitter
    {
        private static void WriteInference(SourceWriter writer, NetworkSpec spec)
        {
            WritePredictOne(writer, spec);
            WriteBatchPrediction(writer, spec, "Predict", dropout: false);
            WriteBatchPrediction(writer, spec, "PredictWithDropout", dropout: true);
            writer.Line("/// <inheritdoc />");
            using (writer.Block($"public float Evaluate({ReadOnlySpan} inputs, {ReadOnlySpan} targets, {Span} outputs, int batchSize)"))
            {
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckBatch(inputs, targets, batchSize, InputSize, TargetSize);");
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckOptional(outputs, batchSize * OutputSize, nameof(outputs));");
                writer.Line("EnsureCapacity(batchSize);");
                writer.Line("Forward(inputs, batchSize, training: false, dropout: false);");
                string last = $"_output{spec.Output.Index}";
                if (IsFused(spec))
                {
                    writer.Line($"float loss = {RuntimeNames.Losses}.{spec.Loss}({last}, targets, outputs, default, batchSize, OutputSize);");
                }
                else
                {
                    writer.Line($"if (!outputs.IsEmpty) Slice({last}, 0, batchSize * OutputSize).CopyTo(outputs);");
                    writer.Line($"float loss = {RuntimeNames.Losses}.MeanSquaredError({last}, targets, default, batchSize, OutputSize);");
                }
                foreach (var layer in spec.Layers.Where(l => l.Regularization.HasPenalty))
                    writer.Line($"loss += {RuntimeNames.RegularizationKernels}.Penalty({KernelSlice(layer, "_parameters")}, {Literals.Float(layer.Regularization.L1)}, {Literals.Float(layer.Regularization.L2)});");
                writer.Line("return loss;");
            }
            writer.Line();
        }

        private static void WriteBatchPrediction(SourceWriter writer, NetworkSpec spec, string name, bool dropout)
        {
            writer.Line("/// <inheritdoc />");
            using (writer.Block($"public void {name}({ReadOnlySpan} inputs, {Span} outputs, int batchSize)"))
            {
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckInputs(inputs, batchSize, InputSize);");
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckOutputs(outputs, batchSize * OutputSize);");
                writer.Line("EnsureCapacity(batchSize);");
                writer.Line($"Forward(inputs, batchSize, training: false, dropout: {(dropout ? "true" : "false")});");
                writer.Line(OutputFunction(spec, $"_output{spec.Output.Index}", "outputs", "batchSize"));
            }
            writer.Line();
        }

        private static void WritePredictOne(SourceWriter writer, NetworkSpec spec)
        {
            writer.Line("/// <inheritdoc />");
            using (writer.Block($"public void Predict({ReadOnlySpan} input, {Span} output)"))
            {
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckInputs(input, 1, InputSize);");
                writer.Line($"{RuntimeNames.NetworkGuards}.CheckOutputs(output, OutputSize);");
                if (spec.HasBatchNorm) writer.Line("if (_inferenceStale) RefreshInference();");
                string current = "input";
                foreach (var layer in spec.Layers)
                {
                    bool isOutput = layer.Index == spec.Layers.Count - 1;
                    bool fused = isOutput && IsFused(spec);
                    string destination = isOutput && !fused ? "output" : (layer.Index % 2 == 0 ? "_sampleA" : "_sampleB");
                    string activation = fused ? $"default({RuntimeNames.LinearActivation})" : ActivationStruct(layer.Activation, layer.Alpha);
                    string kernel = layer.HasBatchNormBefore ? FoldedKernel(layer) : KernelSlice(layer, "_parameters");
                    string bias = layer.HasBatchNormBefore ? FoldedBias(layer) : BiasSlice(layer, "_parameters");
                    writer.Line($"// Layer {layer.Index}: {DescribeLayer(spec, layer)}" + (layer.HasBatchNormBefore ? ", batch norm folded in." : "."));
                    writer.Line($"{RuntimeNames.DenseKernels}.Forward({current}, {kernel}, {bias}, default, {destination}, 1, {layer.Inputs}, {layer.Units}, {activation}, _maxThreads);");
                    if (layer.HasBatchNormAfter)
                        writer.Line($"{RuntimeNames.BatchNormKernels}.ApplyAffine({destination}, {AfterScale(layer)}, {AfterShift(layer)}, {destination}, 1, {layer.Units});");
                    current = destination;
                }
                if (IsFused(spec)) writer.Line(OutputFunction(spec, current, "output", "1"));
            }
            writer.Line();
        }

        /// <summary>Turns the output layer's values into what Predict returns: probabilities for the cross-entropies.</summary>
        private static string OutputFunction(NetworkSpec spec, string source, string destination, string rows) => spec.Loss switch
        {
            Loss.SoftmaxCrossEntropy or Loss.CategoricalCrossEntropy => $"{RuntimeNames.ActivationMath}.SoftmaxRows({source}, {destination}, {rows}, OutputSize);",
            Loss.BinaryCrossEntropy => $"{RuntimeNames.ActivationMath}.Sigmoid({source}, {destination}, {rows} * OutputSize);",
            _ => $"Slice({source}, 0, {rows} * OutputSize).CopyTo({destination});",
        };
    }
}
