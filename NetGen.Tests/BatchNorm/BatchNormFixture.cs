using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace NetGen.Tests.BatchNorm;

/// <summary>A fixture tensor: its torch shape and its values flattened row-major.</summary>
internal sealed record Tensor(int[] Shape, float[] Data)
{
    public static Tensor From(JsonElement element) => new(
        element.GetProperty("shape").EnumerateArray().Select(s => s.GetInt32()).ToArray(),
        element.GetProperty("data").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray());
}

/// <summary>
/// The PyTorch reference data written by tools/reference/batchnorm.py, the NetGen network declared for each
/// of its networks, and the conversion between torch's state_dict layout and NetGen's buffers. Every offset
/// comes from <see cref="INetwork.Layers"/>; torch's Linear weight [out × in] is NetGen's kernel
/// [in × out] transposed.
/// </summary>
internal static class BatchNormFixture
{
    private static readonly Lazy<JsonDocument> LazyDocument = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "batchnorm.json"))));

    private static readonly Dictionary<string, Func<INetwork>> Factories = new()
    {
        ["bn_before_after"] = () => new BnBeforeAfterNet(),
        ["bn_no_affine"] = () => new BnNoAffineNet(),
        ["bn_binary"] = () => new BnBinaryNet(),
    };

    public static JsonDocument Document => LazyDocument.Value;

    public static IEnumerable<string> NetworkNames => Factories.Keys;

    public static JsonElement Network(string name) => Document.RootElement.GetProperty("networks").GetProperty(name);

    public static Dictionary<string, Tensor> Tensors(JsonElement state)
        => state.EnumerateObject().ToDictionary(p => p.Name, p => Tensor.From(p.Value), StringComparer.Ordinal);

    public static Loss LossOf(string torchLoss) => torchLoss switch
    {
        "CrossEntropyLoss" => Loss.SoftmaxCrossEntropy,
        "MSELoss" => Loss.MeanSquaredError,
        "BCEWithLogitsLoss" => Loss.BinaryCrossEntropy,
        _ => throw new InvalidOperationException($"No NetGen loss for torch.nn.{torchLoss}."),
    };

    /// <summary>
    /// Creates the network for a fixture entry, asserts that its layers are the fixture's (shape, bias,
    /// activation and alpha, batch-norm placement, affine, momentum, epsilon), then loads the initial state.
    /// </summary>
    public static INetwork Create(string name)
    {
        var network = Factories[name]();
        AssertLayersMatch(network, Network(name));
        Load(network, Tensors(Network(name).GetProperty("initial")));
        return network;
    }

    public static void AssertLayersMatch(INetwork network, JsonElement fixture)
    {
        var loss = LossOf(fixture.GetProperty("loss").GetString()!);
        Assert.Equal(loss, network.Loss);
        Assert.Equal(fixture.GetProperty("inputs").GetInt32(), network.InputSize);
        float keras = (float)fixture.GetProperty("bn_momentum_keras").GetDouble();
        float epsilon = (float)fixture.GetProperty("bn_eps").GetDouble();
        var layers = fixture.GetProperty("layers").EnumerateArray().ToArray();
        Assert.Equal(layers.Length, network.Layers.Count);
        for (int i = 0; i < layers.Length; i++)
        {
            var expected = layers[i];
            var layer = network.Layers[i];
            string where = $"layer {i}";
            Assert.True(i == layer.Index, where);
            Assert.True(expected.GetProperty("inputs").GetInt32() == layer.Inputs, $"{where}: inputs");
            Assert.True(expected.GetProperty("units").GetInt32() == layer.Units, $"{where}: units");
            Assert.True(expected.GetProperty("has_bias").GetBoolean() == layer.HasBias, $"{where}: bias");

            // torch's last Linear has no activation; NetGen's output layer carries the loss's (fused) one.
            var act = Enum.Parse<Act>(expected.GetProperty("activation").GetString()!);
            if (i == layers.Length - 1 && act == Act.Linear)
                act = loss switch { Loss.SoftmaxCrossEntropy => Act.Softmax, Loss.BinaryCrossEntropy => Act.Sigmoid, _ => Act.Linear };
            Assert.True(act == layer.Activation, $"{where}: activation {layer.Activation}, fixture {act}");
            var alpha = expected.GetProperty("activation_alpha");
            float expectedAlpha = alpha.ValueKind == JsonValueKind.Null ? 0f : (float)alpha.GetDouble();
            Assert.True(expectedAlpha == layer.Alpha, $"{where}: alpha {layer.Alpha}, fixture {expectedAlpha}");

            var placement = expected.GetProperty("bn");
            if (placement.ValueKind == JsonValueKind.Null)
            {
                Assert.True(layer.BatchNorm is null, $"{where}: unexpected batch norm");
                continue;
            }
            var bn = layer.BatchNorm;
            Assert.True(bn is not null, $"{where}: batch norm missing");
            var expectedPlacement = placement.GetString() switch
            {
                "before" => BatchNormPlacement.BeforeActivation,
                "after" => BatchNormPlacement.AfterActivation,
                var other => throw new InvalidOperationException($"Unknown placement '{other}'."),
            };
            Assert.True(expectedPlacement == bn!.Placement, $"{where}: placement {bn.Placement}");
            bool affine = expected.GetProperty("bn_affine").GetBoolean();
            Assert.True(affine == bn.HasGamma && affine == bn.HasBeta, $"{where}: affine");
            Assert.True(keras == bn.Momentum, $"{where}: momentum {bn.Momentum}");
            Assert.True(epsilon == bn.Epsilon, $"{where}: epsilon {bn.Epsilon}");
        }
    }

    /// <summary>The fixture name, torch shape, buffer (parameters or state) and offset of every tensor of the network.</summary>
    public static IEnumerable<(string Name, int[] Shape, bool InState, int Offset, bool Transposed)> Layout(INetwork network)
    {
        foreach (var layer in network.Layers)
        {
            string prefix = $"layer{layer.Index}";
            yield return ($"{prefix}.weight", new[] { layer.Units, layer.Inputs }, false, layer.KernelOffset, true);
            if (layer.HasBias) yield return ($"{prefix}.bias", new[] { layer.Units }, false, layer.BiasOffset, false);
            if (layer.BatchNorm is not { } bn) continue;
            if (bn.HasGamma) yield return ($"{prefix}.bn.weight", new[] { layer.Units }, false, bn.GammaOffset, false);
            if (bn.HasBeta) yield return ($"{prefix}.bn.bias", new[] { layer.Units }, false, bn.BetaOffset, false);
            yield return ($"{prefix}.bn.running_mean", new[] { layer.Units }, true, bn.MeanOffset, false);
            yield return ($"{prefix}.bn.running_var", new[] { layer.Units }, true, bn.VarianceOffset, false);
        }
    }

    /// <summary>
    /// Writes a state_dict into the network. Every fixture tensor must have a place in the network and every
    /// parameter and state value must receive exactly one fixture value.
    /// </summary>
    public static void Load(INetwork network, IReadOnlyDictionary<string, Tensor> state)
    {
        var layout = Layout(network).ToList();
        Assert.Equal(state.Keys.OrderBy(k => k, StringComparer.Ordinal), layout.Select(t => t.Name).OrderBy(k => k, StringComparer.Ordinal));
        var parameters = network.Parameters;
        var stateBuffer = network.State;
        var parameterWrites = new int[parameters.Length];
        var stateWrites = new int[stateBuffer.Length];
        foreach (var (name, shape, inState, offset, transposed) in layout)
        {
            var tensor = state[name];
            Assert.True(shape.SequenceEqual(tensor.Shape), $"{name}: torch shape [{string.Join(", ", tensor.Shape)}], NetGen expects [{string.Join(", ", shape)}]");
            var buffer = inState ? stateBuffer : parameters;
            var writes = inState ? stateWrites : parameterWrites;
            for (int k = 0; k < tensor.Data.Length; k++)
            {
                int index = offset + NetGenIndex(shape, k, transposed);
                buffer[index] = tensor.Data[k];
                writes[index]++;
            }
        }
        Assert.All(parameterWrites, w => Assert.Equal(1, w));
        Assert.All(stateWrites, w => Assert.Equal(1, w));
        network.RefreshInference();
    }

    /// <summary>Reads a tensor in torch layout out of a NetGen buffer (parameters, gradients or state).</summary>
    public static float[] Read(ReadOnlySpan<float> buffer, int[] shape, int offset, bool transposed)
    {
        var values = new float[shape.Aggregate(1, (a, b) => a * b)];
        for (int k = 0; k < values.Length; k++) values[k] = buffer[offset + NetGenIndex(shape, k, transposed)];
        return values;
    }

    /// <summary>Position inside NetGen's slice of torch's row-major element k: weight[o, i] is kernel[i, o] = i·out + o.</summary>
    private static int NetGenIndex(int[] torchShape, int k, bool transposed)
    {
        if (!transposed) return k;
        int outputs = torchShape[0], inputs = torchShape[1];
        int o = k / inputs, i = k % inputs;
        return i * outputs + o;
    }
}
