using System;

namespace NetGen
{
    /// <summary>
    /// Counts of (true class, predicted class) pairs, with per-class precision, recall and F1
    /// (scikit-learn's <c>confusion_matrix</c> and <c>precision_recall_fscore_support</c>: a class
    /// never predicted has precision 0, a class never present recall 0, as its <c>zero_division=0</c>).
    /// </summary>
    public sealed class ConfusionMatrix
    {
        private readonly long[] _counts;

        /// <summary>An empty matrix for <paramref name="classes"/> classes.</summary>
        public ConfusionMatrix(int classes)
        {
            if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "At least one class is needed.");
            Classes = classes;
            _counts = new long[classes * classes];
        }

        /// <summary>Number of classes.</summary>
        public int Classes { get; }

        /// <summary>Samples whose true class is <paramref name="actual"/> and predicted class <paramref name="predicted"/>.</summary>
        public long this[int actual, int predicted] => _counts[Index(actual) * Classes + Index(predicted)];

        /// <summary>Total samples counted.</summary>
        public long Total { get; private set; }

        /// <summary>Counts one prediction.</summary>
        public void Add(int actual, int predicted)
        {
            _counts[Index(actual) * Classes + Index(predicted)]++;
            Total++;
        }

        /// <summary>
        /// Runs <paramref name="network"/> over a data set and counts its predictions. A softmax or categorical
        /// classifier predicts the arg-max of its outputs. A binary network (one sigmoid output trained with binary
        /// cross-entropy) gives a 2 × 2 matrix: class 1 when its probability is at least 0.5, else class 0 (as
        /// <c>PredictClasses</c>; Keras's binary accuracy counts exactly 0.5 as class 0), against targets that must be
        /// 0 or 1; <see cref="Precision"/>, <see cref="Recall"/> and <see cref="F1"/> of class 1 are then the usual
        /// binary scores (scikit-learn's <c>pos_label=1</c>).
        /// </summary>
        /// <exception cref="ArgumentException">
        /// The network is neither kind of classifier, the arrays do not hold whole samples, or a binary target is not 0 or 1.
        /// </exception>
        public static ConfusionMatrix Compute(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize = 256)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            if (ClassificationRunner.IsBinary(network))
            {
                var binary = new ConfusionMatrix(2);
                ClassificationRunner.Run(network, inputs, targets, batchSize, (row, actual) => binary.Add(actual, row[0] > BinaryThreshold ? 1 : 0), allowBinary: true);
                return binary;
            }
            var matrix = new ConfusionMatrix(network.OutputSize);
            ClassificationRunner.Run(network, inputs, targets, batchSize, (row, actual) => matrix.Add(actual, NetGen.Accuracy.ArgMax(row)), allowBinary: true);
            return matrix;
        }

        /// <summary>A binary network predicts class 1 when its probability is above this (Keras's <c>binary_accuracy</c> threshold; exactly 0.5 is class 0, as <see cref="NetGen.Accuracy"/> counts it).</summary>
        public const float BinaryThreshold = 0.5f;

        /// <summary>Fraction of samples on the diagonal.</summary>
        public double Accuracy
        {
            get
            {
                long correct = 0;
                for (int c = 0; c < Classes; c++) correct += this[c, c];
                return Total == 0 ? 0 : (double)correct / Total;
            }
        }

        /// <summary>Of the samples predicted as <paramref name="c"/>, the fraction that are <paramref name="c"/>.</summary>
        public double Precision(int c)
        {
            long predicted = 0;
            for (int a = 0; a < Classes; a++) predicted += this[a, c];
            return predicted == 0 ? 0 : (double)this[c, c] / predicted;
        }

        /// <summary>Of the samples of class <paramref name="c"/>, the fraction predicted as <paramref name="c"/>.</summary>
        public double Recall(int c)
        {
            long actual = 0;
            for (int p = 0; p < Classes; p++) actual += this[c, p];
            return actual == 0 ? 0 : (double)this[c, c] / actual;
        }

        /// <summary>Harmonic mean of precision and recall of class <paramref name="c"/> (0 when both are 0).</summary>
        public double F1(int c)
        {
            double precision = Precision(c), recall = Recall(c);
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }

        /// <summary>Unweighted mean of the per-class F1 scores (scikit-learn's <c>average="macro"</c>).</summary>
        public double MacroF1
        {
            get
            {
                double sum = 0;
                for (int c = 0; c < Classes; c++) sum += F1(c);
                return sum / Classes;
            }
        }

        private int Index(int c)
            => (uint)c < (uint)Classes ? c : throw new ArgumentOutOfRangeException(nameof(c), c, $"Classes are 0..{Classes - 1}.");
    }
}
