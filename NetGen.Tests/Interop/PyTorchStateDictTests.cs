using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace NetGen.Tests.Interop;

/// <summary>
/// Weights to and from PyTorch: a model trained by tools/reference/interop.py (PyTorch 1.13) is
/// imported and reproduces PyTorch's eval-mode outputs; exporting gives back PyTorch's own tensors.
/// </summary>
public class PyTorchStateDictTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Fact]
    public void An_imported_PyTorch_model_predicts_what_PyTorch_predicts()
    {
        var network = new TorchMirrorNet();
        PyTorchStateDict.Import(network, Fixture("torch_model.safetensors"));

        using var json = JsonDocument.Parse(File.ReadAllText(Fixture("torch_model.json")));
        var inputs = json.RootElement.GetProperty("inputs").EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
        var expected = json.RootElement.GetProperty("probabilities").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        int batch = json.RootElement.GetProperty("batch").GetInt32();
        var batched = new float[batch * 3];
        network.Predict(inputs, batched, batch);
        var single = new float[3];
        for (int b = 0; b < batch; b++)
        {
            network.Predict(inputs.AsSpan(b * 6, 6), single);
            for (int j = 0; j < 3; j++)
            {
                Assert.True(Math.Abs(batched[b * 3 + j] - expected[b * 3 + j]) <= 1e-5, $"sample {b} class {j}: {batched[b * 3 + j]:R} vs PyTorch {expected[b * 3 + j]:R}");
                Assert.True(Math.Abs(single[j] - expected[b * 3 + j]) <= 1e-5, $"sample {b} class {j} (single)");
            }
        }
    }

    [Fact]
    public void Exporting_gives_back_PyTorchs_own_tensors()
    {
        var original = Checkpoint.ReadTensors(Fixture("torch_model.safetensors"));
        var network = new TorchMirrorNet();
        PyTorchStateDict.Import(network, original);

        var exported = PyTorchStateDict.Export(network);
        Assert.Equal(original.Keys.OrderBy(k => k, StringComparer.Ordinal), exported.Keys);
        foreach (var name in original.Keys)
        {
            Assert.Equal(original[name].Shape, exported[name].Shape);
            Assert.Equal(original[name].Values, exported[name].Values);
        }

        string path = Path.Combine(Path.GetTempPath(), $"netgen-{Guid.NewGuid():N}.safetensors");
        try
        {
            PyTorchStateDict.Save(network, path);
            var reread = Checkpoint.ReadTensors(path);
            Assert.Equal(original["layer0.weight"].Values, reread["layer0.weight"].Values);
            Assert.Equal(new long[] { 10, 6 }, reread["layer0.weight"].Shape);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_mismatched_state_dict_is_refused_without_touching_the_network()
    {
        var tensors = Checkpoint.ReadTensors(Fixture("torch_model.safetensors")).ToDictionary(p => p.Key, p => p.Value);
        var network = new TorchMirrorNet();
        var before = network.Parameters.ToArray();

        var missing = tensors.Where(p => p.Key != "layer1.bias").ToDictionary(p => p.Key, p => p.Value);
        Assert.Contains("layer1.bias is missing", Assert.Throws<CheckpointException>(() => PyTorchStateDict.Import(network, missing)).Message);

        var wrongShape = tensors.ToDictionary(p => p.Key, p => p.Key == "layer2.weight" ? tensors["layer1.weight"] : p.Value);
        Assert.Contains("layer2.weight has shape [8, 10]", Assert.Throws<CheckpointException>(() => PyTorchStateDict.Import(network, wrongShape)).Message);

        var unknown = tensors.ToDictionary(p => p.Key, p => p.Value);
        unknown["layer3.weight"] = tensors["layer2.weight"];
        Assert.Throws<CheckpointException>(() => PyTorchStateDict.Import(network, unknown));

        Assert.Equal(before, network.Parameters.ToArray());
    }
}

/// <summary>The network of tools/reference/interop.py: BN before ReLU (no bias), tanh then BN, PyTorch's BN epsilon.</summary>
[Network(Inputs = 6, Loss = Loss.SoftmaxCrossEntropy, Seed = 1)]
[Dense(10, Act.Relu, Init.HeNormal)]
[BatchNorm(Epsilon = 1e-5, Momentum = 0.9)]
[Dense(8, Act.Tanh)]
[BatchNorm(Placement = BatchNormPlacement.AfterActivation, Epsilon = 1e-5, Momentum = 0.9)]
[Dense(3)]
public partial class TorchMirrorNet;
