using System;
using System.Collections.Generic;

namespace NetGen
{
    /// <summary>Train/test splits of a <see cref="LabeledDataset"/>.</summary>
    public static class DataSplit
    {
        /// <summary>
        /// A seeded stratified split (scikit-learn's <c>train_test_split(..., stratify=y)</c>): the
        /// test set holds ⌈<paramref name="testFraction"/> · n⌉ samples, shared among the classes
        /// in proportion to their sizes (largest remainders get the leftover samples, ties to the
        /// lower class index), drawn at random within each class. Both parts come back shuffled.
        /// </summary>
        /// <exception cref="ArgumentException">The fraction leaves either part empty.</exception>
        public static (LabeledDataset Train, LabeledDataset Test) StratifiedSplit(LabeledDataset data, double testFraction, long seed)
        {
            if (data is null) throw new ArgumentNullException(nameof(data));
            if (!(testFraction > 0 && testFraction < 1))
                throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must be in (0, 1).");
            int testTotal = (int)Math.Ceiling(testFraction * data.Count);
            if (testTotal >= data.Count) throw new ArgumentException($"A test fraction of {testFraction} leaves no training samples out of {data.Count}.", nameof(testFraction));

            var byClass = new List<int>[data.ClassCount];
            for (int c = 0; c < byClass.Length; c++) byClass[c] = new List<int>();
            for (int i = 0; i < data.Count; i++) byClass[data.Labels[i]].Add(i);

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
            return (data.Select(trainRows), data.Select(testRows));
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
