using System;
using System.Globalization;

namespace NetGen
{
    /// <summary>
    /// Runs a classifier over a data set in batches and hands each output row with its true class to a visitor:
    /// a softmax (or categorical) classifier, or, where the caller allows it, a one-output sigmoid network whose
    /// targets are 0 or 1.
    /// </summary>
    internal static class ClassificationRunner
    {
        /// <summary>Whether <paramref name="network"/> is a binary classifier: one sigmoid output trained with binary cross-entropy.</summary>
        public static bool IsBinary(INetwork network) => network.Loss == Loss.BinaryCrossEntropy && network.OutputSize == 1;

        public static void Run(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize, Action<float[], int> visit, bool allowBinary = false)
        {
            bool binary = allowBinary && IsBinary(network);
            if (!binary && network.Loss is not (Loss.SoftmaxCrossEntropy or Loss.CategoricalCrossEntropy))
            {
                string accepted = allowBinary ? "a softmax classifier or a one-output sigmoid (binary cross-entropy) network" : "a softmax classifier";
                throw new ArgumentException($"Class metrics need {accepted}; the network's loss is {network.Loss} with {network.OutputSize} outputs.", nameof(network));
            }
            if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be at least 1.");
            int samples = inputs.Length / network.InputSize;
            if (inputs.Length != samples * network.InputSize || targets.Length != samples * network.TargetSize)
                throw new ArgumentException($"{inputs.Length} inputs and {targets.Length} targets do not describe whole samples of this network.", nameof(targets));
            var outputs = new float[Math.Min(batchSize, Math.Max(samples, 1)) * network.OutputSize];
            var row = new float[network.OutputSize];
            for (int start = 0; start < samples; start += batchSize)
            {
                int count = Math.Min(batchSize, samples - start);
                network.Predict(inputs.Slice(start * network.InputSize, count * network.InputSize), outputs, count);
                for (int b = 0; b < count; b++)
                {
                    outputs.AsSpan(b * network.OutputSize, network.OutputSize).CopyTo(row);
                    var target = targets.Slice((start + b) * network.TargetSize, network.TargetSize);
                    int actual = binary ? BinaryClass(target[0], start + b)
                        : network.TargetSize == 1 ? (int)target[0] : Accuracy.ArgMax(target);
                    visit(row, actual);
                }
            }
        }

        /// <summary>A binary target must be a class, 0 or 1: a soft label (0.9) has no place in a count of right and wrong.</summary>
        private static int BinaryClass(float target, int sample)
            => target switch
            {
                0f => 0,
                1f => 1,
                _ => throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Sample {sample}'s target is {target}; a binary classifier's confusion matrix needs targets 0 or 1."), "targets"),
            };
    }
}
