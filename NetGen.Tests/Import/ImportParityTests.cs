using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Import;

/// <summary>
/// Every model of the import manifests (format: import-format.md) through the generator: [OnnxModel] for an
/// ONNX file, [Weights] beside the declared twin's attributes for a safetensors file; Predict against the
/// reference outputs within 1e-5, and a negative fixture's NG error must contain its expected text. Manifests:
/// Fixtures/ImportWeights/manifest.json (tools/import/make_weights_fixture.py) always, and
/// Fixtures/Import/manifest.json (tools/import/make_fixtures.py) whenever that folder exists.
/// </summary>
public class ImportParityTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-5f;

    public static IEnumerable<object[]> Models()
    {
        foreach (var folder in new[] { "ImportWeights", "Import" })
        {
            string directory = Path.Combine(AppContext.BaseDirectory, "Fixtures", folder);
            if (!Directory.Exists(directory)) continue;
            string manifest = Path.Combine(directory, "manifest.json");
            if (!File.Exists(manifest))
            {
                yield return new object[] { folder, "(manifest.json is missing)" };
                continue;
            }
            using var json = JsonDocument.Parse(File.ReadAllText(manifest));
            foreach (var model in json.RootElement.GetProperty("models").EnumerateArray())
                yield return new object[] { folder, model.GetProperty("name").GetString()! };
        }
    }

    [Fact]
    public void The_weights_manifest_is_present()
        => Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ImportWeights", "manifest.json")));

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_manifest_model_compiles_through_the_generator_and_predicts_like_its_source(string folder, string name)
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "Fixtures", folder);
        string manifest = Path.Combine(directory, "manifest.json");
        Assert.True(File.Exists(manifest), $"Fixtures/{folder} exists but holds no manifest.json");
        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        var model = json.RootElement.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == name);

        string? onnx = Text(model, "onnx");
        string file = onnx ?? Text(model, "safetensors") ?? throw new InvalidOperationException($"{name} names no model file");
        var files = new AdditionalText[] { new ModelFileText(Path.Combine(directory, file)) };
        string typeName = "Parity." + Identifier(name);
        string source = onnx is not null ? OnnxDeclaration(name, onnx) : WeightsDeclaration(model, name, file);

        if (Text(model, "error") is { } error)
        {
            var errors = ImportHarness.Errors(source, files);
            Assert.True(errors.Any(e => e.Contains(error, StringComparison.Ordinal)), $"{name}: expected an error containing '{error}', got [{string.Join(" | ", errors)}]");
            return;
        }
        var network = ImportHarness.Create(source, typeName, files);
        int batch = model.GetProperty("batch").GetInt32();
        var input = Floats(model, "input");
        var expected = Floats(model, "expected");
        if (Text(model, "output") == "LogSoftmax") expected = expected.Select(v => (float)Math.Exp(v)).ToArray();
        var predicted = new float[expected.Length];
        network.Predict(input, predicted, batch);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(predicted[i] - expected[i]) <= Tolerance, $"{name} output {i}: NetGen {predicted[i]:R}, reference {expected[i]:R}");
        // The parity figure the closing notes and docs/IMPORT.md quote, per model.
        output.WriteLine($"{folder}/{name}: max |NetGen − reference| = {expected.Select((e, i) => Math.Abs(predicted[i] - e)).Max():E2} over {expected.Length} outputs");
    }

    private static string OnnxDeclaration(string name, string file) => $$"""
        using NetGen;
        namespace Parity;
        [OnnxModel("{{file}}")]
        public partial class {{Identifier(name)}};
        """;

    /// <summary>The attribute-declared twin the manifest describes, with [Weights] on its file.</summary>
    private static string WeightsDeclaration(JsonElement model, string name, string file)
    {
        string loss = Text(model, "output") switch
        {
            "Softmax" or "LogSoftmax" => "SoftmaxCrossEntropy",
            "Sigmoid" => "BinaryCrossEntropy",
            _ => "MeanSquaredError",
        };
        var source = new StringBuilder("using NetGen;\nnamespace Parity;\n");
        source.Append(CultureInfo.InvariantCulture, $"[Network(Inputs = {model.GetProperty("inputs").GetInt32()}, Loss = Loss.{loss}, Seed = 1)]\n");
        var layers = model.GetProperty("layers").EnumerateArray().ToList();
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            bool output = i == layers.Count - 1;
            string activation = output && loss != "MeanSquaredError" ? "" : ", Act." + layer.GetProperty("activation").GetString();
            string alpha = layer.TryGetProperty("alpha", out var a) && a.ValueKind == JsonValueKind.Number && a.GetDouble() != 0 && activation.Length > 0
                && layer.GetProperty("activation").GetString() is "LeakyRelu" or "Elu"
                ? ", Alpha = " + a.GetDouble().ToString("R", CultureInfo.InvariantCulture) : "";
            source.Append(CultureInfo.InvariantCulture, $"[Dense({layer.GetProperty("units").GetInt32()}{activation}{alpha}, UseBias = {(layer.GetProperty("bias").GetBoolean() ? "true" : "false")})]\n");
            if (Text(layer, "batchnorm") is { } placement)
            {
                string where = placement == "before" ? "BeforeActivation" : "AfterActivation";
                double epsilon = layer.GetProperty("epsilon").GetDouble();
                source.Append(CultureInfo.InvariantCulture, $"[BatchNorm(Placement = BatchNormPlacement.{where}, Epsilon = {epsilon.ToString("R", CultureInfo.InvariantCulture)})]\n");
            }
        }
        source.Append(CultureInfo.InvariantCulture, $"[Weights(\"{file}\")]\npublic partial class {Identifier(name)};\n");
        return source.ToString();
    }

    private static string? Text(JsonElement element, string property)
        => element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static float[] Floats(JsonElement model, string property)
        => model.GetProperty(property).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    private static string Identifier(string name)
        => "M_" + new string(name.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
}
