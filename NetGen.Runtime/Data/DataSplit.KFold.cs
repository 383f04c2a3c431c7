using System;
using System.Collections.Generic;

namespace NetGen
{
    public static partial class DataSplit
    {
        /// <summary>
        /// Stratified k-fold cross-validation with shuffling (scikit-learn's <c>StratifiedKFold(n_splits=k,
        /// shuffle=True)</c>): every row is in the test part of exactly one fold, and each class is spread over the
        /// folds as evenly as its size allows. Returns k folds of row indices, each part ascending as scikit-learn
        /// returns them; train on <c>Take(data, fold.Train)</c>, score on <c>Take(data, fold.Test)</c>.
        /// </summary>
        /// <remarks>
        /// How many rows of each class each fold gets is exactly scikit-learn's: the labels, classes ordered by first
        /// appearance, are sorted and dealt to the folds in turn (row p of that order to fold p mod k), so fold sizes
        /// differ by at most one and the first folds get the extra rows. Which rows of a class go to which fold is then
        /// a seeded shuffle, as in scikit-learn, but with NetGen's generator, not NumPy's: the same seed does not give
        /// scikit-learn's exact assignment (use the returned indices to reproduce a run elsewhere). A class with fewer
        /// than k rows is absent from some folds' test parts (scikit-learn warns about it); it is an error only when
        /// every class is that small, as in scikit-learn.
        /// </remarks>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is below 2 or above the number of rows.</exception>
        /// <exception cref="ArgumentException">Every class has fewer than <paramref name="k"/> rows.</exception>
        public static (int[] Train, int[] Test)[] StratifiedKFold(LabeledDataset data, int k, long seed)
        {
            if (data is null) throw new ArgumentNullException(nameof(data));
            if (k < 2 || k > data.Count)
                throw new ArgumentOutOfRangeException(nameof(k), k, $"The number of folds must be from 2 to the number of rows, {data.Count}.");
            var byClass = ByClass(data);
            var order = ClassesByFirstAppearance(data);
            bool anyLargeEnough = false;
            foreach (int c in order) anyLargeEnough |= byClass[c].Count >= k;
            if (!anyLargeEnough)
                throw new ArgumentException($"{k} folds need at least one class with {k} rows; every class of these {data.Count} rows has fewer.", nameof(k));

            var foldOf = new int[data.Count];
            var random = new NetGenRandom(seed);
            int position = 0;
            foreach (int c in order)
            {
                var members = byClass[c];
                var folds = new int[members.Count];
                for (int m = 0; m < folds.Length; m++) folds[m] = position++ % k;
                random.Shuffle(folds.AsSpan());
                for (int m = 0; m < folds.Length; m++) foldOf[members[m]] = folds[m];
            }

            var result = new (int[] Train, int[] Test)[k];
            var testSizes = new int[k];
            foreach (int fold in foldOf) testSizes[fold]++;
            for (int f = 0; f < k; f++)
            {
                var train = new int[data.Count - testSizes[f]];
                var test = new int[testSizes[f]];
                int inTrain = 0, inTest = 0;
                for (int row = 0; row < foldOf.Length; row++)
                {
                    if (foldOf[row] == f) test[inTest++] = row;
                    else train[inTrain++] = row;
                }
                result[f] = (train, test);
            }
            return result;
        }

        /// <summary>The classes present in the data, in the order their first rows appear (scikit-learn's encoding in <c>StratifiedKFold</c>).</summary>
        private static List<int> ClassesByFirstAppearance(LabeledDataset data)
        {
            var seen = new bool[data.ClassCount];
            var order = new List<int>();
            foreach (int label in data.Labels)
            {
                if (seen[label]) continue;
                seen[label] = true;
                order.Add(label);
            }
            return order;
        }
    }
}
