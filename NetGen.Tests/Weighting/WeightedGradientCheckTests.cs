using System;
using System.Linq;
using Xunit;

namespace NetGen.Tests.Weighting;

/// <summary>
/// Weighted gradients against central finite differences of the weighted loss the same call returns, for the
/// three losses and both reductions (smooth tanh networks, so float differences with h = 1e-2 are exact to
/// O(h²) ≈ 1e-4; the tolerance allows float rounding on top).
/// </summary>
public sealed class WeightedGradientCheckTests
{
    [Theory]
    [InlineData("softmax", WeightedLossReduction.SumOverBatchSize)]
    [InlineData("softmax", WeightedLossReduction.SumOverWeights)]
    [InlineData("binary", WeightedLossReduction.SumOverBatchSize)]
    [InlineData("binary", WeightedLossReduction.SumOverWeights)]
    [InlineData("regression", WeightedLossReduction.SumOverBatchSize)]
    [InlineData("regression", WeightedLossReduction.SumOverWeights)]
    public void Weighted_gradients_match_central_finite_differences(string name, WeightedLossReduction reduction)
    {
        var network = WeightedLossParityTests.Create(name);
        network.Initialize(7);
        int batch = 6;
        var random = new NetGenRandom(3);
        float[] inputs = Enumerable.Range(0, batch * network.InputSize).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] targets = Enumerable.Range(0, batch * network.TargetSize).Select(i => network.Loss switch
        {
            Loss.SoftmaxCrossEntropy => (float)(i % network.OutputSize),
            Loss.BinaryCrossEntropy => i % 2,
            _ => (float)random.NextDouble(),
        }).ToArray();
        float[] weights = { 0.5f, 2f, 0f, 1.5f, 3f, 0.25f };

        network.ComputeGradients(inputs, targets, batch, weights, reduction);
        float[] analytic = network.Gradients.ToArray();

        const float h = 1e-2f;
        for (int p = 0; p < network.ParameterCount; p++)
        {
            float saved = network.Parameters[p];
            network.Parameters[p] = saved + h;
            double plus = network.ComputeGradients(inputs, targets, batch, weights, reduction);
            network.Parameters[p] = saved - h;
            double minus = network.ComputeGradients(inputs, targets, batch, weights, reduction);
            network.Parameters[p] = saved;
            double numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[p]) <= 2e-3 * Math.Max(1.0, Math.Abs(numeric)),
                $"parameter {p}: finite difference {numeric}, analytic {analytic[p]}");
        }
    }

    [Fact]
    public void Keras_reduction_is_the_weight_weighted_sum_of_single_sample_gradients_over_the_batch_size()
    {
        // Linearity, computed without any weighting code: ∇(Σ wᵢlᵢ / N) = Σ wᵢ∇lᵢ / N.
        INetwork network = new WeightedSoftmaxNet();
        float[] inputs = { 0.1f, -0.4f, 0.9f, 0.3f, -1f, 0.2f, 0.5f, -0.7f, 0.6f, 0.6f, -0.2f, 0.1f };
        float[] targets = { 2, 0, 1 };
        float[] weights = { 3f, 0.5f, 1.25f };
        var expected = new double[network.ParameterCount];
        double expectedLoss = 0;
        for (int b = 0; b < 3; b++)
        {
            expectedLoss += weights[b] * network.ComputeGradients(inputs.AsSpan(b * 4, 4), targets.AsSpan(b, 1), 1) / 3;
            for (int p = 0; p < expected.Length; p++) expected[p] += weights[b] * (double)network.Gradients[p] / 3;
        }

        float loss = network.ComputeGradients(inputs, targets, 3, weights, WeightedLossReduction.SumOverBatchSize);

        Assert.Equal(expectedLoss, loss, 1e-6);
        for (int p = 0; p < expected.Length; p++) Assert.Equal(expected[p], network.Gradients[p], 1e-6);
    }
}
