using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen
{
    /// <summary>
    /// Turns <see cref="FitOptions.ClassWeights"/> and <see cref="FitOptions.SampleWeights"/> into one weight per
    /// training row, as Keras's <c>fit</c> does: the class weight of the row's label times the row's sample weight.
    /// </summary>
    internal static class SampleWeighting
    {
        /// <summary>
        /// One weight per training row (the first <paramref name="trainCount"/> rows), or null when neither option
        /// is set. Bad weights, or class weights on a loss without classes, throw naming the option and the row.
        /// </summary>
        public static float[]? Create(INetwork network, ReadOnlySpan<float> targets, int samples, int trainCount, FitOptions options)
        {
            if (options.ClassWeights is null && options.SampleWeights is null) return null;
            var weights = new float[trainCount];
            weights.AsSpan().Fill(1f);
            if (options.SampleWeights is { } sampleWeights)
            {
                if (sampleWeights.Length != samples)
                    throw new ArgumentException($"FitOptions.SampleWeights holds {sampleWeights.Length} weights; the inputs hold {samples} rows (one weight per row, held-out rows included).", nameof(options));
                for (int row = 0; row < trainCount; row++)
                    weights[row] = CheckWeight(sampleWeights[row], $"FitOptions.SampleWeights row {row} (rows count from 0)");
            }
            if (options.ClassWeights is { } classWeights)
            {
                var table = ClassTable(network, classWeights);
                for (int row = 0; row < trainCount; row++)
                    weights[row] *= table[ClassOf(network, targets, row)];
            }
            return weights;
        }

        /// <summary>The weight of every class (1 for a class the dictionary leaves out, as Keras 3 does).</summary>
        private static float[] ClassTable(INetwork network, IReadOnlyDictionary<int, float> classWeights)
        {
            int classes = network.Loss switch
            {
                Loss.SoftmaxCrossEntropy or Loss.CategoricalCrossEntropy => network.OutputSize,
                Loss.BinaryCrossEntropy when network.OutputSize == 1 => 2,
                _ => throw new ArgumentException(
                    $"FitOptions.ClassWeights weighs samples by their class, but this network ({network.Loss}, {network.OutputSize} outputs) has no single class per sample: " +
                    "use it with softmax or categorical cross-entropy, or binary cross-entropy with one output; use FitOptions.SampleWeights otherwise.", nameof(FitOptions.ClassWeights)),
            };
            var table = new float[classes];
            table.AsSpan().Fill(1f);
            foreach (var pair in classWeights)
            {
                if (pair.Key < 0 || pair.Key >= classes)
                    throw new ArgumentException($"FitOptions.ClassWeights has a weight for class {pair.Key}, but the network's classes are 0 to {classes - 1}.", nameof(FitOptions.ClassWeights));
                table[pair.Key] = CheckWeight(pair.Value, $"FitOptions.ClassWeights[{pair.Key}]");
            }
            return table;
        }

        /// <summary>The class of a training row: its label, its target's arg-max (one-hot), or its 0/1 binary target.</summary>
        private static int ClassOf(INetwork network, ReadOnlySpan<float> targets, int row)
        {
            switch (network.Loss)
            {
                case Loss.SoftmaxCrossEntropy:
                    return (int)targets[row];
                case Loss.CategoricalCrossEntropy:
                    return Accuracy.ArgMax(targets.Slice(row * network.OutputSize, network.OutputSize));
                default:
                    float target = targets[row];
                    if (target != 0f && target != 1f)
                        throw new ArgumentException(
                            $"targets row {row} is {target.ToString(CultureInfo.InvariantCulture)}: FitOptions.ClassWeights needs hard binary labels (0 or 1) to know a row's class; use FitOptions.SampleWeights for soft labels.",
                            nameof(FitOptions.ClassWeights));
                    return (int)target;
            }
        }

        private static float CheckWeight(float weight, string where)
        {
            if (weight >= 0 && float.IsFinite(weight)) return weight;
            throw new ArgumentException($"{where} is {weight.ToString(CultureInfo.InvariantCulture)}; a weight must be finite and ≥ 0.", nameof(FitOptions));
        }
    }
}
