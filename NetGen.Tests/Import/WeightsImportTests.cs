using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace NetGen.Tests.Import;

/// <summary>
/// [Weights] end to end: real PyTorch state dicts (tools/import/make_weights_fixture.py) compiled into networks
/// declared in this project by the real generator under dotnet build, against PyTorch's own outputs; and the
/// same files through PyTorchStateDict.Import at run time, which matches keys the same way.
/// </summary>
public class WeightsImportTests
{
    private const float Tolerance = 1e-5f;

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "ImportWeights", name);

    private static (float[] Input, float[] Expected, int Batch) Reference(string model)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Fixture("manifest.json")));
        var entry = json.RootElement.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == model);
        float[] Read(string name) => entry.GetProperty(name).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        return (Read("input"), Read("expected"), entry.GetProperty("batch").GetInt32());
    }

    private static void AssertPredicts(INetwork network, string model)
    {
        var (input, expected, batch) = Reference(model);
        var output = new float[expected.Length];
        network.Predict(input, output, batch);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(output[i] - expected[i]) <= Tolerance, $"{model} output {i}: NetGen {output[i]:R}, PyTorch {expected[i]:R}");
    }

    [Fact]
    public void A_sequential_state_dict_with_batch_norm_compiles_into_the_declared_network_and_predicts_like_PyTorch()
        => AssertPredicts(new SequentialImport(), "sequential");

    [Fact]
    public void A_named_module_state_dict_saved_as_F16_compiles_into_the_declared_network_and_predicts_like_PyTorch()
        => AssertPredicts(new NamedImport(), "named");

    [Fact]
    public void The_seeded_constructor_draws_fresh_weights_and_LoadTrainedWeights_returns_to_the_trained_ones()
    {
        var network = new SequentialImport(seed: 7);
        var trained = new SequentialImport();
        Assert.False(network.Parameters.SequenceEqual(trained.Parameters));
        network.LoadTrainedWeights();
        Assert.True(network.Parameters.SequenceEqual(trained.Parameters));
        Assert.True(network.State.SequenceEqual(trained.State));
        AssertPredicts(network, "sequential");
    }

    [Theory]
    [InlineData("sequential")]
    [InlineData("named")]
    public void PyTorchStateDict_Import_reads_the_same_real_state_dicts_without_renaming(string model)
    {
        INetwork network = model == "sequential" ? new SequentialImport(seed: 3) : new NamedImport(seed: 3);
        PyTorchStateDict.Import(network, Fixture(model + ".safetensors"));
        AssertPredicts(network, model);
    }

    [Fact]
    public void A_module_named_layer1_holding_a_Sequential_is_read_as_PyTorch_keys_not_NetGen_s()
    {
        // self.layer1 = nn.Sequential(Linear(4, 7), ELU(), Linear(7, 6, bias=False)); self.head = Linear(6, 3)
        var network = new NamedImport(seed: 3);
        var tensors = new Dictionary<string, CheckpointTensor>(StringComparer.Ordinal)
        {
            ["layer1.0.weight"] = Tensor(7, 4),
            ["layer1.0.bias"] = Tensor(7),
            ["layer1.2.weight"] = Tensor(6, 7),
            ["head.weight"] = Tensor(3, 6),
            ["head.bias"] = Tensor(3),
        };
        PyTorchStateDict.Import(network, tensors);
        // PyTorch's [3 × 6] head weight, element [2, 5], is NetGen's kernel [6 × 3] element [5, 2].
        Assert.Equal(tensors["head.weight"].Values[2 * 6 + 5], network.Layer2.Weights[5 * 3 + 2]);
    }

    private static CheckpointTensor Tensor(params long[] shape)
    {
        var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
        for (int i = 0; i < values.Length; i++) values[i] = 0.01f * i - 0.1f;
        return new CheckpointTensor(shape, values);
    }

    [Fact]
    public void PyTorchStateDict_Import_names_the_layer_and_both_shapes_when_a_real_state_dict_does_not_fit()
    {
        // NamedImport declares 4 → 7 → 6 → 3; the sequential file's first weight is [8, 6].
        var refused = Assert.Throws<CheckpointException>(() => PyTorchStateDict.Import(new NamedImport(seed: 3), Fixture("sequential.safetensors")));
        Assert.Equal(CheckpointFailure.TensorSet, refused.Failure);
        Assert.Equal("layer 0 (4 → 7): tensor 0.weight has shape [8, 6]; this network needs [7, 4].", refused.Message);
    }
}
