using System;
using NetGen.Generated;
using Xunit;

namespace NetGen.Tests.Numerics;

/// <summary>
/// The cross-entropies and their probabilities must hold for any finite logits. The reference is exact
/// arithmetic: two equal largest logits and a third far below give loss ln 2 for either of the two
/// and probabilities (½, ½, 0), whatever their magnitude (a log-sum-exp formed as max + log Σ and then
/// subtracted from the label's logit lost every digit of ln 2 once max passed 1e15).
/// </summary>
public class LossStabilityTests
{
    [Theory]
    [InlineData(1e3f)]
    [InlineData(1e15f)]
    [InlineData(1e16f)]
    [InlineData(1e30f)]
    [InlineData(3e38f)]
    public void Softmax_cross_entropy_of_huge_equal_logits_is_ln2(float big)
    {
        float[] logits = { big, big, 0f, big, 0f, big };
        float[] labels = { 0f, 2f };
        var probabilities = new float[6];
        var gradient = new float[6];
        float loss = Losses.SoftmaxCrossEntropy(logits, labels, probabilities, gradient, 2, 3);
        Assert.Equal(MathF.Log(2f), loss, 6);
        Assert.Equal(new[] { 0.5f, 0.5f, 0f, 0.5f, 0f, 0.5f }, probabilities);
        Assert.Equal(new[] { -0.25f, 0.25f, 0f, 0.25f, 0f, -0.25f }, gradient);
    }

    [Theory]
    [InlineData(1e15f)]
    [InlineData(1e16f)]
    [InlineData(3e38f)]
    public void Categorical_cross_entropy_of_huge_equal_logits_is_ln2(float big)
    {
        float[] logits = { big, big, 0f };
        float[] targets = { 1f, 0f, 0f };
        var probabilities = new float[3];
        float loss = Losses.CategoricalCrossEntropy(logits, targets, probabilities, default, 1, 3);
        Assert.Equal(MathF.Log(2f), loss, 6);
        Assert.Equal(new[] { 0.5f, 0.5f, 0f }, probabilities);
    }

    [Fact]
    public void Large_logit_gaps_give_the_exact_gap_as_loss()
    {
        // Label logit 1e20 below the top one: the loss is the gap itself (plus a vanishing log term).
        float[] logits = { 1e20f, 0f };
        float loss = Losses.SoftmaxCrossEntropy(logits, new[] { 1f }, default, default, 1, 2);
        Assert.Equal(1e20f, loss);
    }

    [Fact]
    public void Evaluate_gives_half_probabilities_for_huge_equal_logits()
    {
        // A linear softmax network whose output logits are (big, big, 0): kernel zero, bias set.
        var network = new HugeLogitNet();
        network.Parameters.Clear();
        network.Layer0.Bias[0] = 1e16f;
        network.Layer0.Bias[1] = 1e16f;
        var outputs = new float[3];
        float loss = network.Evaluate(new float[2], new[] { 0f }, outputs, 1);
        Assert.Equal(MathF.Log(2f), loss, 6);
        Assert.Equal(new[] { 0.5f, 0.5f, 0f }, outputs);
        var predicted = new float[3];
        network.Predict(new float[2], predicted);
        Assert.Equal(new[] { 0.5f, 0.5f, 0f }, predicted);
    }
}

[Network(Inputs = 2, Loss = Loss.SoftmaxCrossEntropy)]
[Layers(3)]
public partial class HugeLogitNet;
