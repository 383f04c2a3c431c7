using System;

namespace NetGen
{
    /// <summary>
    /// Fraction of samples whose true class is among the <c>k</c> highest-scoring outputs (Keras's
    /// <c>TopKCategoricalAccuracy</c>, default k = 5). Ties at the k-th score count in the sample's favour, as in Keras.
    /// </summary>
    public static class TopKAccuracy
    {
        /// <summary>Whether <paramref name="actual"/> is among the top <paramref name="k"/> of <paramref name="scores"/>.</summary>
        public static bool Contains(ReadOnlySpan<float> scores, int actual, int k)
        {
            if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
            float score = scores[actual];
            int higher = 0;
            foreach (float s in scores)
                if (s > score) higher++;
            return higher < k;
        }

        /// <summary>Top-k accuracy of a softmax classifier over a data set.</summary>
        public static double Compute(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int k = 5, int batchSize = 256)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
            long hits = 0, total = 0;
            ClassificationRunner.Run(network, inputs, targets, batchSize, (row, actual) =>
            {
                if (Contains(row, actual, k)) hits++;
                total++;
            });
            return total == 0 ? 0 : (double)hits / total;
        }
    }
}
