using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace NetGen.Tests.Weighting;

/// <summary>
/// Weighted losses and their gradients against PyTorch (tools/reference/weighted_losses.py): class weights and
/// sample weights, each under Keras's reduction (Σwl/N) and PyTorch's (Σwl/Σw), for softmax and binary
/// cross-entropy and mean squared error. Tolerance 1e-5.
/// </summary>
public sealed class WeightedLossParityTests
{
    private const float Tolerance = 1e-5f;

    private static readonly Lazy<JsonDocument> Fixture = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "weighted_losses.json"))));

    public static IEnumerable<object[]> Cases()
    {
        foreach (var network in Fixture.Value.RootElement.EnumerateObject())
            foreach (var weighting in network.Value.GetProperty("cases").EnumerateObject())
                yield return new object[] { network.Name, weighting.Name };
    }

    internal static INetwork Create(string name) => name switch
    {
        "softmax" => new WeightedSoftmaxNet(),
        "binary" => new WeightedBinaryNet(),
        "regression" => new WeightedRegressionNet(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such fixture network"),
    };

    /// <summary>Loads torch's parameters: Linear weight [out × in] becomes NetGen's kernel [in × out].</summary>
    internal static INetwork Load(string name, JsonElement entry)
    {
        var network = Create(name);
        var parameters = entry.GetProperty("parameters");
        for (int i = 0; i < network.Layers.Count; i++)
        {
            var layer = network.Layers[i];
            var weight = Values(parameters.GetProperty($"{2 * i}.weight"));
            var bias = Values(parameters.GetProperty($"{2 * i}.bias"));
            var kernel = network.Parameters.Slice(layer.KernelOffset, layer.Inputs * layer.Units);
            for (int o = 0; o < layer.Units; o++)
                for (int n = 0; n < layer.Inputs; n++)
                    kernel[n * layer.Units + o] = weight[o * layer.Inputs + n];
            bias.CopyTo(network.Parameters.Slice(layer.BiasOffset, layer.Units));
        }
        return network;
    }

    internal static float[] Values(JsonElement array) => array.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Loss_and_gradients_match_pytorch(string name, string weighting)
    {
        var entry = Fixture.Value.RootElement.GetProperty(name);
        var expected = entry.GetProperty("cases").GetProperty(weighting);
        var network = Load(name, entry);
        var reduction = weighting.EndsWith("_pytorch", StringComparison.Ordinal) ? WeightedLossReduction.SumOverWeights : WeightedLossReduction.SumOverBatchSize;
        float[] inputs = Values(entry.GetProperty("inputs")), targets = Values(entry.GetProperty("targets"));
        float[] weights = Values(expected.GetProperty("weights"));

        float loss = network.ComputeGradients(inputs, targets, weights.Length, weights, reduction);

        Assert.Equal(expected.GetProperty("loss").GetDouble(), loss, Tolerance);
        var gradients = expected.GetProperty("gradients");
        for (int i = 0; i < network.Layers.Count; i++)
        {
            var layer = network.Layers[i];
            var weight = Values(gradients.GetProperty($"{2 * i}.weight"));
            var bias = Values(gradients.GetProperty($"{2 * i}.bias"));
            for (int o = 0; o < layer.Units; o++)
            {
                Assert.Equal(bias[o], network.Gradients[layer.BiasOffset + o], Tolerance);
                for (int n = 0; n < layer.Inputs; n++)
                    Assert.Equal(weight[o * layer.Inputs + n], network.Gradients[layer.KernelOffset + n * layer.Units + o], Tolerance);
            }
        }
    }

    [Fact]
    public void Class_weights_in_fit_weigh_rows_by_their_label_as_the_fixture_does()
    {
        // One full-batch SGD step with lr 1 moves the parameters by exactly −gradient: Fit's class-weight table
        // must then land where the fixture's class-weighted gradient says.
        var entry = Fixture.Value.RootElement.GetProperty("softmax");
        var expected = entry.GetProperty("cases").GetProperty("class_pytorch");
        var network = Load("softmax", entry);
        float[] before = network.Parameters.ToArray();
        var classWeights = entry.GetProperty("class_weights").EnumerateObject().ToDictionary(p => int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), p => (float)p.Value.GetDouble());
        float[] inputs = Values(entry.GetProperty("inputs")), targets = Values(entry.GetProperty("targets"));

        var history = Trainer.Fit(network, inputs, targets, new FitOptions
        {
            BatchSize = 6, Shuffle = false, Optimizer = new Sgd(1f),
            ClassWeights = classWeights, WeightedLossReduction = WeightedLossReduction.SumOverWeights,
        });

        Assert.Equal(expected.GetProperty("loss").GetDouble(), history.Epochs[0].Loss, Tolerance);
        var layer = network.Layers[1];
        var biasGradient = Values(expected.GetProperty("gradients").GetProperty("2.bias"));
        for (int o = 0; o < layer.Units; o++)
            Assert.Equal(before[layer.BiasOffset + o] - biasGradient[o], network.Parameters[layer.BiasOffset + o], Tolerance);
    }

    [Fact]
    public void Empty_weights_give_the_unweighted_loss_and_gradients_bit_for_bit()
    {
        var entry = Fixture.Value.RootElement.GetProperty("softmax");
        var plain = Load("softmax", entry);
        var weighted = Load("softmax", entry);
        float[] inputs = Values(entry.GetProperty("inputs")), targets = Values(entry.GetProperty("targets"));

        float expected = plain.ComputeGradients(inputs, targets, 6);
        float actual = weighted.ComputeGradients(inputs, targets, 6, default, WeightedLossReduction.SumOverWeights);

        Assert.Equal(expected, actual);
        Assert.True(plain.Gradients.SequenceEqual(weighted.Gradients));
    }

    [Fact]
    public void A_negative_or_missing_weight_is_refused_naming_the_row()
    {
        var entry = Fixture.Value.RootElement.GetProperty("regression");
        var network = Load("regression", entry);
        float[] inputs = Values(entry.GetProperty("inputs")), targets = Values(entry.GetProperty("targets"));

        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => network.ComputeGradients(inputs, targets, 6, new[] { 1f, 1f, -2f, 1f, 1f, 1f }, default));
        Assert.Contains("Row 2", negative.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => network.ComputeGradients(inputs, targets, 6, new[] { 1f, 1f }, default));
    }

    [Fact]
    public void Weights_summing_to_zero_under_the_pytorch_reduction_give_zero_loss_and_gradient()
    {
        var entry = Fixture.Value.RootElement.GetProperty("binary");
        var network = Load("binary", entry);
        float[] inputs = Values(entry.GetProperty("inputs")), targets = Values(entry.GetProperty("targets"));

        float loss = network.ComputeGradients(inputs, targets, 6, new float[6], WeightedLossReduction.SumOverWeights);

        Assert.Equal(0f, loss);
        Assert.All(network.Gradients.ToArray(), g => Assert.Equal(0f, g));
    }
}
