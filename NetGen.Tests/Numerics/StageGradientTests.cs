using System;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Numerics;

/// <summary>
/// Gradients through batch normalization (both placements, with and without gamma/beta), dropout
/// and alpha dropout with a fixed mask, and L1/L2 penalties: the double-precision reference against
/// central finite differences, then the generated network against the reference; and inference
/// (batch norm folded, dropout off) against the reference with the network's moving statistics.
/// </summary>
public class StageGradientTests
{
    private const int Batch = 6;
    private const long DropoutSeed = 77;

    public static TheoryData<string> Networks() => new()
    {
        nameof(StageBatchNormNet), nameof(StageBareBatchNormNet), nameof(StageKeptBiasNet), nameof(StageDropoutNet), nameof(StagePenaltyNet),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Reference_gradients_match_central_finite_differences(string name)
    {
        var network = GradientNetworkCatalog.Create(name);
        var (inputs, targets) = GradientNetworkCatalog.Batch(network, Batch, seed: 13);
        var reference = Reference(network);
        var x = GradientNetworkCatalog.ToDouble(inputs);
        var y = GradientNetworkCatalog.ToDouble(targets);
        var (_, analytic, inputAnalytic) = reference.LossAndGradients(x, y, Batch);

        const double h = 1e-5;
        void Check(double[] values, int index, double expected, string what)
        {
            double saved = values[index];
            values[index] = saved + h;
            double plus = reference.Loss(x, y, Batch);
            values[index] = saved - h;
            double minus = reference.Loss(x, y, Batch);
            values[index] = saved;
            double numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(numeric - expected) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"{what}: finite difference {numeric:R}, analytic {expected:R}");
        }
        for (int p = 0; p < reference.Parameters.Length; p++) Check(reference.Parameters, p, analytic[p], $"parameter {p}");
        for (int i = 0; i < x.Length; i++) Check(x, i, inputAnalytic[i], $"input {i}");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Generated_gradients_match_the_reference(string name)
    {
        var network = GradientNetworkCatalog.Create(name);
        var (inputs, targets) = GradientNetworkCatalog.Batch(network, Batch, seed: 13);
        var reference = Reference(network);
        var (expectedLoss, expected, expectedInput) = reference.LossAndGradients(GradientNetworkCatalog.ToDouble(inputs), GradientNetworkCatalog.ToDouble(targets), Batch);

        network.SeedDropout(DropoutSeed);
        var inputGradients = new float[inputs.Length];
        float loss = network.ComputeGradients(inputs, targets, Batch, inputGradients);

        Assert.True(Math.Abs(loss - expectedLoss) <= 1e-5 * Math.Max(1, Math.Abs(expectedLoss)), $"loss {loss:R}, reference {expectedLoss:R}");
        // Batch norm divides by a batch standard deviation, which amplifies float rounding a little: 1e-4 of the largest gradient.
        double scale = expected.Max(Math.Abs);
        var gradients = network.Gradients.ToArray();
        for (int p = 0; p < expected.Length; p++)
            Assert.True(Math.Abs(gradients[p] - expected[p]) <= 1e-4 * scale + 1e-7, $"parameter {p}: generated {gradients[p]:R}, reference {expected[p]:R} (scale {scale:R})");
        double inputScale = expectedInput.Max(Math.Abs);
        for (int i = 0; i < expectedInput.Length; i++)
            Assert.True(Math.Abs(inputGradients[i] - expectedInput[i]) <= 1e-4 * inputScale + 1e-7, $"input {i}: generated {inputGradients[i]:R}, reference {expectedInput[i]:R}");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Inference_uses_the_moving_statistics_folded_or_not(string name)
    {
        var network = GradientNetworkCatalog.Create(name);
        // A few training steps make the moving statistics and gamma/beta non-trivial.
        var optimizer = new Sgd(0.05f);
        for (int step = 0; step < 5; step++)
        {
            var (x, y) = GradientNetworkCatalog.Batch(network, Batch, seed: 20 + step);
            network.TrainStep(x, y, Batch, optimizer);
        }
        var (inputs, _) = GradientNetworkCatalog.Batch(network, Batch, seed: 31);
        var expected = new ReferenceNetwork(network.Layers, network.Loss, network.Parameters, network.State).Predict(GradientNetworkCatalog.ToDouble(inputs), Batch);

        var batched = new float[Batch * network.OutputSize];
        network.Predict(inputs, batched, Batch);
        var single = new float[network.OutputSize];
        for (int b = 0; b < Batch; b++)
        {
            network.Predict(inputs.AsSpan(b * network.InputSize, network.InputSize), single);
            for (int j = 0; j < network.OutputSize; j++)
            {
                double reference = expected[b * network.OutputSize + j];
                // The folded kernel rounds differently from normalize-then-scale: 1e-5 relative, as the issue asks.
                Assert.True(Math.Abs(single[j] - reference) <= 1e-5 * Math.Max(1, Math.Abs(reference)), $"sample {b} output {j} (single): {single[j]:R} vs {reference:R}");
                Assert.True(Math.Abs(batched[b * network.OutputSize + j] - reference) <= 1e-5 * Math.Max(1, Math.Abs(reference)), $"sample {b} output {j} (batch)");
            }
        }
    }

    [Fact]
    public void Moving_statistics_follow_the_Keras_momentum_and_the_unbiased_variance()
    {
        var network = new StageBareBatchNormNet();
        var (inputs, targets) = GradientNetworkCatalog.Batch(network, Batch, seed: 3);
        network.ComputeGradients(inputs, targets, Batch);

        // Layer 0: BN before the activation normalizes z = x·W (no bias): recompute z's batch statistics in double.
        var layer = ((INetwork)network).Layers[0];
        var norm = layer.BatchNorm!;
        var weights = network.Parameters.ToArray();
        for (int j = 0; j < layer.Units; j++)
        {
            var z = Enumerable.Range(0, Batch).Select(b => Enumerable.Range(0, layer.Inputs).Sum(i => (double)inputs[b * layer.Inputs + i] * weights[layer.KernelOffset + i * layer.Units + j])).ToArray();
            double mean = z.Average();
            double unbiased = z.Sum(v => (v - mean) * (v - mean)) / (Batch - 1);
            Assert.Equal(0.01 * mean, network.State[norm.MeanOffset + j], 5);
            Assert.Equal(0.99 * 1 + 0.01 * unbiased, network.State[norm.VarianceOffset + j], 5);
        }
    }

    [Fact]
    public void Training_batch_norm_on_one_sample_is_a_clear_error()
    {
        var network = new StageBatchNormNet();
        var error = Assert.Throws<InvalidOperationException>(() => network.ComputeGradients(new float[7], new float[1], 1));
        Assert.Contains("at least 2 samples", error.Message);
        // Inference on one sample is fine: it uses the moving statistics.
        network.Predict(new float[7], new float[3]);
    }

    [Fact]
    public void The_trainer_skips_a_last_batch_of_one_with_batch_norm()
    {
        var network = new StageBatchNormNet();
        var (inputs, targets) = GradientNetworkCatalog.Batch(network, 9, seed: 4);
        var history = Trainer.Fit(network, inputs, targets, new FitOptions { Epochs = 2, BatchSize = 4 });
        // 9 samples in batches of 4: 4 + 4 train, the lone ninth waits for the next shuffle.
        Assert.Equal(16, history.SamplesSeen);
        Assert.Throws<ArgumentException>(() => Trainer.Fit(network, inputs, targets, new FitOptions { BatchSize = 1 }));
    }

    [Fact]
    public void Dropout_is_off_at_inference_and_reproducible_in_training()
    {
        var first = new StageDropoutNet();
        var second = new StageDropoutNet();
        var (inputs, targets) = GradientNetworkCatalog.Batch(first, Batch, seed: 8);

        var a = new float[Batch * 3];
        var b = new float[Batch * 3];
        first.Predict(inputs, a, Batch);
        first.Predict(inputs, b, Batch);
        Assert.Equal(a, b);
        first.PredictWithDropout(inputs, a, Batch);
        first.PredictWithDropout(inputs, b, Batch);
        Assert.NotEqual(a, b);

        // Same seed, same masks: identical gradients.
        first.SeedDropout(5);
        second.SeedDropout(5);
        first.ComputeGradients(inputs, targets, Batch);
        second.ComputeGradients(inputs, targets, Batch);
        Assert.Equal(first.Gradients.ToArray(), second.Gradients.ToArray());
    }

    [Fact]
    public void Monte_Carlo_dropout_averages_stochastic_predictions()
    {
        var network = new StageDropoutNet();
        var (inputs, _) = GradientNetworkCatalog.Batch(network, 2, seed: 9);
        network.SeedDropout(1);
        var mean = MonteCarloDropout.Predict(network, inputs, batchSize: 2, samples: 50);

        network.SeedDropout(1);
        var expected = new double[6];
        var one = new float[6];
        for (int s = 0; s < 50; s++)
        {
            network.PredictWithDropout(inputs, one, 2);
            for (int k = 0; k < 6; k++) expected[k] += one[k] / 50.0;
        }
        for (int k = 0; k < 6; k++) Assert.Equal(expected[k], mean[k], 5);
        // Each row of a softmax average is still a distribution.
        Assert.Equal(1.0, mean.Take(3).Sum(), 5);
    }

    [Fact]
    public void Max_norm_caps_every_units_incoming_weights_after_each_update()
    {
        var network = new MaxNormNet();
        var (inputs, targets) = GradientNetworkCatalog.Batch(network, Batch, seed: 2);
        network.TrainStep(inputs, targets, Batch, new Sgd(5f));
        var layer = ((INetwork)network).Layers[0];
        var weights = network.Parameters.ToArray();
        for (int j = 0; j < layer.Units; j++)
        {
            double norm = Math.Sqrt(Enumerable.Range(0, layer.Inputs).Sum(i => Math.Pow(weights[layer.KernelOffset + i * layer.Units + j], 2)));
            Assert.True(norm <= 0.5 + 1e-6, $"unit {j} has norm {norm}");
        }
    }

    private static ReferenceNetwork Reference(INetwork network)
    {
        var reference = new ReferenceNetwork(network.Layers, network.Loss, network.Parameters, network.State);
        // The masks the generated network draws after SeedDropout(DropoutSeed): one uniform per unit,
        // row-major, layer by layer, from NetGenRandom(seed ^ 0x5DEECE66D) (documented on SeedDropout).
        var random = new NetGenRandom(DropoutSeed ^ 0x5DEECE66DL);
        reference.DropoutKeep = network.Layers
            .Select(l => l.Dropout is { } d ? Enumerable.Range(0, Batch * l.Units).Select(_ => random.NextDouble() >= d.Rate).ToArray() : null)
            .ToArray();
        return reference;
    }
}

[Network(Inputs = 5, Loss = Loss.MeanSquaredError, Seed = 8)]
[Dense(6, Act.Tanh, MaxNorm = 0.5)]
[Dense(2)]
public partial class MaxNormNet;
