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

    [Fact]
    public Task A_relu_layers_glorot_kernels_become_he_normal()
        => Verify<UseAdvisedInitializerCodeFix>("""
            using NetGen;
            [Network(Inputs = 4)]
            [Dense(8, Act.Relu, {|NG0023:Init.GlorotUniform|})]
            [Dense(1)]
            public partial class ReluNet;
            """, """
            using NetGen;
            [Network(Inputs = 4)]
            [Dense(8, Act.Relu, Init.HeNormal)]
            [Dense(1)]
            public partial class ReluNet;
            """);

    [Fact]
    public Task A_defaulted_initializer_is_added_after_the_activation()
        => Verify<UseAdvisedInitializerCodeFix>("""
            using NetGen;
            [Network(Inputs = 4)]
            [Dense(8, {|NG0023:Act.Elu|}, Alpha = 0.5)]
            [Dense(1)]
            public partial class EluNet;
            """, """
            using NetGen;
            [Network(Inputs = 4)]
            [Dense(8, Act.Elu, Init.HeNormal, Alpha = 0.5)]
            [Dense(1)]
            public partial class EluNet;
            """);

    [Fact]
    public Task The_compact_form_gets_a_network_wide_initializer()
        => Verify<UseAdvisedInitializerCodeFix>("""
            using NetGen;
            [Network(Inputs = 4)]
            [Layers(8, 8, 1)]
            [Activation({|NG0023:Act.Relu|})]
            public partial class CompactReluNet;
            """, """
            using NetGen;
            [Network(Inputs = 4)]
            [Layers(8, 8, 1)]
            [Activation(Act.Relu)]
            [Initializer(Init.HeNormal)]
            public partial class CompactReluNet;
            """);

    [Fact]
    public Task A_selu_layer_gets_lecun_normal_kernels()
        => Verify<UseAdvisedInitializerCodeFix>("""
            using NetGen;
            [Network(Inputs = 4)]
            [Dense(8, Act.Selu, {|NG0019:Init.HeNormal|})]
            [Dense(1)]
            public partial class SeluNet;
            """, """
            using NetGen;
            [Network(Inputs = 4)]
            [Dense(8, Act.Selu, Init.LeCunNormal)]
            [Dense(1)]
            public partial class SeluNet;
            """);

    [Fact]
    public Task Plain_dropout_on_selu_becomes_alpha_dropout()
        => Verify<SeluDropoutCodeFixes>("""
            using NetGen;
            [Network(Inputs = 4)]
            [Dense(8, Act.Selu, Init.LeCunNormal)]
            [{|NG0021:Dropout(0.1)|}]
            [Dense(1)]
            public partial class SeluDropoutNet;
            """, """
            using NetGen;
            [Network(Inputs = 4)]
            [Dense(8, Act.Selu, Init.LeCunNormal)]
            [AlphaDropout(0.1)]
            [Dense(1)]
            public partial class SeluDropoutNet;
            """);

    [Fact]
    public Task Batch_norm_is_removed_from_a_selu_layer()
        => Verify<SeluDropoutCodeFixes>("""
            using NetGen;
            [Network(Inputs = 4)]
            [Dense(8, Act.Selu, Init.LeCunNormal)]
            [{|NG0020:BatchNorm|}]
            [Dense(1)]
            public partial class SeluNormNet;
            """, """
            using NetGen;
            [Network(Inputs = 4)]
            [Dense(8, Act.Selu, Init.LeCunNormal)]
            [Dense(1)]
            public partial class SeluNormNet;
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
