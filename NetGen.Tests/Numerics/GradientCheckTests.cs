using System;
using System.Linq;
using Xunit;

namespace NetGen.Tests.Numerics;

/// <summary>
/// Gradients of every activation × every loss, checked in two steps: the double-precision
/// reference network against central finite differences, then the generated float network
/// against the reference (float is too noisy for finite differences of its own).
/// </summary>
public class GradientCheckTests
{
    private const int Batch = 5; // one 4-row tile plus a leftover row

    public static TheoryData<string> Networks()
    {
        var data = new TheoryData<string>();
        foreach (var row in GradientNetworkCatalog.Names()) data.Add((string)row[0]);
        return data;
    }

    [Fact]
    public void Every_activation_is_paired_with_every_loss()
    {
        Assert.Equal(10 * 4, GradientNetworkCatalog.Names().Count());
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Reference_gradients_match_central_finite_differences(string name)
    {
        var network = GradientNetworkCatalog.Create(name);
        var (inputs, targets) = GradientNetworkCatalog.Batch(network, Batch, seed: 11);
        var reference = new ReferenceNetwork(network.Layers, network.Loss, network.Parameters);
        var x = GradientNetworkCatalog.ToDouble(inputs);
        var y = GradientNetworkCatalog.ToDouble(targets);
        var (_, analytic, inputAnalytic) = reference.LossAndGradients(x, y, Batch);

        double center = reference.Loss(x, y, Batch);
        int kinks = 0;
        for (int p = 0; p < reference.Parameters.Length; p++)
            kinks += CheckDerivative(reference.Parameters, p, () => reference.Loss(x, y, Batch), center, analytic[p], $"parameter {p}");
        for (int i = 0; i < x.Length; i++)
            kinks += CheckDerivative(x, i, () => reference.Loss(x, y, Batch), center, inputAnalytic[i], $"input {i}");
        // A ReLU unit that is dead for a whole sample passes exactly z = bias = 0 upward, where the
        // loss has a kink; those few coordinates have no derivative to check.
        Assert.True(kinks <= (reference.Parameters.Length + x.Length) / 50, $"{kinks} coordinates sit on a kink");
    }

    /// <summary>
    /// Central difference of one coordinate against the analytic derivative. Returns 1 (skipped)
    /// when the one-sided differences disagree, i.e. the coordinate sits on a kink of ReLU-like units.
    /// </summary>
    private static int CheckDerivative(double[] values, int index, Func<double> loss, double center, double analytic, string what)
    {
        const double h = 1e-5;
        double saved = values[index];
        values[index] = saved + h;
        double plus = loss();
        values[index] = saved - h;
        double minus = loss();
        values[index] = saved;
        double right = (plus - center) / h, left = (center - minus) / h;
        if (Math.Abs(right - left) > 1e-3 * Math.Max(1.0, Math.Abs(analytic))) return 1;
        AssertClose((plus - minus) / (2 * h), analytic, 1e-6, what);
        return 0;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Generated_gradients_match_the_reference(string name)
    {
        var network = GradientNetworkCatalog.Create(name);
        var (inputs, targets) = GradientNetworkCatalog.Batch(network, Batch, seed: 11);
        var reference = new ReferenceNetwork(network.Layers, network.Loss, network.Parameters);
        var (expectedLoss, expected, expectedInput) = reference.LossAndGradients(
            GradientNetworkCatalog.ToDouble(inputs), GradientNetworkCatalog.ToDouble(targets), Batch);

        var inputGradients = new float[inputs.Length];
        float loss = network.ComputeGradients(inputs, targets, Batch, inputGradients);

        AssertClose(expectedLoss, loss, 1e-5, "loss");
        // Float sums of up to 33 products carry ~1e-6 relative error; 2e-5 of the largest gradient leaves margin.
        double scale = expected.Max(Math.Abs);
        var gradients = network.Gradients.ToArray();
        for (int p = 0; p < expected.Length; p++)
            Assert.True(Math.Abs(gradients[p] - expected[p]) <= 2e-5 * scale + 1e-7,
                $"parameter {p}: generated {gradients[p]:R}, reference {expected[p]:R} (scale {scale:R})");
        double inputScale = expectedInput.Max(Math.Abs);
        for (int i = 0; i < expectedInput.Length; i++)
            Assert.True(Math.Abs(inputGradients[i] - expectedInput[i]) <= 2e-5 * inputScale + 1e-7,
                $"input {i}: generated {inputGradients[i]:R}, reference {expectedInput[i]:R}");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Predictions_match_the_reference_for_one_sample_and_for_a_batch(string name)
    {
        var network = GradientNetworkCatalog.Create(name);
        var (inputs, _) = GradientNetworkCatalog.Batch(network, Batch, seed: 5);
        var expected = new ReferenceNetwork(network.Layers, network.Loss, network.Parameters)
            .Predict(GradientNetworkCatalog.ToDouble(inputs), Batch);

        var batched = new float[Batch * network.OutputSize];
        network.Predict(inputs, batched, Batch);
        var single = new float[network.OutputSize];
        for (int b = 0; b < Batch; b++)
        {
            network.Predict(inputs.AsSpan(b * network.InputSize, network.InputSize), single);
            for (int j = 0; j < network.OutputSize; j++)
            {
                double reference = expected[b * network.OutputSize + j];
                AssertClose(reference, single[j], 1e-5, $"sample {b} output {j} (single)");
                AssertClose(reference, batched[b * network.OutputSize + j], 1e-5, $"sample {b} output {j} (batch)");
            }
        }
    }

    private static void AssertClose(double expected, double actual, double relative, string what)
        => Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(1.0, Math.Abs(expected)),
            $"{what}: expected {expected:R}, got {actual:R}");
}
