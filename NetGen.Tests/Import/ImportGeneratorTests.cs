using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NetGen.Tests.Generator;
using Xunit;

namespace NetGen.Tests.Import;

/// <summary>
/// The import front door through the real generator on in-memory source with real files as AdditionalFiles
/// items: one test per new diagnostic with its exact span, the emitted class compiling, and the caching promise
/// (an unrelated edit reads and emits nothing again; a changed model file regenerates).
/// </summary>
public class ImportGeneratorTests
{
    private const string TwoLayerNet = """
        using NetGen;
        namespace Imports;

        [Network(Inputs = 4, Loss = Loss.MeanSquaredError, Seed = 5)]
        [Dense(8, Act.Tanh)]
        [Dense(3)]
        [Weights("model.safetensors")]
        public partial class TwoLayerNet;

        public class Neighbour
        {
            public int Compute() => 1;
        }
        """;

    private static ModelFileText TwoLayerFile(string directory, float start = 0.1f)
        => ModelFileText.Safetensors(directory, "model.safetensors",
            ModelFileText.Linear("0", 4, 8, start).Concat(ModelFileText.Linear("2", 8, 3, start)).ToArray());

    private static (GeneratorDriver Driver, GeneratorRunResult Result, Compilation Output) Run(Compilation compilation, params AdditionalText[] files)
    {
        var driver = GeneratorHarness.CreateDriver(files).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        return (driver, result, output);
    }

    [Fact]
    public void A_Weights_network_compiles_with_its_weights_embedded()
    {
        var (_, result, output) = Run(GeneratorHarness.Compile(TwoLayerNet), TwoLayerFile(ModelFileText.NewDirectory()));
        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        string source = Assert.Single(result.GeneratedSources).SourceText.ToString();
        Assert.Contains("public void LoadTrainedWeights()", source, StringComparison.Ordinal);
        Assert.Contains("private static global::System.ReadOnlySpan<byte> TrainedParameters => \"", source, StringComparison.Ordinal);
        // The trained constructor does not draw parameters it then overwrites (for L, 75-80 ms of a 90 ms cold start).
        Assert.Contains("public TwoLayerNet() { InitializeAllButParameters(5); LoadTrainedWeights(); }", source, StringComparison.Ordinal);
    }

    [Theory]
    // NG0029: the file is not an AdditionalFiles item.
    [InlineData("NG0029", "[[|Weights(\"model.safetensors\")|]]", "", "'model.safetensors' is not among the files passed to the compiler")]
    // NG0030: a truncated file.
    [InlineData("NG0030", "[[|Weights(\"model.safetensors\")|]]", "truncated", "the file has 5 bytes")]
    // NG0031: a tensor of the wrong shape, naming the layer and both shapes.
    [InlineData("NG0031", "[[|Weights(\"model.safetensors\")|]]", "wrong-shape", "layer 1 (8 → 3): tensor 2.weight has shape [4, 8]; this network needs [3, 8]")]
    public void Every_Weights_diagnostic_is_on_the_attribute_with_its_message(string id, string attribute, string file, string message)
    {
        string directory = ModelFileText.NewDirectory();
        string path = Path.Combine(directory, "model.safetensors");
        var files = file switch
        {
            "truncated" => Write(path, new byte[] { 1, 2, 3, 4, 5 }),
            "wrong-shape" => new AdditionalText[]
            {
                ModelFileText.Safetensors(directory, "model.safetensors", ModelFileText.Linear("0", 4, 8, 0.1f).Concat(ModelFileText.Linear("2", 8, 4, 0.1f)).ToArray()),
            },
            _ => Array.Empty<AdditionalText>(),
        };
        var (source, span) = Unmark(TwoLayerNet.Replace("[Weights(\"model.safetensors\")]", attribute, StringComparison.Ordinal));
        var (_, result, _) = Run(GeneratorHarness.Compile(source), files);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Contains(message, diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void NG0030_an_unreadable_onnx_file_is_one_error_on_the_attribute()
    {
        var (source, span) = Unmark("""
            using NetGen;
            [[|OnnxModel("model.onnx")|]]
            public partial class FromOnnx;
            """);
        string path = Path.Combine(ModelFileText.NewDirectory(), "model.onnx");
        var (_, result, _) = Run(GeneratorHarness.Compile(source), Write(path, "this is not a protobuf message"u8.ToArray()));
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("NG0030", diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.StartsWith("'model.onnx' cannot be imported: ", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void NG0029_an_onnx_file_that_is_no_AdditionalFiles_item_says_how_to_add_it()
    {
        var (source, span) = Unmark("""
            using NetGen;
            [[|OnnxModel("models/net.onnx", Loss = Loss.MeanSquaredError)|]]
            public partial class FromOnnx;
            """);
        var (_, result, _) = Run(GeneratorHarness.Compile(source));
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("NG0029", diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Contains("add <AdditionalFiles Include=\"models/net.onnx\" />", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void NG0032_OnnxModel_beside_a_layer_attribute_is_an_error_on_that_attribute()
    {
        var (source, span) = Unmark("""
            using NetGen;
            [OnnxModel("model.onnx")]
            [[|Network(Inputs = 4)|]]
            [Layers(3)]
            public partial class Both;
            """);
        var (_, result, _) = Run(GeneratorHarness.Compile(source));
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "NG0032");
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Contains("[Network] cannot stand beside [OnnxModel] on 'Both'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_an_unrelated_class_neither_rereads_the_model_file_nor_reemits_the_network()
    {
        var compilation = GeneratorHarness.Compile(TwoLayerNet);
        var (driver, _, _) = Run(compilation, TwoLayerFile(ModelFileText.NewDirectory()));
        var edited = Edit(compilation, TwoLayerNet.Replace("public int Compute() => 1;", "public int Compute() => 2;", StringComparison.Ordinal));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in new[] { "ModelFiles", "Validate", "Spec", "HintNames" })
            AssertReasons(second, step, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Changing_the_model_file_regenerates_the_network_with_the_new_weights()
    {
        string directory = ModelFileText.NewDirectory();
        var compilation = GeneratorHarness.Compile(TwoLayerNet);
        var original = TwoLayerFile(directory);
        var (driver, first, _) = Run(compilation, original);
        string before = first.GeneratedSources.Single().SourceText.ToString();

        var changed = TwoLayerFile(directory, start: 0.5f);
        var second = driver.ReplaceAdditionalText(original, changed).RunGenerators(compilation).GetRunResult().Results.Single();

        AssertReasons(second, "ModelFiles", IncrementalStepRunReason.Modified);
        AssertReasons(second, "Spec", IncrementalStepRunReason.Modified);
        string after = second.GeneratedSources.Single().SourceText.ToString();
        Assert.NotEqual(before, after);
    }

    private static AdditionalText[] Write(string path, byte[] bytes)
    {
        File.WriteAllBytes(path, bytes);
        return new AdditionalText[] { new ModelFileText(path) };
    }

    private static Compilation Edit(CSharpCompilation compilation, string text)
    {
        var tree = compilation.SyntaxTrees[0];
        return compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(text, (CSharpParseOptions)tree.Options, tree.FilePath));
    }

    private static void AssertReasons(GeneratorRunResult run, string step, params IncrementalStepRunReason[] allowed)
    {
        Assert.True(run.TrackedSteps.ContainsKey(step), $"step {step} did not run");
        var reasons = run.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.NotEmpty(reasons);
        Assert.True(reasons.All(allowed.Contains), $"{step}: [{string.Join(", ", reasons)}], expected only [{string.Join(", ", allowed)}]");
    }

    private static (string Source, TextSpan Span) Unmark(string marked)
    {
        int start = marked.IndexOf("[|", StringComparison.Ordinal);
        int end = marked.IndexOf("|]", StringComparison.Ordinal);
        return (marked.Remove(end, 2).Remove(start, 2), TextSpan.FromBounds(start, end - 2));
    }
}
