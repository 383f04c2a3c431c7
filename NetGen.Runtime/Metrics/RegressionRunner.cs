using System;

namespace NetGen
{
    /// <summary>Checks a regression data set against a network and predicts it in batches.</summary>
    internal static class RegressionRunner
    {
        /// <summary>The network's outputs for every sample, [samples × OutputSize].</summary>
        public static float[] Predict(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize, string metric)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            if (network.TargetSize != network.OutputSize)
                throw new ArgumentException($"{metric} compares outputs with same-shaped targets; the network's loss {network.Loss} uses class indices.", nameof(network));
            if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be at least 1.");
            int samples = inputs.Length / network.InputSize;
            if (samples == 0 || inputs.Length != samples * network.InputSize || targets.Length != (long)samples * network.OutputSize)
                throw new ArgumentException($"{inputs.Length} inputs and {targets.Length} targets do not describe whole samples of this network.", nameof(targets));
            var outputs = new float[samples * network.OutputSize];
            for (int start = 0; start < samples; start += batchSize)
            {
                int count = Math.Min(batchSize, samples - start);
                network.Predict(inputs.Slice(start * network.InputSize, count * network.InputSize),
                                outputs.AsSpan(start * network.OutputSize, count * network.OutputSize), count);
            }
            return outputs;
        }

        /// <summary>Refuses predictions and targets that are not the same non-empty shape.</summary>
        public static void CheckShapes(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
        {
            if (predictions.Length != targets.Length)
                throw new ArgumentException($"{predictions.Length} predictions for {targets.Length} targets; they must match one to one.", nameof(targets));
            if (predictions.IsEmpty) throw new ArgumentException("There are no predictions to score.", nameof(predictions));
        }
    }
}
