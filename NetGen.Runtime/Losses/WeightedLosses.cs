using System;

namespace NetGen.Generated
{
    /// <summary>
    /// The losses with a weight per sample (Keras's <c>sample_weight</c>, and <c>class_weight</c> turned into
    /// one): Σ wᵦ·lᵦ divided by the batch size or by Σ wᵦ, as <see cref="WeightedLossReduction"/> says, where
    /// lᵦ is sample b's loss averaged over its outputs (Keras averages the last axis before weighting).
    /// Each writes the gradient of that weighted loss: the unweighted one of sample b scaled by wᵦ·batch / divisor.
    /// An empty <c>weights</c> span means the plain mean, bit for bit the unweighted kernels.
    /// </summary>
    public static partial class Losses
    {
        /// <summary>Softmax cross-entropy with integer labels, weighted per sample (PyTorch <c>CrossEntropyLoss(weight=…)</c> with <see cref="WeightedLossReduction.SumOverWeights"/>).</summary>
        public static float SoftmaxCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<float> labels, ReadOnlySpan<float> weights, WeightedLossReduction reduction,
            Span<float> probabilities, Span<float> gradient, int batchSize, int classes)
        {
            if (weights.IsEmpty) return SoftmaxCrossEntropy(logits, labels, probabilities, gradient, batchSize, classes);
            CheckShape(logits, (long)batchSize * classes, nameof(logits));
            CheckShape(labels, batchSize, nameof(labels));
            double divisor = Divisor(weights, reduction, batchSize);
            double total = 0;
            for (int b = 0; b < batchSize; b++)
            {
                int label = ClassIndex(labels[b], classes, b);
                var row = logits.Slice(b * classes, classes);
                double logSum = LogSumShifted(row, out float max);
                total += weights[b] * (logSum + ((double)max - row[label]));
                float factor = Factor(weights[b], divisor);
                WriteSoftmax(row, max, logSum, probabilities.IsEmpty ? default : probabilities.Slice(b * classes, classes),
                    gradient.IsEmpty ? default : gradient.Slice(b * classes, classes), factor, 1f);
                if (!gradient.IsEmpty) gradient[b * classes + label] -= factor;
            }
            return Reduce(total, divisor);
        }

        /// <summary>Categorical cross-entropy on one-hot or soft targets, weighted per sample.</summary>
        public static float CategoricalCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights, WeightedLossReduction reduction,
            Span<float> probabilities, Span<float> gradient, int batchSize, int classes)
        {
            if (weights.IsEmpty) return CategoricalCrossEntropy(logits, targets, probabilities, gradient, batchSize, classes);
            CheckShape(logits, (long)batchSize * classes, nameof(logits));
            CheckShape(targets, (long)batchSize * classes, nameof(targets));
            double divisor = Divisor(weights, reduction, batchSize);
            double total = 0;
            for (int b = 0; b < batchSize; b++)
            {
                var row = logits.Slice(b * classes, classes);
                var target = targets.Slice(b * classes, classes);
                double logSum = LogSumShifted(row, out float max);
                double sampleLoss = 0;
                float targetSum = 0f;
                for (int i = 0; i < classes; i++)
                {
                    sampleLoss += target[i] * (logSum + ((double)max - row[i]));
                    targetSum += target[i];
                }
                total += weights[b] * sampleLoss;
                float factor = Factor(weights[b], divisor);
                var gradientRow = gradient.IsEmpty ? default : gradient.Slice(b * classes, classes);
                WriteSoftmax(row, max, logSum, probabilities.IsEmpty ? default : probabilities.Slice(b * classes, classes), gradientRow, factor, targetSum);
                for (int i = 0; i < gradientRow.Length; i++) gradientRow[i] -= target[i] * factor;
            }
            return Reduce(total, divisor);
        }

        /// <summary>Binary cross-entropy on logits, each sample's mean over its outputs weighted by its weight.</summary>
        public static float BinaryCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights, WeightedLossReduction reduction,
            Span<float> probabilities, Span<float> gradient, int batchSize, int outputs)
        {
            if (weights.IsEmpty) return BinaryCrossEntropy(logits, targets, probabilities, gradient, batchSize, outputs);
            CheckCount(batchSize, outputs);
            CheckShape(logits, (long)batchSize * outputs, nameof(logits));
            CheckShape(targets, (long)batchSize * outputs, nameof(targets));
            double divisor = Divisor(weights, reduction, batchSize) * outputs;
            double total = 0;
            for (int b = 0; b < batchSize; b++)
            {
                float factor = Factor(weights[b], divisor);
                for (int i = b * outputs; i < (b + 1) * outputs; i++)
                {
                    double z = logits[i];
                    total += weights[b] * (Math.Max(z, 0.0) - z * targets[i] + Math.Log(1.0 + Math.Exp(-Math.Abs(z))));
                    float p = 1f / (1f + MathF.Exp(-logits[i]));
                    if (!probabilities.IsEmpty) probabilities[i] = p;
                    if (!gradient.IsEmpty) gradient[i] = (p - targets[i]) * factor;
                }
            }
            return Reduce(total, divisor);
        }

        /// <summary>Mean squared error, each sample's mean over its outputs weighted by its weight. Gradient with respect to the outputs.</summary>
        public static float MeanSquaredError(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights, WeightedLossReduction reduction,
            Span<float> gradient, int batchSize, int outputSize)
        {
            if (weights.IsEmpty) return MeanSquaredError(outputs, targets, gradient, batchSize, outputSize);
            CheckCount(batchSize, outputSize);
            CheckShape(outputs, (long)batchSize * outputSize, nameof(outputs));
            CheckShape(targets, (long)batchSize * outputSize, nameof(targets));
            double divisor = Divisor(weights, reduction, batchSize) * outputSize;
            double total = 0;
            for (int b = 0; b < batchSize; b++)
            {
                float factor = 2f * Factor(weights[b], divisor);
                for (int i = b * outputSize; i < (b + 1) * outputSize; i++)
                {
                    float difference = outputs[i] - targets[i];
                    total += weights[b] * (double)difference * difference;
                    if (!gradient.IsEmpty) gradient[i] = factor * difference;
                }
            }
            return Reduce(total, divisor);
        }

        /// <summary>
        /// What the weighted sum is divided by: the batch size (Keras) or the sum of the weights (PyTorch). The
        /// weights are checked here, as the kernels' other inputs are: one per sample, finite and ≥ 0.
        /// </summary>
        private static double Divisor(ReadOnlySpan<float> weights, WeightedLossReduction reduction, int batchSize)
        {
            CheckShape(weights, batchSize, nameof(weights));
            double sum = 0;
            for (int b = 0; b < batchSize; b++)
            {
                if (!(weights[b] >= 0) || float.IsPositiveInfinity(weights[b]))
                    throw new ArgumentOutOfRangeException(nameof(weights), weights[b], $"Row {b} of this batch has sample weight {weights[b]}; weights must be finite and ≥ 0.");
                sum += weights[b];
            }
            return reduction switch
            {
                WeightedLossReduction.SumOverBatchSize => batchSize,
                // A batch whose weights are all 0 teaches nothing: loss and gradient 0 (PyTorch would give 0/0 = NaN).
                WeightedLossReduction.SumOverWeights => sum > 0 ? sum : double.PositiveInfinity,
                _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Not a WeightedLossReduction."),
            };
        }

        private static float Factor(float weight, double divisor) => (float)(weight / divisor);

        private static float Reduce(double total, double divisor) => double.IsPositiveInfinity(divisor) ? 0f : (float)(total / divisor);
    }
}
