using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using NetGen.CodeFixes;
using Xunit;

namespace NetGen.Tests.CodeFixes;

/// <summary>Each code fix applied to the generator's diagnostic ({|ID:span|} marks it), compared with the fixed source.</summary>
public class CodeFixTests
{
    [Fact]
    public Task The_redundant_bias_before_batch_norm_is_removed()
        => Verify<RemoveRedundantBiasCodeFix>("""
            using NetGen;
            [Network(Inputs = 4)]
            [Dense(8, Act.Relu, Init.HeNormal, {|NG0016:UseBias = true|})]
            [BatchNorm]
            [Dense(1)]
            public partial class BiasedNet;
            """, """
            using NetGen;
            [Network(Inputs = 4)]
            [Dense(8, Act.Relu, Init.HeNormal)]
            [BatchNorm]
            [Dense(1)]
            public partial class BiasedNet;
            """);

    [Fact]
    public Task The_bias_argument_of_the_compact_form_is_removed()
        => Verify<RemoveRedundantBiasCodeFix>("""
            using NetGen;
            [Network(Inputs = 4)]
            [Layers(8, 8, 1, {|NG0016:UseBias = true|})]
            [Initializer(Init.HeNormal)]
            [Activation(Act.Relu)]
            [BatchNorm]
            public partial class BiasedCompactNet;
            """, """
            using NetGen;
            [Network(Inputs = 4)]
            [Layers(8, 8, 1)]
            [Initializer(Init.HeNormal)]
            [Activation(Act.Relu)]
            [BatchNorm]
            public partial class BiasedCompactNet;
            """);

    internal static Task Verify<TFix>(string source, string fixedSource) where TFix : Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<GeneratorDiagnosticsAnalyzer, TFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            // No reference-pack download: the same in-memory .NET 10 references the generator tests use.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            // Generated sources are not part of this in-memory project, so the partial class stays "incomplete" only for the compiler's own checks.
            CompilerDiagnostics = CompilerDiagnostics.None,
            // The framework's "#pragma warning disable" pass re-runs the analyzer on wrapped code; the
            // bridged generator diagnostics are not subject to it, so that pass is skipped.
            TestBehaviors = TestBehaviors.SkipSuppressionCheck,
        };
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(INetwork).Assembly.Location));
        test.TestState.AdditionalReferences.AddRange(references);
        test.FixedState.AdditionalReferences.AddRange(references);
        return test.RunAsync();
    }
}
