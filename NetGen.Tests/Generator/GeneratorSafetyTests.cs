using System;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetGen.Tests.Generator;

/// <summary>
/// Declarations that once crashed the generator or made it emit code that compiles and is silently
/// wrong (issue 14 items 13 and 14): each now gets working code, proven by loading and running it, or an
/// NG error that says what to do.
/// </summary>
public class GeneratorSafetyTests
{
    [Fact]
    public void Networks_whose_names_differ_only_in_case_each_get_their_code()
    {
        var run = GeneratorHarness.Run("""
            using NetGen;
            namespace Digits { [Network(Inputs = 2, Seed = 1)] [Layers(1)] public partial class Net; }
            namespace digits { [Network(Inputs = 3, Seed = 1)] [Layers(1)] public partial class Net; }
            namespace DIGITS { [Network(Inputs = 4, Seed = 1)] [Layers(1)] public partial class Net; [Network(Inputs = 5, Seed = 1)] [Layers(1)] public partial class NET; }
            """);

        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "CS8785");
        Assert.Equal(4, run.Sources.Length);
        Assert.Equal(4, run.Sources.Select(s => s.HintName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain(run.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_name_alone_in_its_casing_keeps_its_plain_hint_name()
    {
        var run = GeneratorHarness.Run("""
            using NetGen;
            namespace Digits { [Network(Inputs = 2)] [Layers(1)] public partial class Net; }
            namespace digits { [Network(Inputs = 3)] [Layers(1)] public partial class Net; }
            namespace Other { [Network(Inputs = 3)] [Layers(1)] public partial class Net; }
            """);

        Assert.Contains(run.Sources, s => s.HintName == "Other.Net.g.cs");
        Assert.Equal(2, run.Sources.Count(s => s.HintName.StartsWith("Digits.Net.", StringComparison.OrdinalIgnoreCase) && s.HintName != "Digits.Net.g.cs"));
    }

    [Fact]
    public void Two_types_with_the_same_full_name_in_broken_code_do_not_crash_the_generator()
    {
        // Namespace A.B and class A.B clash (the compiler's CS0101); both networks are still read, and
        // their identical full names must not give identical hint names.
        var run = GeneratorHarness.Run("""
            using NetGen;
            namespace A.B { [Network(Inputs = 2)] [Layers(1)] public partial class C; }
            namespace A { public partial class B { [Network(Inputs = 2)] [Layers(1)] public partial class C; } }
            """);

        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "CS8785");
        Assert.Equal(2, run.Sources.Select(s => s.HintName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Keyword_and_unicode_identifiers_compile()
    {
        var run = GeneratorHarness.Run("""
            using NetGen;
            namespace @namespace.Réseaux
            {
                public partial class @class
                {
                    [Network(Inputs = 2)] [Layers(1)] public partial class @event;
                }
                [Network(Inputs = 2)] [Layers(1)] public partial class Сеть;
                [Network(Inputs = 2)] [Layers(1)] public partial class СЕТЬ;
            }
            """);

        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "CS8785");
        Assert.Equal(3, run.Sources.Length);
        Assert.DoesNotContain(run.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_constructor_that_chains_to_a_generated_one_gets_initialized_weights()
    {
        var network = Load("""
            using NetGen;
            [Network(Inputs = 3, Seed = 5)] [Layers(4, 1)]
            public partial class Net
            {
                public Net(bool singleThreaded) : this() { if (singleThreaded) MaxThreads = 1; }
            }
            """, "Net", true);

        Assert.Equal(1, network.MaxThreads);
        Assert.Contains(network.Parameters.ToArray(), weight => weight != 0f);
    }

    [Fact]
    public void A_parameterless_user_constructor_keeps_the_seeded_generated_one()
    {
        var run = GeneratorHarness.Run("""
            using NetGen;
            [Network(Inputs = 3, Seed = 5)] [Layers(4, 1)]
            public partial class Net
            {
                public Net() : this(11) { MaxThreads = 1; }
            }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.DoesNotContain(run.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var network = Instantiate(run, "Net");
        Assert.Equal(1, network.MaxThreads);
        Assert.Contains(network.Parameters.ToArray(), weight => weight != 0f);
    }

    [Fact]
    public void A_seeded_user_constructor_chaining_to_the_parameterless_one_does_not_loop()
    {
        var network = Load("""
            using NetGen;
            [Network(Inputs = 3, Seed = 5)] [Layers(4, 1)]
            public partial class Net
            {
                public Net(int threads) : this() { MaxThreads = threads; }
            }
            """, "Net", 2);

        Assert.Equal(2, network.MaxThreads);
        Assert.Contains(network.Parameters.ToArray(), weight => weight != 0f);
    }

    [Fact]
    public void A_user_constructor_that_leaves_the_weights_zero_is_an_error()
    {
        var run = GeneratorHarness.Run("""
            using NetGen;
            [Network(Inputs = 3)] [Layers(4, 1)]
            public partial class Net
            {
                public Net() { MaxThreads = 1; }
            }
            """);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("NG0025", diagnostic.Id);
        Assert.Contains(": this()", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void A_file_local_class_is_an_error_not_an_unrelated_class()
    {
        var run = GeneratorHarness.Run("""
            using NetGen;
            [Network(Inputs = 3)] [Layers(4, 1)]
            file partial class Net;
            """);

        Assert.Equal("NG0026", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Empty(run.Sources);
    }

    /// <summary>Every member name the emitter writes into a rich network (batch norm both ways, dropout, max-norm, freezing).</summary>
    public static TheoryData<string> GeneratedMemberNames()
    {
        var run = GeneratorHarness.Run(RichNetwork("RichNet"));
        var type = run.OutputCompilation.GetTypeByMetadataName("RichNet")!;
        var names = type.GetMembers()
            .Where(m => !m.IsImplicitlyDeclared && m is not IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor or MethodKind.ExplicitInterfaceImplementation or MethodKind.PropertyGet or MethodKind.PropertySet })
            .Where(m => !m.Name.Contains('.', StringComparison.Ordinal))
            .Select(m => m.Name)
            .Distinct()
            .OrderBy(n => n, StringComparer.Ordinal);
        var data = new TheoryData<string>();
        foreach (var name in names) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(GeneratedMemberNames))]
    public void A_class_named_like_a_generated_member_is_an_error_naming_it(string memberName)
    {
        var run = GeneratorHarness.Run(RichNetwork(memberName));

        var diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("NG0027", diagnostic.Id);
        Assert.Contains("'" + memberName + "'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(run.CompilationDiagnostics, d => d.Id == "CS0542");
    }

    [Fact]
    public void The_member_list_covers_a_rich_network()
        => Assert.True(GeneratedMemberNames().Cast<object[]>().Count() > 60, "the rich network should expose the emitter's members");

    private static string RichNetwork(string name) => $$"""
        using NetGen;
        [Network(Inputs = 6, Loss = Loss.SoftmaxCrossEntropy, Seed = 5)]
        [Dense(8, Act.Relu, Init.HeNormal)]
        [BatchNorm]
        [Dropout(0.2)]
        [Dense(8, Act.Tanh, L2 = 0.01, MaxNorm = 3)]
        [BatchNorm(Placement = BatchNormPlacement.AfterActivation)]
        [Dense(8, Act.Selu, Init.LeCunNormal, L1 = 0.001)]
        [AlphaDropout(0.1)]
        [Dense(3)]
        public partial class {{name}};
        """;

    /// <summary>Runs the generator, checks the result compiles, and creates the network with <paramref name="arguments"/>.</summary>
    private static INetwork Load(string source, string typeName, params object[] arguments)
    {
        var run = GeneratorHarness.Run(source);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(run.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return Instantiate(run, typeName, arguments);
    }

    private static INetwork Instantiate(GeneratorHarness.RunResult run, string typeName, params object[] arguments)
    {
        using var image = new MemoryStream();
        var emitted = run.OutputCompilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        // A collectible context per test, so the many small assemblies do not stay loaded.
        var context = new AssemblyLoadContext(typeName + Guid.NewGuid().ToString("N"), isCollectible: true);
        context.Resolving += (_, name) => name.Name == typeof(INetwork).Assembly.GetName().Name ? typeof(INetwork).Assembly : null;
        var assembly = context.LoadFromStream(image);
        var type = assembly.GetType(typeName, throwOnError: true)!;
        return (INetwork)Activator.CreateInstance(type, arguments)!;
    }
}
