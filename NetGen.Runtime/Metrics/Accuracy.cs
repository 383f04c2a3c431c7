using System;

namespace NetGen
{
    /// <summary>Accuracy as Keras defines it for each loss.</summary>
    public static class Accuracy
    {
        /// <summary>Whether the loss has an accuracy (classification losses do; mean squared error does not).</summary>
        public static bool AppliesTo(Loss loss) => loss != Loss.MeanSquaredError;

        /// <summary>
        /// Number of correct predictions in a batch: arg-max against the label (softmax
        /// cross-entropy), arg-max against the target's arg-max (categorical), or per output with a
        /// 0.5 threshold (binary; every output counts once). Divide by <see cref="Count"/> for the rate.
        /// </summary>
        public static int Correct(Loss loss, ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int batchSize, int outputSize)
        {
            int correct = 0;
            for (int b = 0; b < batchSize; b++)
            {
                var row = outputs.Slice(b * outputSize, outputSize);
                switch (loss)
                {
                    case Loss.SoftmaxCrossEntropy:
                        if (ArgMax(row) == (int)targets[b]) correct++;
                        break;
                    case Loss.CategoricalCrossEntropy:
                        if (ArgMax(row) == ArgMax(targets.Slice(b * outputSize, outputSize))) correct++;
                        break;
                    case Loss.BinaryCrossEntropy:
                        for (int j = 0; j < outputSize; j++)
                            if ((row[j] > 0.5f) == (targets[b * outputSize + j] > 0.5f)) correct++;
                        break;
                    default:
                        throw new ArgumentOutOfRangeException(nameof(loss), loss, "Mean squared error has no accuracy.");
                }
            }
            return correct;
        }

        /// <summary>How many predictions a batch holds: one per sample, or one per output for binary cross-entropy.</summary>
        public static int Count(Loss loss, int batchSize, int outputSize) => loss == Loss.BinaryCrossEntropy ? batchSize * outputSize : batchSize;

        /// <summary>Index of the largest value (the first one on ties, as NumPy's argmax).</summary>
        public static int ArgMax(ReadOnlySpan<float> values)
        {
            int best = 0;
            for (int i = 1; i < values.Length; i++)
                if (values[i] > values[best]) best = i;
            return best;
        }
    }
}
