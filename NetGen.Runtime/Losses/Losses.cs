using System;
using System.ComponentModel;

namespace NetGen.Generated
{
    /// <summary>
    /// The losses, each returning the mean over the batch and, when <c>gradient</c> is not empty,
    /// writing the gradient of that mean. The cross-entropies take the output layer's
    /// pre-activations (logits) and return the gradient with respect to them, fused with their
    /// softmax or sigmoid so that large logits never overflow.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static partial class Losses
    {
        /// <summary>
        /// Softmax cross-entropy with integer labels (PyTorch <c>CrossEntropyLoss</c>, Keras
        /// <c>SparseCategoricalCrossentropy(from_logits=True)</c>): mean of log Σⱼe^zⱼ − z_label.
        /// Gradient: (softmax(z) − onehot(label)) / batch.
        /// </summary>
        /// <param name="logits">[batch × classes] pre-activations.</param>
        /// <param name="labels">[batch] class indices stored as floats.</param>
        /// <param name="probabilities">[batch × classes] softmax output, or empty.</param>
        /// <param name="gradient">[batch × classes] gradient with respect to the logits, or empty.</param>
        /// <param name="batchSize">Number of samples.</param>
        /// <param name="classes">Number of classes.</param>
        public static float SoftmaxCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<float> labels, Span<float> probabilities, Span<float> gradient, int batchSize, int classes)
        {
            CheckShape(logits, (long)batchSize * classes, nameof(logits));
            CheckShape(labels, batchSize, nameof(labels));
            double total = 0;
            float inverseBatch = 1f / batchSize;
            for (int b = 0; b < batchSize; b++)
            {
                int label = ClassIndex(labels[b], classes, b);
                var row = logits.Slice(b * classes, classes);
                double logSum = LogSumShifted(row, out float max);
                // log Σe^z − z_label = log Σe^(z − max) + (max − z_label): the gap is formed first, so a
                // huge max cannot swallow the log term (max + log Σ rounded ln 2 to 0.75 at max = 1e15).
                total += logSum + ((double)max - row[label]);
                WriteSoftmax(row, max, logSum, probabilities.IsEmpty ? default : probabilities.Slice(b * classes, classes),
                    gradient.IsEmpty ? default : gradient.Slice(b * classes, classes), inverseBatch, 1f);
                if (!gradient.IsEmpty) gradient[b * classes + label] -= inverseBatch;
            }
            return (float)(total / batchSize);
        }

        /// <summary>
        /// Categorical cross-entropy on one-hot or soft targets with a softmax output (Keras
        /// <c>CategoricalCrossentropy(from_logits=True)</c>): mean of −Σᵢ yᵢ·log softmax(z)ᵢ.
        /// Gradient: (softmax(z)·Σᵢyᵢ − y) / batch.
        /// </summary>
        public static float CategoricalCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> probabilities, Span<float> gradient, int batchSize, int classes)
        {
            CheckShape(logits, (long)batchSize * classes, nameof(logits));
            CheckShape(targets, (long)batchSize * classes, nameof(targets));
            double total = 0;
            float inverseBatch = 1f / batchSize;
            for (int b = 0; b < batchSize; b++)
            {
                var row = logits.Slice(b * classes, classes);
                var target = targets.Slice(b * classes, classes);
                double logSum = LogSumShifted(row, out float max);
                float targetSum = 0f;
                for (int i = 0; i < classes; i++)
                {
                    total += target[i] * (logSum + ((double)max - row[i]));
                    targetSum += target[i];
                }
                var gradientRow = gradient.IsEmpty ? default : gradient.Slice(b * classes, classes);
                WriteSoftmax(row, max, logSum, probabilities.IsEmpty ? default : probabilities.Slice(b * classes, classes), gradientRow, inverseBatch, targetSum);
                for (int i = 0; i < gradientRow.Length; i++) gradientRow[i] -= target[i] * inverseBatch;
            }
            return (float)(total / batchSize);
        }

        /// <summary>
        /// Binary cross-entropy on logits (PyTorch <c>BCEWithLogitsLoss</c>, Keras
        /// <c>BinaryCrossentropy(from_logits=True)</c>), averaged over every output of every sample:
        /// max(z, 0) − z·y + log(1 + e^−|z|). Gradient: (σ(z) − y) / (batch·outputs).
        /// </summary>
        public static float BinaryCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> probabilities, Span<float> gradient, int batchSize, int outputs)
        {
            CheckCount(batchSize, outputs);
            int count = batchSize * outputs;
            CheckShape(logits, count, nameof(logits));
            CheckShape(targets, count, nameof(targets));
            double total = 0;
            float inverseCount = 1f / count;
            for (int i = 0; i < count; i++)
            {
                double z = logits[i];
                total += Math.Max(z, 0.0) - z * targets[i] + Math.Log(1.0 + Math.Exp(-Math.Abs(z)));
                float p = 1f / (1f + MathF.Exp(-logits[i]));
                if (!probabilities.IsEmpty) probabilities[i] = p;
                if (!gradient.IsEmpty) gradient[i] = (p - targets[i]) * inverseCount;
            }
            return (float)(total / count);
        }

        /// <summary>
        /// Mean squared error over every output of every sample (Keras <c>MeanSquaredError</c>,
        /// PyTorch <c>MSELoss</c>). Gradient with respect to the outputs: 2·(a − y) / (batch·outputs).
        /// </summary>
        public static float MeanSquaredError(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient, int batchSize, int outputSize)
        {
            CheckCount(batchSize, outputSize);
            int count = batchSize * outputSize;
            CheckShape(outputs, count, nameof(outputs));
            CheckShape(targets, count, nameof(targets));
            double total = 0;
            float scale = 2f / count;
            for (int i = 0; i < count; i++)
            {
                float difference = outputs[i] - targets[i];
                total += (double)difference * difference;
                if (!gradient.IsEmpty) gradient[i] = scale * difference;
            }
            return (float)(total / count);
        }

        /// <summary>log Σᵢ e^(zᵢ − max), with the row maximum returned in <paramref name="max"/>: the log-sum-exp minus max, kept apart from max so that no digit of it is lost to a huge max.</summary>
        private static double LogSumShifted(ReadOnlySpan<float> row, out float max)
        {
            max = float.NegativeInfinity;
            for (int i = 0; i < row.Length; i++) max = MathF.Max(max, row[i]);
            double sum = 0;
            for (int i = 0; i < row.Length; i++) sum += Math.Exp((double)row[i] - max);
            return Math.Log(sum);
        }

        private static void WriteSoftmax(ReadOnlySpan<float> row, float max, double logSum, Span<float> probabilities, Span<float> gradient, float inverseBatch, float gradientScale)
        {
            if (probabilities.IsEmpty && gradient.IsEmpty) return;
            for (int i = 0; i < row.Length; i++)
            {
                float p = (float)Math.Exp(((double)row[i] - max) - logSum);
                if (!probabilities.IsEmpty) probabilities[i] = p;
                if (!gradient.IsEmpty) gradient[i] = p * gradientScale * inverseBatch;
            }
        }

        private static int ClassIndex(float label, int classes, int sample)
        {
            int index = (int)label;
            if (index != label || index < 0 || index >= classes)
                throw new ArgumentOutOfRangeException("labels", label, $"Row {sample} of this batch (its place in the batch, not in the data set) has label {label}; labels must be whole numbers in [0, {classes - 1}]. Trainer.Fit and Trainer.Evaluate check every label up front and name its data row.");
            return index;
        }

        private static void CheckCount(int batchSize, int width)
        {
            if (batchSize < 0 || width < 0 || (long)batchSize * width > int.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"A batch of {batchSize} rows of {width} values has more values than one span can hold.");
        }

        private static void CheckShape(ReadOnlySpan<float> span, long expected, string name)
        {
            if (span.Length < expected)
                throw new ArgumentException($"'{name}' holds {span.Length} values; the batch needs {expected}.", name);
        }
    }
}
