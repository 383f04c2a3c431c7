using System;

namespace NetGen
{
    /// <summary>Mean absolute error of a regression network, averaged over every output of every sample (Keras's <c>MeanAbsoluteError</c>, PyTorch's <c>L1Loss</c>).</summary>
    public static class MeanAbsoluteError
    {
        /// <summary>Mean |prediction − target| over a data set.</summary>
        public static double Compute(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize = 256)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            if (network.TargetSize != network.OutputSize)
                throw new ArgumentException($"Mean absolute error compares outputs with same-shaped targets; the network's loss {network.Loss} uses class indices.", nameof(network));
            if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be at least 1.");
            int samples = inputs.Length / network.InputSize;
            if (samples == 0 || inputs.Length != samples * network.InputSize || targets.Length != samples * network.OutputSize)
                throw new ArgumentException($"{inputs.Length} inputs and {targets.Length} targets do not describe whole samples of this network.", nameof(targets));
            var outputs = new float[Math.Min(batchSize, samples) * network.OutputSize];
            double sum = 0;
            for (int start = 0; start < samples; start += batchSize)
            {
                int count = Math.Min(batchSize, samples - start);
                network.Predict(inputs.Slice(start * network.InputSize, count * network.InputSize), outputs, count);
                var expected = targets.Slice(start * network.OutputSize, count * network.OutputSize);
                for (int i = 0; i < expected.Length; i++) sum += Math.Abs(outputs[i] - expected[i]);
            }
            return sum / ((double)samples * network.OutputSize);
        }
    }
}
