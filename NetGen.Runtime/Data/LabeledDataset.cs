using System;
using System.Globalization;

namespace NetGen
{
    /// <summary>
    /// A classification data set held in memory: row-major features [samples × features] and one
    /// integer class label per sample, the shape <see cref="Trainer.Fit"/> consumes; optionally the names of the
    /// classes (from a text label column) and of the features (from a CSV header).
    /// </summary>
    public sealed class LabeledDataset
    {
        /// <summary>Wraps <paramref name="features"/> and <paramref name="labels"/> without copying them.</summary>
        /// <param name="features">Row-major features, [samples × <paramref name="featureCount"/>].</param>
        /// <param name="labels">One class index per sample.</param>
        /// <param name="featureCount">Features per sample.</param>
        /// <param name="classNames">The name of each class index (label k is <c>classNames[k]</c>), or null.</param>
        /// <param name="featureNames">The name of each feature column, or null.</param>
        /// <exception cref="ArgumentException">
        /// The arrays disagree on the sample count, a label is negative or <see cref="int.MaxValue"/> or has no class
        /// name, or <paramref name="featureNames"/> does not hold one name per feature.
        /// </exception>
        public LabeledDataset(float[] features, int[] labels, int featureCount, string[]? classNames = null, string[]? featureNames = null)
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
            if (classNames is not null && classes > classNames.Length)
                throw new ArgumentException($"A label of {classes - 1} has no name among the {classNames.Length} class names.", nameof(classNames));
            if (featureNames is not null && featureNames.Length != featureCount)
                throw new ArgumentException($"{featureNames.Length} feature names for {featureCount} features.", nameof(featureNames));
            Features = features;
            Labels = labels;
            FeatureCount = featureCount;
            ClassCount = classNames?.Length ?? classes;
            ClassNames = classNames;
            FeatureNames = featureNames;
        }

        /// <summary>Row-major features, [<see cref="Count"/> × <see cref="FeatureCount"/>].</summary>
        public float[] Features { get; }

        /// <summary>One class index per sample.</summary>
        public int[] Labels { get; }

        /// <summary>Features per sample.</summary>
        public int FeatureCount { get; }

        /// <summary>Number of samples.</summary>
        public int Count => Labels.Length;

        /// <summary>Number of classes: the number of <see cref="ClassNames"/> when there are names, else one more than the largest label.</summary>
        public int ClassCount { get; }

        /// <summary>
        /// The class names when the labels came from text (class k is <c>ClassNames[k]</c>), else null (the labels
        /// were class indices). <see cref="CsvLoader"/> numbers names in ordinal sort order, so the same names give
        /// the same indices whatever the order of the rows (as scikit-learn's <c>LabelEncoder</c>).
        /// </summary>
        public string[]? ClassNames { get; }

        /// <summary>The feature columns' names from a CSV header (in feature order), else null.</summary>
        public string[]? FeatureNames { get; }

        /// <summary>
        /// The name of class <paramref name="classIndex"/> (for example a predicted class): its entry in
        /// <see cref="ClassNames"/>, or the index itself as text when the data set has no class names.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The index is negative, or not below <see cref="ClassCount"/> when there are names.</exception>
        public string ClassName(int classIndex)
        {
            if (classIndex < 0 || (ClassNames is not null && classIndex >= ClassNames.Length))
                throw new ArgumentOutOfRangeException(nameof(classIndex), classIndex, $"Class indices run from 0 to {ClassCount - 1}.");
            return ClassNames is null ? classIndex.ToString(CultureInfo.InvariantCulture) : ClassNames[classIndex];
        }

        /// <summary>The names of many classes (for example <c>net.PredictClasses(features)</c>); see <see cref="ClassName"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException">An index is not a class of this data set.</exception>
        public string[] ClassNamesOf(ReadOnlySpan<int> classIndices)
        {
            var names = new string[classIndices.Length];
            for (int i = 0; i < names.Length; i++) names[i] = ClassName(classIndices[i]);
            return names;
        }

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

        /// <summary>A new data set with the given samples, in the given order (features and labels copied; class and feature names shared).</summary>
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
            return new LabeledDataset(features, labels, FeatureCount, ClassNames, FeatureNames);
        }
    }
}
