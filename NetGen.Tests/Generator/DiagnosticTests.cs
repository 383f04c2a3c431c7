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
        [Dense([|0|], Act.Relu)]
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
        [Dense(8, Act.Relu)]
        [Dense(3, [|Act.Relu|])]
        public partial class ReluOutputForClasses;
        """)]
    [InlineData("NG0006", """
        using NetGen;
        [Network(Inputs = 4, Loss = Loss.MeanSquaredError)]
        [Dense(8, Act.Relu)]
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
    public void Reports_the_id_at_the_exact_span(string id, string markedSource)
    {
        var (source, span) = Unmark(markedSource);
        var run = GeneratorHarness.Run(source);

        // Exactly one diagnostic at the marked span, and no follow-up errors of other IDs.
        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == id && d.Location.SourceSpan == span);
        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal(id, d.Id));
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("docs/diagnostics/" + id + ".md", diagnostic.Descriptor.HelpLinkUri);
        // Bad input is a diagnostic and no output, never a half-written network.
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void Every_descriptor_has_a_documentation_page_and_a_release_entry()
    {
        var root = System.IO.Path.GetDirectoryName(GoldenFileTests.GoldenDirectory())!;
        root = System.IO.Path.GetDirectoryName(root)!;
        string releases = System.IO.File.ReadAllText(System.IO.Path.Combine(root, "NetGen.Generator", "AnalyzerReleases.Unshipped.md"));
        var ids = Enumerable.Range(1, 11).Select(i => $"NG{i:0000}");
        foreach (var id in ids)
        {
            Assert.True(System.IO.File.Exists(System.IO.Path.Combine(root, "docs", "diagnostics", id + ".md")), $"docs/diagnostics/{id}.md is missing");
            Assert.Contains(id + " |", releases);
        }
    }

    private static (string Source, TextSpan Span) Unmark(string marked)
    {
        int start = marked.IndexOf("[|", System.StringComparison.Ordinal);
        int end = marked.IndexOf("|]", System.StringComparison.Ordinal);
        string source = marked.Remove(end, 2).Remove(start, 2);
        return (source, TextSpan.FromBounds(start, end - 2));
    }
}
