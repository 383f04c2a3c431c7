using System;

namespace NetGen
{
    /// <summary>
    /// Monte Carlo dropout (Gal and Ghahramani 2016; Géron ch. 11): the average of several
    /// predictions with dropout left on, a better-calibrated estimate than one deterministic pass.
    /// </summary>
    public static class MonteCarloDropout
    {
        /// <summary>
        /// Averages <paramref name="samples"/> stochastic predictions of a batch into
        /// <paramref name="mean"/>, and writes their standard deviation into <paramref name="standardDeviation"/>
        /// unless it is empty. <paramref name="scratch"/> holds one prediction ([batch × outputs]).
        /// </summary>
        public static void Predict(INetwork network, ReadOnlySpan<float> inputs, Span<float> mean, Span<float> standardDeviation,
            Span<float> scratch, int batchSize, int samples)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            if (samples < 1) throw new ArgumentOutOfRangeException(nameof(samples), samples, "Average at least one prediction.");
            int count = batchSize * network.OutputSize;
            if (mean.Length < count || scratch.Length < count || (!standardDeviation.IsEmpty && standardDeviation.Length < count))
                throw new ArgumentException($"The output spans need {count} values for {batchSize} samples.", nameof(mean));
            mean.Slice(0, count).Clear();
            if (!standardDeviation.IsEmpty) standardDeviation.Slice(0, count).Clear();
            for (int s = 0; s < samples; s++)
            {
                network.PredictWithDropout(inputs, scratch, batchSize);
                for (int i = 0; i < count; i++)
                {
                    mean[i] += scratch[i];
                    if (!standardDeviation.IsEmpty) standardDeviation[i] += scratch[i] * scratch[i];
                }
            }
            for (int i = 0; i < count; i++)
            {
                mean[i] /= samples;
                if (!standardDeviation.IsEmpty) standardDeviation[i] = MathF.Sqrt(MathF.Max(0f, standardDeviation[i] / samples - mean[i] * mean[i]));
            }
        }

        /// <summary>Allocating convenience overload: the mean of <paramref name="samples"/> stochastic predictions of a batch.</summary>
        public static float[] Predict(INetwork network, ReadOnlySpan<float> inputs, int batchSize, int samples = 100)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            var mean = new float[batchSize * network.OutputSize];
            Predict(network, inputs, mean, default, new float[mean.Length], batchSize, samples);
            return mean;
        }
    }
}
