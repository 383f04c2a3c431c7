using System;
using System.IO;
using System.Linq;
using Xunit;

namespace NetGen.Tests.Data;

/// <summary>
/// Splits as row indices, so a split can be reproduced outside NetGen, and stratified k-fold cross-validation
/// with scikit-learn's per-class fold sizes.
/// </summary>
public class SplitIndexTests
{
    private static LabeledDataset LoadDigits() => CsvLoader.Load(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"));

    [Theory]
    [InlineData(42L)]
    [InlineData(5L)]
    public void A_stratified_split_is_Take_of_its_indices(long seed)
    {
        var digits = LoadDigits();
        var (train, test) = DataSplit.StratifiedSplit(digits, 0.25, seed);
        var (trainRows, testRows) = DataSplit.StratifiedSplitIndices(digits, 0.25, seed);

        var takenTrain = DataSplit.Take(digits, trainRows);
        var takenTest = DataSplit.Take(digits, testRows);
        Assert.Equal(train.Features, takenTrain.Features);
        Assert.Equal(train.Labels, takenTrain.Labels);
        Assert.Equal(test.Features, takenTest.Features);
        Assert.Equal(test.Labels, takenTest.Labels);
        // The indices partition the rows.
        Assert.Equal(Enumerable.Range(0, digits.Count), trainRows.Concat(testRows).Order());
        Assert.Equal(450, testRows.Length);
    }

    [Fact]
    public void A_plain_split_is_a_seeded_permutation_cut_at_the_test_size()
    {
        var (train, test) = DataSplit.TrainTestSplitIndices(10, 0.25, seed: 3);
        var again = DataSplit.TrainTestSplitIndices(10, 0.25, seed: 3);
        var other = DataSplit.TrainTestSplitIndices(10, 0.25, seed: 4);

        Assert.Equal(3, test.Length); // ceil(0.25 · 10), as scikit-learn
        Assert.Equal(7, train.Length);
        Assert.Equal(Enumerable.Range(0, 10), train.Concat(test).Order());
        Assert.Equal(train, again.Train);
        Assert.Equal(test, again.Test);
        Assert.NotEqual(test.Concat(train), other.Test.Concat(other.Train));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.TrainTestSplitIndices(10, 1.0, seed: 3));
        Assert.Throws<ArgumentException>(() => DataSplit.TrainTestSplitIndices(1, 0.5, seed: 3));
    }

    [Fact]
    public void Take_refuses_a_row_that_is_not_there()
    {
        var data = new LabeledDataset(new float[] { 1, 2 }, new[] { 0, 1 }, 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.Take(data, new[] { 2 }));
        Assert.Contains("2 samples", error.Message);
    }

    [Fact]
    public void Every_row_is_in_exactly_one_test_fold_and_each_class_is_spread_as_evenly_as_it_can_be()
    {
        var digits = LoadDigits();
        const int k = 5;
        var folds = DataSplit.StratifiedKFold(digits, k, seed: 42);

        Assert.Equal(k, folds.Length);
        Assert.Equal(Enumerable.Range(0, digits.Count), folds.SelectMany(f => f.Test).Order());
        foreach (var (train, test) in folds)
        {
            Assert.Equal(Enumerable.Range(0, digits.Count).Except(test), train);
            Assert.Equal(test.Order(), test);
            Assert.InRange(test.Length, digits.Count / k, digits.Count / k + 1);
        }
        for (int c = 0; c < 10; c++)
        {
            int total = digits.Labels.Count(l => l == c);
            foreach (var (_, test) in folds)
                Assert.InRange(test.Count(row => digits.Labels[row] == c), total / k, total / k + 1);
        }
        Assert.Equal(folds[2].Test, DataSplit.StratifiedKFold(digits, k, seed: 42)[2].Test);
        Assert.NotEqual(folds[2].Test, DataSplit.StratifiedKFold(digits, k, seed: 43)[2].Test);
    }

    [Fact]
    public void Fold_sizes_per_class_follow_scikit_learns_round_robin_over_classes_in_order_of_appearance()
    {
        // Worked by hand from StratifiedKFold._make_test_folds: classes encoded by first appearance (1 → 0,
        // 0 → 1), sorted encoded labels [1, 0, 0, 0] dealt to folds 0, 1, 0, 1. So fold 0 tests the one row of
        // class 1 and one row of class 0; fold 1 two rows of class 0 — whatever the seed. Ordering classes by
        // value instead would give fold 0 two rows of class 0 and fold 1 the class-1 row.
        var data = new LabeledDataset(new float[] { 0, 1, 2, 3 }, new[] { 1, 0, 0, 0 }, 1);
        for (long seed = 0; seed < 20; seed++)
        {
            var folds = DataSplit.StratifiedKFold(data, 2, seed);
            Assert.Contains(0, folds[0].Test);
            Assert.Equal(2, folds[0].Test.Length);
            Assert.Equal(2, folds[1].Test.Length);
        }
        // Labels [0, 0, 0, 1, 1, 2], k = 2: fold 0 gets sorted positions 0, 2, 4 (classes 0, 0, 1), fold 1 gets 1, 3, 5 (0, 1, 2).
        var six = new LabeledDataset(new float[6], new[] { 0, 0, 0, 1, 1, 2 }, 1);
        var sixFolds = DataSplit.StratifiedKFold(six, 2, seed: 7);
        Assert.Equal(new[] { 0, 0, 1 }, sixFolds[0].Test.Select(r => six.Labels[r]).Order());
        Assert.Equal(new[] { 0, 1, 2 }, sixFolds[1].Test.Select(r => six.Labels[r]).Order());
    }

    [Fact]
    public void Impossible_fold_counts_are_refused_as_scikit_learn_refuses_them()
    {
        var data = new LabeledDataset(new float[4], new[] { 0, 0, 1, 1 }, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.StratifiedKFold(data, 1, seed: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.StratifiedKFold(data, 5, seed: 0));
        var error = Assert.Throws<ArgumentException>(() => DataSplit.StratifiedKFold(data, 3, seed: 0));
        Assert.Contains("every class", error.Message);
        // One class smaller than k is allowed (scikit-learn warns): it is missing from some test folds.
        var uneven = new LabeledDataset(new float[5], new[] { 0, 0, 0, 1, 0 }, 1);
        var folds = DataSplit.StratifiedKFold(uneven, 3, seed: 0);
        Assert.Equal(Enumerable.Range(0, 5), folds.SelectMany(f => f.Test).Order());
    }
}
