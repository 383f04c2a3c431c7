using System;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Tests.Generator;
using Xunit;

namespace NetGen.Tests.Import;

/// <summary>Compiles a network class through a generator with model files as AdditionalFiles, loads it and creates it.</summary>
public static class ImportHarness
{
    /// <summary>The network <paramref name="typeName"/> built by the generator from <paramref name="source"/>, created with its parameterless constructor.</summary>
    public static INetwork Create(string source, string typeName, AdditionalText[] files, ISourceGenerator? generator = null)
    {
        var compilation = GeneratorHarness.Compile(source);
        var driver = generator is null
            ? GeneratorHarness.CreateDriver(files)
            : CSharpGeneratorDriver.Create(new[] { generator }, files, new CSharpParseOptions(LanguageVersion.Preview));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        // Collectible, so the many small assemblies of a fixture run do not stay loaded; NetGen.Runtime resolves to the loaded one.
        var context = new AssemblyLoadContext(typeName, isCollectible: true);
        var type = context.LoadFromStream(image).GetType(typeName, throwOnError: true)!;
        return (INetwork)Activator.CreateInstance(type)!;
    }

    /// <summary>The generator's messages for <paramref name="source"/> (errors and warnings), for tests that expect a refusal.</summary>
    public static string[] Errors(string source, AdditionalText[] files)
    {
        GeneratorHarness.CreateDriver(files).RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compile(source), out _, out var diagnostics);
        return diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id + ": " + d.GetMessage()).ToArray();
    }
}
