using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Generator.Import;
using Xunit;

namespace NetGen.Tests.Import.Onnx;

/// <summary>
/// Real exports: PyTorch 1.13 at opset 13 and a Keras-style MatMul+Add graph, written by
/// tools/import/onnx_reader_cases.py with the layers and outputs PyTorch/numpy computed.
/// </summary>
public class TorchFixtureTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Import", "Reader");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.onnx").OrderBy(f => f, StringComparer.Ordinal)) data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Fact]
    public void Every_case_of_the_script_is_here()
        => Assert.Equal(6, Directory.GetFiles(Folder, "*.onnx").Length);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Exports_read_to_the_layers_weights_and_outputs_PyTorch_computed(string name)
    {
        using var sidecar = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json")));
        var root = sidecar.RootElement;
        var network = OnnxPatternTests.Read(File.ReadAllBytes(Path.Combine(Folder, name + ".onnx")));

        Assert.Equal(root.GetProperty("inputs").GetInt32(), network.Inputs);
        Assert.Equal(Enum.Parse<ImportedOutput>(root.GetProperty("output").GetString()!), network.Output);
        var layers = root.GetProperty("layers").EnumerateArray().ToArray();
        Assert.Equal(layers.Length, network.Layers.Length);
        foreach (var (expected, read) in layers.Zip(network.Layers))
        {
            Assert.Equal((expected.GetProperty("inputs").GetInt32(), expected.GetProperty("units").GetInt32()), (read.Inputs, read.Units));
            Assert.Equal(Enum.Parse<Act>(expected.GetProperty("activation").GetString()!), read.Activation);
            Assert.Equal(expected.GetProperty("alpha").GetSingle(), read.Alpha, 6);
            Assert.Equal(Floats(expected.GetProperty("kernel")), read.Kernel);
            Assert.Equal(Floats(expected.GetProperty("bias")), read.Bias);
            var norm = expected.GetProperty("batchnorm");
            if (norm.ValueKind == JsonValueKind.Null)
            {
                Assert.Null(read.BatchNorm);
                continue;
            }
            var placement = norm.GetProperty("placement").GetString() == "before" ? BatchNormPlacement.BeforeActivation : BatchNormPlacement.AfterActivation;
            Assert.Equal(placement, read.BatchNorm!.Placement);
            Assert.Equal(norm.GetProperty("epsilon").GetSingle(), read.BatchNorm.Epsilon);
            Assert.Equal(Floats(norm.GetProperty("gamma")), read.BatchNorm.Gamma);
            Assert.Equal(Floats(norm.GetProperty("beta")), read.BatchNorm.Beta);
            Assert.Equal(Floats(norm.GetProperty("mean")), read.BatchNorm.Mean);
            Assert.Equal(Floats(norm.GetProperty("variance")), read.BatchNorm.Variance);
        }
        var normalization = root.GetProperty("normalization");
        if (normalization.ValueKind == JsonValueKind.Null) Assert.Null(network.Normalization);
        else
        {
            Assert.Equal(Floats(normalization.GetProperty("mean")), network.Normalization!.Mean);
            Assert.Equal(Floats(normalization.GetProperty("variance")), network.Normalization.Variance);
        }

        // The graph's own output, computed by PyTorch in float32, from what the reader returned.
        int batch = root.GetProperty("batch").GetInt32();
        var predicted = ImportedNetworkReference.Predict(network, Floats(root.GetProperty("input"))!, batch);
        var reference = Floats(root.GetProperty("expected"))!;
        Assert.Equal(reference.Length, predicted.Length);
        for (int i = 0; i < reference.Length; i++)
            Assert.True(Math.Abs(predicted[i] - reference[i]) <= 1e-5 * Math.Max(1, Math.Abs(reference[i])), $"{name} value {i}: reader {predicted[i]:R}, PyTorch {reference[i]:R}");
    }

    private static float[]? Floats(JsonElement values)
        => values.ValueKind == JsonValueKind.Null ? null : values.EnumerateArray().Select(v => v.GetSingle()).ToArray();
}
