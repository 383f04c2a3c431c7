using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetGen.Tests.Generator;

/// <summary>
/// Generator diagnostics are reported at locations in the user's syntax trees, so a scoped
/// <c>#pragma warning disable</c> silences them for the declarations it wraps and no others. The samples rely on
/// it: the chapter 11 experiments' deliberately advised-against networks sit in the sample project itself.
/// </summary>
public class PragmaSuppressionTests
{
    private const string Source = """
        using NetGen;

        #pragma warning disable NG0022 // on purpose, as in the samples' naive networks
        [Network(Inputs = 4)]
        [Layers(16, 16, 16, 16, 16, 1)]
        [Activation(Act.Tanh)]
        public partial class Wrapped;
        #pragma warning restore NG0022

        [Network(Inputs = 4)]
        [Layers(16, 16, 16, 16, 16, 1)]
        [Activation(Act.Tanh)]
        public partial class Unwrapped;
        """;

    [Fact]
    public void A_scoped_pragma_suppresses_NG0022_for_the_wrapped_declaration_only()
    {
        var diagnostics = DriverDiagnostics(Source).Where(d => d.Id == "NG0022").ToList();

        Assert.Equal(2, diagnostics.Count);
        var wrapped = Assert.Single(diagnostics, d => IsIn(d, "Wrapped"));
        var unwrapped = Assert.Single(diagnostics, d => IsIn(d, "Unwrapped"));
        // The compiler leaves suppressed diagnostics out of its output (unless asked to report them): what the
        // build shows is the unwrapped network's warning alone.
        Assert.True(wrapped.IsSuppressed);
        Assert.False(unwrapped.IsSuppressed);
        Assert.Equal(DiagnosticSeverity.Warning, unwrapped.Severity);
    }

    /// <summary>The generator's diagnostics as the driver hands them to the compiler, source suppressions applied.</summary>
    private static ImmutableArray<Diagnostic> DriverDiagnostics(string source)
    {
        var compilation = GeneratorHarness.Compile(source);
        var options = compilation.Options.WithReportSuppressedDiagnostics(true);
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation.WithOptions(options), out _, out var diagnostics);
        return diagnostics;
    }

    /// <summary>Whether the diagnostic lies inside the declaration of the class named <paramref name="className"/>.</summary>
    private static bool IsIn(Diagnostic diagnostic, string className)
    {
        var tree = diagnostic.Location.SourceTree!;
        var declaration = tree.GetRoot().DescendantNodes()
            .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>()
            .Single(c => c.Identifier.ValueText == className);
        return declaration.FullSpan.Contains(diagnostic.Location.SourceSpan);
    }
}
