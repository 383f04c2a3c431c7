using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Normalization;

/// <summary>
/// [Normalization] against the PyTorch reference of tools/reference/normalization.py (statistics, forward,
/// parameter and raw-input gradients), and the input gradient against central finite differences.
/// </summary>
public class NormalizationParityTests
{
    private static readonly JsonElement Fixture =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "normalization.json"))).RootElement;

    private static float[] Values(string name) => Fixture.GetProperty(name).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    private static int Batch => Fixture.GetProperty("batch").GetInt32();

    /// <summary>The reference network with the fixture's weights, adapted on the fixture's batch.</summary>
    private static NormReferenceNet Network()
    {
        var network = new NormReferenceNet();
        Values("kernel0").CopyTo(network.Layer0.Weights);
        Values("bias0").CopyTo(network.Layer0.Bias);
        Values("kernel1").CopyTo(network.Layer1.Weights);
        Values("bias1").CopyTo(network.Layer1.Bias);
        network.Adapt(Values("x"));
        return network;
    }

    private static void Close(float[] expected, ReadOnlySpan<float> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"{what}[{i}]: NetGen {actual[i]:R}, PyTorch {expected[i]:R}");
    }

    [Fact]
    public void Adapt_computes_the_mean_and_population_variance()
    {
        var network = Network();
        var view = network.Normalization!.Value;
        Assert.Equal(Values("mean"), view.Mean.ToArray());
        Assert.Equal(Values("variance"), view.Variance.ToArray());
        Assert.Equal(Batch, view.Count);
        Assert.True(view.IsAdapted);
    }

    [Fact]
    public void Predict_and_Evaluate_match_the_reference()
    {
        var network = Network();
        var outputs = new float[Batch * 3];
        float loss = network.Evaluate(Values("x"), Values("targets"), outputs, Batch);
        Assert.True(Math.Abs(loss - Fixture.GetProperty("loss").GetDouble()) <= 1e-5, $"loss {loss:R}");
        Close(Values("probabilities"), outputs, 1e-5, "Evaluate");
        var predicted = new float[Batch * 3];
        network.Predict(Values("x"), predicted, Batch);
        Close(Values("probabilities"), predicted, 1e-5, "Predict");
        var one = new float[3];
        var x = Values("x");
        for (int row = 0; row < Batch; row++)
        {
            network.Predict(x.AsSpan(row * 4, 4), one);
            Close(Values("probabilities").Skip(row * 3).Take(3).ToArray(), one, 1e-5, $"Predict row {row}");
        }
    }

    [Fact]
    public void Gradients_of_the_parameters_and_of_the_raw_inputs_match_the_reference()
    {
        var network = Network();
        var inputGradients = new float[Batch * 4];
        float loss = network.ComputeGradients(Values("x"), Values("targets"), Batch, inputGradients);
        Assert.True(Math.Abs(loss - Fixture.GetProperty("loss").GetDouble()) <= 1e-5, $"loss {loss:R}");
        Close(Values("grad_kernel0"), network.Layer0.WeightGradients, 1e-4, "kernel0");
        Close(Values("grad_bias0"), network.Layer0.BiasGradients, 1e-4, "bias0");
        Close(Values("grad_kernel1"), network.Layer1.WeightGradients, 1e-4, "kernel1");
        Close(Values("grad_bias1"), network.Layer1.BiasGradients, 1e-4, "bias1");
        Close(Values("grad_inputs"), inputGradients, 1e-4, "inputs");
    }

    [Fact]
    public void The_raw_input_gradient_agrees_with_central_finite_differences()
    {
        var network = Network();
        var x = Values("x");
        var targets = Values("targets");
        var analytic = new float[x.Length];
        network.ComputeGradients(x, targets, Batch, analytic);
        var variance = network.Normalization!.Value.Variance.ToArray();
        for (int i = 0; i < x.Length; i++)
        {
            // A step of 1e-3 standard deviations: small for the loss, large against float's resolution of x.
            double step = 1e-3 * Math.Sqrt(variance[i % 4]);
            var probe = (float[])x.Clone();
            probe[i] = (float)(x[i] + step);
            double up = network.ComputeGradients(probe, targets, Batch);
            double actualUp = probe[i] - (double)x[i];
            probe[i] = (float)(x[i] - step);
            double down = network.ComputeGradients(probe, targets, Batch);
            double actualDown = x[i] - (double)probe[i];
            double numeric = (up - down) / (actualUp + actualDown);
            Assert.True(Math.Abs(numeric - analytic[i]) <= 2e-2 * Math.Max(Math.Abs(analytic[i]), 1e-2 / Math.Sqrt(variance[i % 4])),
                $"input {i}: analytic {analytic[i]:R}, finite differences {numeric:R}");
        }
    }

    [Fact]
    public void The_fold_with_batch_norm_agrees_with_normalizing_then_running_the_layers()
    {
        // PredictWithDropout (no dropout here) normalizes the batch and runs layer 0 with only its batch norm
        // folded; Predict runs layer 0 with both folded. Train a little so nothing is at its initial value.
        var network = new NormBatchNormNet();
        var random = new NetGenRandom(9);
        var x = new float[16 * 3];
        var y = new float[16 * 2];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(random.NextNormal() * (i % 3 + 1) * 10 + 50 * (i % 3));
        for (int i = 0; i < y.Length; i++) y[i] = (float)random.NextNormal();
        network.Adapt(x);
        var optimizer = new Adam(0.01f);
        for (int step = 0; step < 5; step++) network.TrainStep(x, y, 16, optimizer);
        var folded = new float[y.Length];
        var unfolded = new float[y.Length];
        network.Predict(x, folded, 16);
        network.PredictWithDropout(x, unfolded, 16);
        Close(unfolded, folded, 1e-5, "Predict vs normalize-then-layers");
    }
}
