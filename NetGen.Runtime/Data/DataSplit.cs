using System;
using System.Collections.Generic;

namespace NetGen
{
    /// <summary>Train/test splits and cross-validation folds of a <see cref="LabeledDataset"/>, as data sets or as row indices.</summary>
    public static partial class DataSplit
    {
        /// <summary>
        /// A seeded stratified split (scikit-learn's <c>train_test_split(..., stratify=y)</c>): the
        /// test set holds ⌈<paramref name="testFraction"/> · n⌉ samples, shared among the classes
        /// in proportion to their sizes (largest remainders get the leftover samples, ties to the
        /// lower class index), drawn at random within each class. Both parts come back shuffled.
        /// The same as <c>Take(data, rows)</c> of each part of <see cref="StratifiedSplitIndices"/>.
        /// </summary>
        /// <exception cref="ArgumentException">The fraction leaves either part empty.</exception>
        public static (LabeledDataset Train, LabeledDataset Test) StratifiedSplit(LabeledDataset data, double testFraction, long seed)
        {
            var (train, test) = StratifiedSplitIndices(data, testFraction, seed);
            return (Take(data, train), Take(data, test));
        }

        /// <summary>
        /// The row indices of <see cref="StratifiedSplit"/>'s two parts, in the order that split puts the rows: the
        /// same seed gives the same indices, so the split can be reproduced outside NetGen (apply them to the
        /// file's rows, 0 being the first data row) or applied to other arrays of the same rows.
        /// </summary>
        /// <exception cref="ArgumentException">The fraction leaves either part empty.</exception>
        public static (int[] Train, int[] Test) StratifiedSplitIndices(LabeledDataset data, double testFraction, long seed)
        {
            if (data is null) throw new ArgumentNullException(nameof(data));
            int testTotal = TestCount(data.Count, testFraction);

            var byClass = ByClass(data);
            int[] testPerClass = Allocate(byClass, testTotal, data.Count);
            var random = new NetGenRandom(seed);
            var train = new List<int>(data.Count - testTotal);
            var test = new List<int>(testTotal);
            for (int c = 0; c < byClass.Length; c++)
            {
                var members = byClass[c].ToArray();
                random.Shuffle(members.AsSpan());
                for (int k = 0; k < members.Length; k++) (k < testPerClass[c] ? test : train).Add(members[k]);
            }
            var trainRows = train.ToArray();
            var testRows = test.ToArray();
            random.Shuffle(trainRows.AsSpan());
            random.Shuffle(testRows.AsSpan());
            return (trainRows, testRows);
        }

        /// <summary>
        /// A seeded split that ignores the classes (scikit-learn's <c>train_test_split</c> without <c>stratify</c>),
        /// for <paramref name="count"/> rows of any data: the test part is the first ⌈<paramref name="testFraction"/> · n⌉
        /// rows of a random permutation, the training part the rest, each in that permutation's order.
        /// </summary>
        /// <exception cref="ArgumentException">The fraction leaves either part empty.</exception>
        public static (int[] Train, int[] Test) TrainTestSplitIndices(int count, double testFraction, long seed)
        {
            if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "The row count must not be negative.");
            int testTotal = TestCount(count, testFraction);
            var rows = new int[count];
            for (int i = 0; i < count; i++) rows[i] = i;
            new NetGenRandom(seed).Shuffle(rows.AsSpan());
            return (rows.AsSpan(testTotal).ToArray(), rows.AsSpan(0, testTotal).ToArray());
        }

        /// <summary>The rows <paramref name="rows"/> of <paramref name="data"/>, in that order (copied; class and feature names kept).</summary>
        /// <exception cref="ArgumentOutOfRangeException">A row index is not a row of the data set.</exception>
        public static LabeledDataset Take(LabeledDataset data, int[] rows)
        {
            if (data is null) throw new ArgumentNullException(nameof(data));
            if (rows is null) throw new ArgumentNullException(nameof(rows));
            return data.Select(rows);
        }

        private static int TestCount(int count, double testFraction)
        {
            if (!(testFraction > 0 && testFraction < 1))
                throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must be in (0, 1).");
            int testTotal = (int)Math.Ceiling(testFraction * count);
            if (testTotal >= count) throw new ArgumentException($"A test fraction of {testFraction} leaves no training samples out of {count}.", nameof(testFraction));
            return testTotal;
        }

        /// <summary>Each class's row indices, ascending.</summary>
        internal static List<int>[] ByClass(LabeledDataset data)
        {
            var byClass = new List<int>[data.ClassCount];
            for (int c = 0; c < byClass.Length; c++) byClass[c] = new List<int>();
            for (int i = 0; i < data.Count; i++) byClass[data.Labels[i]].Add(i);
            return byClass;
        }

        /// <summary>Shares <paramref name="total"/> test samples among the classes by the largest-remainder method.</summary>
        private static int[] Allocate(List<int>[] byClass, int total, int samples)
        {
            var counts = new int[byClass.Length];
            var remainders = new double[byClass.Length];
            int assigned = 0;
            for (int c = 0; c < byClass.Length; c++)
            {
                double exact = (double)total * byClass[c].Count / samples;
                counts[c] = (int)Math.Floor(exact);
                remainders[c] = exact - counts[c];
                assigned += counts[c];
            }
            while (assigned < total)
            {
                int best = -1;
                for (int c = 0; c < byClass.Length; c++)
                    if (counts[c] < byClass[c].Count && (best < 0 || remainders[c] > remainders[best])) best = c;
                counts[best]++;
                remainders[best] = -1;
                assigned++;
            }
            return counts;
        }
    }
}
