using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tests.Prediction;
using Xunit;

namespace NetGen.Tests.Weighting;

/// <summary>How Fit turns ClassWeights and SampleWeights into per-row weights, and what it refuses.</summary>
public sealed class FitWeightingTests
{
    private static (float[] Inputs, float[] Labels) Data(int rows)
    {
        var random = new NetGenRandom(5);
        float[] inputs = Enumerable.Range(0, rows * 4).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] labels = Enumerable.Range(0, rows).Select(r => (float)(r % 3)).ToArray();
        return (inputs, labels);
    }

    [Fact]
    public void Class_weights_equal_the_same_weights_given_per_row()
    {
        var (inputs, labels) = Data(40);
        var byClass = new WeightedSoftmaxNet();
        var byRow = new WeightedSoftmaxNet();
        var table = new Dictionary<int, float> { [0] = 0.5f, [2] = 4f }; // class 1 left out: weight 1

        var classHistory = Trainer.Fit(byClass, inputs, labels, new FitOptions { Epochs = 2, BatchSize = 8, Seed = 3, ClassWeights = table });
        var rowHistory = Trainer.Fit(byRow, inputs, labels, new FitOptions { Epochs = 2, BatchSize = 8, Seed = 3, SampleWeights = labels.Select(l => l == 0 ? 0.5f : l == 2 ? 4f : 1f).ToArray() });

        Assert.Equal(rowHistory.Epochs[1].Loss, classHistory.Epochs[1].Loss);
        Assert.True(((INetwork)byClass).Parameters.SequenceEqual(((INetwork)byRow).Parameters));
    }

    [Fact]
    public void Weights_of_one_train_as_no_weights_under_the_keras_reduction()
    {
        var (inputs, labels) = Data(40);
        var plain = new WeightedSoftmaxNet();
        var weighted = new WeightedSoftmaxNet();

        Trainer.Fit(plain, inputs, labels, new FitOptions { Epochs = 2, BatchSize = 8, Seed = 3 });
        Trainer.Fit(weighted, inputs, labels, new FitOptions { Epochs = 2, BatchSize = 8, Seed = 3, SampleWeights = Enumerable.Repeat(1f, 40).ToArray() });

        var expected = ((INetwork)plain).Parameters.ToArray();
        var actual = ((INetwork)weighted).Parameters.ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-6f);
    }

    [Fact]
    public void Bad_weights_are_refused_naming_the_option_before_training()
    {
        var (inputs, labels) = Data(10);
        INetwork network = new WeightedSoftmaxNet();
        float[] before = network.Parameters.ToArray();

        var count = Assert.Throws<ArgumentException>(() => Trainer.Fit(network, inputs, labels, new FitOptions { SampleWeights = new float[9] }));
        Assert.Contains("SampleWeights holds 9", count.Message, StringComparison.Ordinal);
        var negative = Assert.Throws<ArgumentException>(() => Trainer.Fit(network, inputs, labels, new FitOptions { SampleWeights = Enumerable.Repeat(1f, 9).Append(-1f).ToArray() }));
        Assert.Contains("SampleWeights row 9", negative.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<ArgumentException>(() => Trainer.Fit(network, inputs, labels, new FitOptions { ClassWeights = new Dictionary<int, float> { [3] = 2f } }));
        Assert.Contains("class 3", unknown.Message, StringComparison.Ordinal);
        var regression = Assert.Throws<ArgumentException>(() => Trainer.Fit(new TwoOutputRegressionNet(), new float[6], new float[4], new FitOptions { ClassWeights = new Dictionary<int, float> { [0] = 2f } }));
        Assert.Contains("ClassWeights", regression.Message, StringComparison.Ordinal);
        var soft = Assert.Throws<ArgumentException>(() => Trainer.Fit(new SigmoidClassifierNet(), new float[6], new[] { 1f, 0.5f }, new FitOptions { ClassWeights = new Dictionary<int, float> { [1] = 2f } }));
        Assert.Contains("targets row 1", soft.Message, StringComparison.Ordinal);
        Assert.True(network.Parameters.SequenceEqual(before));
    }
}
