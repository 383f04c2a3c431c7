using System;

namespace NetGen
{
    /// <summary>
    /// A classification data set held in memory: row-major features [samples × features] and one
    /// integer class label per sample, the shape <see cref="Trainer.Fit"/> consumes.
    /// </summary>
    public sealed class LabeledDataset
    {
        /// <summary>Wraps <paramref name="features"/> and <paramref name="labels"/> without copying them.</summary>
        /// <exception cref="ArgumentException">The arrays disagree on the sample count, or a label is negative or <see cref="int.MaxValue"/>.</exception>
        public LabeledDataset(float[] features, int[] labels, int featureCount)
        {
            if (features is null) throw new ArgumentNullException(nameof(features));
            if (labels is null) throw new ArgumentNullException(nameof(labels));
            if (featureCount < 1) throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "A sample needs at least one feature.");
            long needed = (long)labels.Length * featureCount;
            if (features.Length != needed)
                throw new ArgumentException($"{labels.Length} labels need {needed} feature values of {featureCount} features each; got {features.Length}.", nameof(features));
            int classes = 0;
            foreach (int label in labels)
            {
                if (label < 0) throw new ArgumentException($"Class labels must be non-negative; found {label}.", nameof(labels));
                // The class count is the largest label + 1, which must itself be an int.
                if (label == int.MaxValue) throw new ArgumentException($"A class label of {label} leaves no room for the class count.", nameof(labels));
                classes = Math.Max(classes, label + 1);
            }
            Features = features;
            Labels = labels;
            FeatureCount = featureCount;
            ClassCount = classes;
        }

        /// <summary>Row-major features, [<see cref="Count"/> × <see cref="FeatureCount"/>].</summary>
        public float[] Features { get; }

        /// <summary>One class index per sample.</summary>
        public int[] Labels { get; }

        /// <summary>Features per sample.</summary>
        public int FeatureCount { get; }

        /// <summary>Number of samples.</summary>
        public int Count => Labels.Length;

        /// <summary>Number of classes: one more than the largest label.</summary>
        public int ClassCount { get; }

        /// <summary>The labels as floats, the target layout of <see cref="Loss.SoftmaxCrossEntropy"/> (one class index per sample).</summary>
        public float[] LabelsAsFloats()
        {
            var targets = new float[Labels.Length];
            for (int i = 0; i < targets.Length; i++) targets[i] = Labels[i];
            return targets;
        }

        /// <summary>One-hot targets [samples × <paramref name="classes"/>], the layout of <see cref="Loss.CategoricalCrossEntropy"/>.</summary>
        public float[] LabelsOneHot(int classes)
        {
            if (classes < ClassCount) throw new ArgumentOutOfRangeException(nameof(classes), classes, $"The data has {ClassCount} classes.");
            var targets = new float[Labels.Length * classes];
            for (int i = 0; i < Labels.Length; i++) targets[i * classes + Labels[i]] = 1f;
            return targets;
        }

        /// <summary>A new data set with the given samples, in the given order (features and labels copied).</summary>
        public LabeledDataset Select(ReadOnlySpan<int> rows)
        {
            var features = new float[rows.Length * FeatureCount];
            var labels = new int[rows.Length];
            for (int i = 0; i < rows.Length; i++)
            {
                int row = rows[i];
                if ((uint)row >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(rows), row, $"The data set has {Count} samples.");
                Features.AsSpan(row * FeatureCount, FeatureCount).CopyTo(features.AsSpan(i * FeatureCount));
                labels[i] = Labels[row];
            }
            return new LabeledDataset(features, labels, FeatureCount);
        }
    }
}
