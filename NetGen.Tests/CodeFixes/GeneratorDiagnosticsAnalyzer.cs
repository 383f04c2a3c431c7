using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generator;

namespace NetGen.Tests.CodeFixes;

/// <summary>
/// Test-only bridge: the code-fix test framework asks an analyzer for diagnostics, while NetGen's come
/// from its generator. This analyzer runs the real generator over the compilation and reports what it
/// reports, so the fixes are tested against the generator's own diagnostics and locations.
/// </summary>
// RS1036/RS1038/RS1041 guard analyzers shipped to compilers; this one only ever runs inside the test framework.
#pragma warning disable RS1036, RS1038, RS1041
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GeneratorDiagnosticsAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1036, RS1038, RS1041
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = typeof(NetworkGenerator).Assembly
        .GetType("NetGen.Generator.Diagnostics.DiagnosticDescriptors")!
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        // Per tree (a "local" diagnostic, as code fixes require): run the generator over the
        // compilation and report what it says about this tree.
        context.RegisterSemanticModelAction(modelContext =>
        {
            var compilation = modelContext.SemanticModel.Compilation;
            var driver = CSharpGeneratorDriver.Create(new NetworkGenerator());
            var result = driver.RunGenerators(compilation, modelContext.CancellationToken).GetRunResult();
            // The generator reports inside the compilation's trees, so each diagnostic belongs to one of them.
            foreach (var diagnostic in result.Diagnostics)
                if (diagnostic.Location.SourceTree == modelContext.SemanticModel.SyntaxTree) modelContext.ReportDiagnostic(diagnostic);
        });
    }
}
