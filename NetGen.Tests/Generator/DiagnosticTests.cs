using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace NetGen.Tests.Generator;

/// <summary>One test per diagnostic ID: the ID, the exact span marked [| |] in the source, and no other ID alongside.</summary>
public class DiagnosticTests
{
    [Theory]
    [InlineData("NG0001", """
        using NetGen;
        [Network(Inputs = 4)] [Layers(2)]
        public class [|Plain|];
        """)]
    [InlineData("NG0001", """
        using NetGen;
        public class [|Outer|]
        {
            [Network(Inputs = 4)] [Layers(2)]
            public partial class Inner;
        }
        """)]
    [InlineData("NG0002", """
        using NetGen;
        [[|Network(Loss = Loss.MeanSquaredError)|]] [Layers(2)]
        public partial class NoInputs;
        """)]
    [InlineData("NG0003", """
        using NetGen;
        [Network([|Inputs = 0|])] [Layers(2)]
        public partial class ZeroInputs;
        """)]
    [InlineData("NG0003", """
        using NetGen;
        [Network(Inputs = 4)] [Layers(8, [|-3|], 2)]
        public partial class NegativeLayer;
        """)]
    [InlineData("NG0003", """
        using NetGen;
        [Network(Inputs = 4)] [Layers(new[] { 8, [|0|], 2 })]
        public partial class ZeroInArray;
        """)]
    [InlineData("NG0003", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8)]
        [Dense([|0|], Act.Relu, Init.HeNormal)]
        [Dense(1)]
        public partial class ZeroDense;
        """)]
    [InlineData("NG0004", """
        using NetGen;
        [Network(Inputs = 4)]
        public partial class [|Empty|];
        """)]
    [InlineData("NG0005", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, [|Act.Softmax|])]
        [Dense(1)]
        public partial class SoftmaxHidden;
        """)]
    [InlineData("NG0005", """
        using NetGen;
        [Network(Inputs = 4, Loss = Loss.SoftmaxCrossEntropy)]
        [Layers(8, 3)]
        [Activation([|Act.Softmax|])]
        public partial class SoftmaxNetworkWide;
        """)]
    [InlineData("NG0005", """
        using NetGen;
        [Network(Inputs = 4, Loss = Loss.SoftmaxCrossEntropy)]
        [Layers(8, 8, 8, 3)]
        [Activation([|Act.Softmax|])]
        public partial class SoftmaxInheritedByThreeLayers;
        """)]
    [InlineData("NG0006", """
        using NetGen;
        [Network(Inputs = 4, Loss = Loss.SoftmaxCrossEntropy)]
        [Dense(8, Act.Relu, Init.HeNormal)]
        [Dense(3, [|Act.Relu|])]
        public partial class ReluOutputForClasses;
        """)]
    [InlineData("NG0006", """
        using NetGen;
        [Network(Inputs = 4, Loss = Loss.MeanSquaredError)]
        [Dense(8, Act.Relu, Init.HeNormal)]
        [Dense(3, [|Act.Softmax|])]
        public partial class SoftmaxRegression;
        """)]
    [InlineData("NG0007", """
        using NetGen;
        [Network(Inputs = 4)]
        [[|Layers(8, 1)|]]
        [Dense(8)]
        public partial class Mixed;
        """)]
    [InlineData("NG0008", """
        using NetGen;
        [Network(Inputs = 4)] [Layers(1)]
        public partial class [|Generic|]<T>;
        """)]
    [InlineData("NG0009", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, [|(Act)42|])]
        [Dense(1)]
        public partial class UndefinedActivation;
        """)]
    [InlineData("NG0009", """
        using NetGen;
        [Network(Inputs = 4, Loss = Loss.SoftmaxCrossEntropy)]
        [Dense(8)]
        [Dense(3, [|(Act)42|])]
        public partial class UndefinedOutputActivation;
        """)]
    [InlineData("NG0003", """
        using NetGen;
        [Network(Inputs = 4)] [Layers(-100000, [|-100000|], 1)]
        public partial class TwoNegativeSizes;
        """)]
    [InlineData("NG0010", """
        using NetGen;
        [Network(Inputs = 4)]
        [[|Dense(8, Act.Relu, "not an initializer")|]]
        [Dense(1)]
        public partial class BrokenAttribute;
        """)]
    [InlineData("NG0011", """
        using NetGen;
        [Network(Inputs = 100000)]
        [Layers([|100000|], 1)]
        public partial class Huge;
        """)]
    [InlineData("NG0012", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, Act.Relu, Init.HeNormal)]
        [Dense(1)]
        [[|BatchNorm|]]
        public partial class NormalizedOutput;
        """)]
    [InlineData("NG0012", """
        using NetGen;
        [Network(Inputs = 4, Loss = Loss.SoftmaxCrossEntropy)]
        [Layers(3)]
        [[|Dropout(0.1)|]]
        public partial class DroppedOutputCompact;
        """)]
    [InlineData("NG0013", """
        using NetGen;
        [Network(Inputs = 4)]
        [[|BatchNorm|]]
        [Dense(8, Act.Relu, Init.HeNormal)]
        [Dense(1)]
        public partial class NormalizedNothing;
        """)]
    [InlineData("NG0014", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, Act.Relu, Init.HeNormal)]
        [BatchNorm([|Momentum = 1.0|])]
        [Dense(1)]
        public partial class MomentumOne;
        """)]
    [InlineData("NG0014", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, Act.Relu, Init.HeNormal)]
        [BatchNorm([|Epsilon = 0|])]
        [Dense(1)]
        public partial class EpsilonZero;
        """)]
    [InlineData("NG0014", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, Act.Relu, Init.HeNormal)]
        [Dropout([|1.0|])]
        [Dense(1)]
        public partial class DropEverything;
        """)]
    [InlineData("NG0014", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, Act.Relu, Init.HeNormal, [|L2 = -0.1|])]
        [Dense(1)]
        public partial class NegativeL2;
        """)]
    [InlineData("NG0014", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, Act.LeakyRelu, Init.HeNormal, [|Alpha = -0.5|])]
        [Dense(1)]
        public partial class NegativeDenseAlpha;
        """)]
    [InlineData("NG0014", """
        using NetGen;
        [Network(Inputs = 4)]
        [Layers(8, 1)]
        [Activation(Act.LeakyRelu, [|Alpha = -0.5|])]
        [Initializer(Init.HeNormal)]
        public partial class NegativeNetworkAlpha;
        """)]
    [InlineData("NG0014", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, Act.Relu, Init.HeNormal, [|MaxNorm = -1|])]
        [Dense(1)]
        public partial class NegativeMaxNorm;
        """)]
    [InlineData("NG0015", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, Act.Relu, Init.HeNormal)]
        [BatchNorm]
        [[|BatchNorm|]]
        [Dense(1)]
        public partial class NormalizedTwice;
        """)]
    [InlineData("NG0015", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, Act.Relu, Init.HeNormal)]
        [Dropout(0.1)]
        [[|AlphaDropout(0.1)|]]
        [Dense(1)]
        public partial class DroppedTwice;
        """)]
    [InlineData("NG0015", """
        using NetGen;
        [Network(Inputs = 4)]
        [Layers(8, 1)]
        [BatchNorm]
        [[|BatchNorm|]]
        public partial class NormalizedTwiceCompact;
        """)]
    [InlineData("NG0016", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, Act.Relu, Init.HeNormal, [|UseBias = true|])]
        [BatchNorm]
        [Dense(1)]
        public partial class BiasedNormalized;
        """)]
    [InlineData("NG0014", """
        using NetGen;
        [Network(Inputs = 4)]
        [Layers(8, 8, 1)]
        [Dropout([|1.0|])]
        public partial class CompactRateReportedOnce;
        """)]
    [InlineData("NG0015", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, Act.Relu, Init.HeNormal)]
        [BatchNorm(Placement = BatchNormPlacement.None)]
        [[|BatchNorm|]]
        [Dense(1)]
        public partial class DisabledThenNormalized;
        """)]
    [InlineData("NG0016", """
        using NetGen;
        [Network(Inputs = 4)]
        [Layers(8, 8, 1, [|UseBias = true|])]
        [BatchNorm]
        public partial class CompactBiasReportedOnce;
        """)]
    [InlineData("NG0017", """
        using NetGen;
        [Network(Inputs = 4, Loss = Loss.SoftmaxCrossEntropy)]
        [Layers(8, [|1|])]
        public partial class OneClass;
        """)]
    [InlineData("NG0017", """
        using NetGen;
        [Network(Inputs = 4, Loss = Loss.CategoricalCrossEntropy)]
        [Dense(8, Act.Relu, Init.HeNormal)]
        [Dense([|1|])]
        public partial class OneHotOneClass;
        """)]
    [InlineData("NG0018", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, Act.Relu, Init.HeNormal)]
        public partial class Split;
        [[|Dense(1)|]]
        public partial class Split;
        """)]
    [InlineData("NG0018", """
        using NetGen;
        [[|Dense(8, Act.Relu, Init.HeNormal)|]]
        [Dense(1)]
        public partial class LayersBeforeNetwork;
        [Network(Inputs = 4)]
        public partial class LayersBeforeNetwork;
        """)]
    [InlineData("NG0019", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, [|Act.Selu|])]
        [Dense(1)]
        public partial class SeluDefaultKernels;
        """)]
    [InlineData("NG0019", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, Act.Selu, [|Init.HeNormal|])]
        [Dense(1)]
        public partial class SeluHeKernels;
        """)]
    [InlineData("NG0019", """
        using NetGen;
        [Network(Inputs = 4)]
        [Layers(8, 8, 8, 1)]
        [Activation(Act.Selu)]
        [Initializer([|Init.GlorotNormal|])]
        public partial class SeluCompactReportedOnce;
        """)]
    [InlineData("NG0020", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, Act.Selu, Init.LeCunNormal)]
        [[|BatchNorm|]]
        [Dense(1)]
        public partial class SeluNormalized;
        """)]
    [InlineData("NG0020", """
        using NetGen;
        [Network(Inputs = 4)]
        [Layers(8, 8, 1)]
        [Activation(Act.Selu)]
        [Initializer(Init.LeCunNormal)]
        [[|BatchNorm(Placement = BatchNormPlacement.AfterActivation)|]]
        public partial class SeluNormalizedCompact;
        """)]
    [InlineData("NG0021", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, Act.Selu, Init.LeCunNormal)]
        [[|Dropout(0.1)|]]
        [Dense(1)]
        public partial class SeluPlainDropout;
        """)]
    [InlineData("NG0022", """
        using NetGen;
        [Network(Inputs = 4)]
        [Layers(16, 16, 16, 16, 16, 1)]
        [Activation([|Act.Tanh|])]
        public partial class DeepTanhWithoutBatchNorm;
        """)]
    [InlineData("NG0022", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, Act.Tanh)] [BatchNorm]
        [Dense(8, Act.Tanh)] [BatchNorm]
        [Dense(8, [|Act.Sigmoid|], Init.RandomNormal, StdDev = 1.0)] [BatchNorm]
        [Dense(8, Act.Sigmoid)] [BatchNorm]
        [Dense(8, Act.Tanh)] [BatchNorm]
        [Dense(1)]
        public partial class DeepSaturatingNaiveKernels;
        """)]
    [InlineData("NG0023", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, [|Act.Relu|])]
        [Dense(1)]
        public partial class ReluDefaultKernels;
        """)]
    [InlineData("NG0023", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, Act.Elu, [|Init.LeCunNormal|])]
        [Dense(1)]
        public partial class EluLeCunKernels;
        """)]
    [InlineData("NG0023", """
        using NetGen;
        [Network(Inputs = 4)]
        [Layers(8, 8, 8, 1)]
        [Activation([|Act.Gelu|])]
        public partial class GeluCompactReportedOnce;
        """)]
    [InlineData("NG0023", """
        using NetGen;
        [Network(Inputs = 4)]
        [Initializer([|Init.GlorotNormal|])]
        [Dense(8, Act.Relu)]
        [Dense(8, Act.Silu)]
        [Dense(1)]
        public partial class NetworkWideGlorotForRelu;
        """)]
    [InlineData("NG0024", """
        using NetGen;
        [Network(Inputs = 4)] [Layers(2)]
        public static partial class [|StaticNet|];
        """)]
    [InlineData("NG0024", """
        using NetGen;
        [Network(Inputs = 4)] [Layers(2)]
        public partial record [|RecordNet|];
        """)]
    [InlineData("NG0014", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, Act.LeakyRelu, Init.HeNormal, [|Alpha = 1e39|])]
        [Dense(1)]
        public partial class InfiniteAlpha;
        """)]
    [InlineData("NG0014", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, Act.Relu, Init.Constant, [|Value = double.NaN|])]
        [Dense(1)]
        public partial class NaNConstant;
        """)]
    [InlineData("NG0014", """
        using NetGen;
        [Network(Inputs = 4)]
        [Dense(8, Act.Relu, Init.HeNormal)]
        [Dropout([|0.99999999999|])]
        [Dense(1)]
        public partial class RateRoundsToOne;
        """)]
    [InlineData("NG0004", """
        using NetGen;
        [Network(Inputs = 4)]
        [[|Layers()|]]
        public partial class EmptyLayers;
        """)]
    [InlineData("NG0040", """
        using NetGen;
        [Network(Inputs = 4)]
        [Normalization([|Axis = 0|])]
        [Layers(8, 1)]
        public partial class Scaled;
        """)]
    [InlineData("NG0028", """
        using NetGen;
        [Network(Inputs = 1)]
        [Layers([|200000000|])]
        public partial class WideTransposed;
        """)]
    [InlineData("NG0011", """
        using NetGen;
        [Network([|Inputs = int.MaxValue|])]
        [Layers(4)]
        public partial class HugeInputs;
        """)]
    [InlineData("NG0025", """
        using NetGen;
        [Network(Inputs = 4)] [Layers(2)]
        public partial class UninitializedNet
        {
            public [|UninitializedNet|]() { MaxThreads = 1; }
        }
        """)]
    [InlineData("NG0025", """
        using NetGen;
        [Network(Inputs = 4)] [Layers(2)]
        public partial class PrimaryNet[|(int threads)|];
        """)]
    [InlineData("NG0026", """
        using NetGen;
        [Network(Inputs = 4)] [Layers(2)]
        file partial class [|FileNet|];
        """)]
    [InlineData("NG0027", """
        using NetGen;
        [Network(Inputs = 4)] [Layers(2)]
        public partial class [|Gradients|];
        """)]
    [InlineData("NG0027", """
        using NetGen;
        [Network(Inputs = 4)] [Layers(2)]
        public partial class MemberClash
        {
            public int [|InputSize|] => 4;
            public void Predict(float[] input) { }
        }
        """)]
    public void Reports_the_id_at_the_exact_span(string id, string markedSource)
    {
        var (source, span) = Unmark(markedSource);
        var run = GeneratorHarness.Run(source);

        // Exactly one diagnostic at the marked span, and no follow-up diagnostics of other IDs.
        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == id && d.Location.SourceSpan == span);
        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal(id, d.Id));
        // The severity is the descriptor's, and the descriptor is the one declared for the ID.
        var descriptor = Assert.Single(Descriptors(), d => d.Id == id);
        Assert.Equal(descriptor.DefaultSeverity, diagnostic.Descriptor.DefaultSeverity);
        Assert.Equal(diagnostic.Descriptor.DefaultSeverity, diagnostic.Severity);
        Assert.Equal("docs/diagnostics/" + id + ".md", diagnostic.Descriptor.HelpLinkUri);
        if (diagnostic.Severity == DiagnosticSeverity.Error)
        {
            // Bad input is a diagnostic and no output, never a half-written network.
            Assert.Empty(run.Sources);
        }
        else
        {
            // Advice does not stop the network: it is generated, and the result compiles.
            Assert.NotEmpty(run.Sources);
            Assert.DoesNotContain(run.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        }
    }

    [Theory]
    [InlineData("[Dropout(0.1)]", "[AlphaDropout(0.1)]", "Layer 0 already has [Dropout]")]
    [InlineData("[AlphaDropout(0.1)]", "[Dropout(0.1)]", "Layer 0 already has [AlphaDropout]")]
    public void A_duplicate_names_the_attribute_already_there(string first, string second, string expected)
    {
        var run = GeneratorHarness.Run($"using NetGen;\n[Network(Inputs = 4)]\n[Dense(8, Act.Relu, Init.HeNormal)]\n{first}\n{second}\n[Dense(1)]\npublic partial class Twice;\n");
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("NG0015", diagnostic.Id);
        Assert.StartsWith(expected, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("[Layers(8, 8, 8, 1)] [Activation(Act.Gelu)]", "Layers 0, 1 and 2: Gelu with GlorotUniform (the default) kernels;")]
    [InlineData("[Initializer(Init.LeCunUniform)] [Dense(8, Act.Relu)] [Dense(8, Act.Silu)] [Dense(1)]", "Layers 0 and 1: Relu/Silu with LeCunUniform kernels;")]
    [InlineData("[Dense(8, Act.Selu, Init.HeUniform)] [Dense(1)]", "Layer 0: SELU with HeUniform kernels;")]
    [InlineData("[Layers(8, 8, 8, 8, 8, 1)] [Activation(Act.Sigmoid)]", "5 Sigmoid/Tanh hidden layers without batch normalization:")]
    public void Advice_names_the_layers_and_the_choice(string layers, string expected)
    {
        var run = GeneratorHarness.Run($"using NetGen;\n[Network(Inputs = 4)]\n{layers}\npublic partial class Advised;\n");
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.StartsWith(expected, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("[Layers(128, 128, 10)] [Activation(Act.Relu)] [Initializer(Init.HeNormal)]")]
    [InlineData("[Dense(8, Act.Selu, Init.LeCunNormal)] [AlphaDropout(0.1)] [Dense(8, Act.Selu, Init.VarianceScaling, Distribution = Distribution.UntruncatedNormal)] [Dense(1)]")]
    [InlineData("[Layers(16, 16, 16, 16, 1)] [Activation(Act.Tanh)]")]
    [InlineData("[Layers(16, 16, 16, 16, 16, 1)] [Activation(Act.Tanh)] [BatchNorm]")]
    [InlineData("[Dense(8, Act.Relu, Init.HeNormal)] [BatchNorm] [Dense(8, Act.Selu, Init.LeCunNormal)] [Dense(1, Act.Relu)]")]
    public void Advised_networks_get_no_advice(string layers)
    {
        var run = GeneratorHarness.Run($"using NetGen;\n[Network(Inputs = 4)]\n{layers}\npublic partial class Advised;\n");
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.NotEmpty(run.Sources);
    }

    [Theory]
    [InlineData("[Network(Inputs = 4)] [Layers(8, 1)] [Activation(Act.Tanh)] [Activation(Act.Sigmoid)] public partial class Twice;")]
    [InlineData("[Network(Inputs = 4)] [Layers(8, 1)] [Layers(4, 1)] public partial class Twice;")]
    [InlineData("[Network(Inputs = 4)] [Layers(8, 1)] [Initializer(Init.HeNormal)] public partial class Twice; [Initializer(Init.GlorotNormal)] public partial class Twice;")]
    public void A_duplicate_network_wide_attribute_is_the_compilers_CS0579(string declarations)
    {
        // [Network], [Layers], [Activation], [Initializer] and [Regularization] are AllowMultiple = false,
        // so the compiler reports a second one, across partial declarations too (where NG0018 also applies);
        // NetGen has no duplicate ID of its own for them.
        var run = GeneratorHarness.Run("using NetGen;\n" + declarations + "\n");
        Assert.Contains(run.CompilationDiagnostics, d => d.Id == "CS0579");
    }

    [Theory]
    [InlineData("[Network(Inputs = int.MaxValue)] [Layers(4)]", "'Net' would hold 8589934592 parameters once layer 0 (2147483647 inputs × 4 units) is added; a network holds at most 2,147,483,647: reduce Inputs")]
    [InlineData("[Network(Inputs = 100000)] [Layers(100000, 1)]", "'Net' would hold 10000100000 parameters once layer 0 (100000 inputs × 100000 units) is added; a network holds at most 2,147,483,647: reduce the layer sizes")]
    [InlineData("[Network(Inputs = 4)] [Layers(8, 65536, 65536, 1)]", "'Net' would hold 4295622696 parameters once layer 2 (65536 inputs × 65536 units) is added; a network holds at most 2,147,483,647: reduce the layer sizes")]
    public void Too_many_parameters_says_which_layer_and_what_to_reduce(string declaration, string expected)
    {
        var run = GeneratorHarness.Run("using NetGen;\n" + declaration + "\npublic partial class Net;\n");
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(expected, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Every_descriptor_has_a_documentation_page_and_a_release_entry()
    {
        var root = System.IO.Path.GetDirectoryName(GoldenFileTests.GoldenDirectory())!;
        root = System.IO.Path.GetDirectoryName(root)!;
        string docs = System.IO.Path.Combine(root, "docs", "diagnostics");
        string index = System.IO.File.ReadAllText(System.IO.Path.Combine(docs, "README.md"));
        // Release-tracking rows: "NG0001 | NetGen.Usage | Error | notes".
        var releases = System.IO.File.ReadAllLines(System.IO.Path.Combine(root, "NetGen.Generator", "AnalyzerReleases.Unshipped.md"))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .Where(cells => cells.Length >= 3 && cells[0].StartsWith("NG", System.StringComparison.Ordinal))
            .ToList();

        var descriptors = Descriptors();
        Assert.NotEmpty(descriptors);
        // IDs are unique and numbered from NG0001. Issue 16 handed out ID ranges to work done side by side
        // (NG0040 for [Normalization]), so a branch may have a gap until the others are merged; once every range
        // is in, this can check consecutive numbering again.
        var ids = descriptors.Select(d => d.Id).OrderBy(id => id, System.StringComparer.Ordinal).ToList();
        Assert.Equal(ids.Count, ids.Distinct(System.StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^NG[0-9]{4}$", id));
        Assert.Equal(Enumerable.Range(1, 28).Select(i => $"NG{i:0000}"), ids.Take(28));

        foreach (var descriptor in descriptors)
        {
            string id = descriptor.Id;
            string severity = descriptor.DefaultSeverity.ToString();
            string page = System.IO.Path.Combine(docs, id + ".md");
            Assert.True(System.IO.File.Exists(page), $"docs/diagnostics/{id}.md is missing");
            var lines = System.IO.File.ReadAllLines(page);
            Assert.Equal($"# {id}: {descriptor.Title}", lines[0]);
            Assert.Contains($"Severity: {severity} · Category: {descriptor.Category}", lines);
            Assert.Contains($"| {id} | {severity} | {descriptor.Category} | {descriptor.Title} | [{id}.md]({id}.md) |", index);

            var release = Assert.Single(releases, cells => cells[0] == id);
            Assert.Equal(descriptor.Category, release[1]);
            Assert.Equal(severity, release[2]);
        }
        Assert.Equal(descriptors.Count, releases.Count);
    }

    /// <summary>Every public static descriptor the generator declares (the class is internal, so by reflection).</summary>
    private static System.Collections.Generic.List<DiagnosticDescriptor> Descriptors()
    {
        var type = typeof(NetGen.Generator.NetworkGenerator).Assembly.GetType("NetGen.Generator.Diagnostics.DiagnosticDescriptors", throwOnError: true)!;
        return type.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
            .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
            .ToList();
    }

    private static (string Source, TextSpan Span) Unmark(string marked)
    {
        int start = marked.IndexOf("[|", System.StringComparison.Ordinal);
        int end = marked.IndexOf("|]", System.StringComparison.Ordinal);
        string source = marked.Remove(end, 2).Remove(start, 2);
        return (source, TextSpan.FromBounds(start, end - 2));
    }
}
