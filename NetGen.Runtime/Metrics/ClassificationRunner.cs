using System;

namespace NetGen
{
    /// <summary>Runs a classifier over a data set in batches and hands each output row with its true class to a visitor.</summary>
    internal static class ClassificationRunner
    {
        public static void Run(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize, Action<float[], int> visit)
        {
            if (network.Loss is not (Loss.SoftmaxCrossEntropy or Loss.CategoricalCrossEntropy))
                throw new ArgumentException($"Class metrics need a softmax classifier; the network's loss is {network.Loss}.", nameof(network));
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
                    int actual = network.TargetSize == 1 ? (int)target[0] : Accuracy.ArgMax(target);
                    visit(row, actual);
                }
            }
        }
    }
}
