using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace NetGen.Tests.Architecture;

/// <summary>
/// The generator's stages point one way: the pipeline (NetworkGenerator.cs) calls Parsing, Validation
/// and Emit; each of them reads and writes the Models; Parsing and Validation report through
/// Diagnostics. A stage that uses another stage (or Models or Diagnostics that use a stage) fails
/// here, found in the generator's source files on disk.
/// </summary>
public class GeneratorStageTests
{
    /// <summary>For each folder of the generator, the folders its files must not use.</summary>
    internal static readonly IReadOnlyDictionary<string, string[]> Forbidden = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Parsing"] = new[] { "Validation", "Emit" },
        ["Validation"] = new[] { "Parsing", "Emit" },
        ["Emit"] = new[] { "Parsing", "Validation", "Diagnostics" },
        ["Models"] = new[] { "Parsing", "Validation", "Emit", "Diagnostics" },
        ["Diagnostics"] = new[] { "Parsing", "Validation", "Emit" },
    };

    private static readonly string[] Parts = { "Parsing", "Validation", "Emit", "Models", "Diagnostics" };

    /// <summary><c>using NetGen.Generator.X</c>, also <c>global</c>, <c>static</c> and alias forms.</summary>
    private static readonly Regex UsingDirective = new(
        @"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?:global::)?NetGen\.Generator\.(?<part>\w+)",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>
    /// A qualified name into a part: <c>NetGen.Generator.X.Name</c>, and the shorter <c>Generator.X.Name</c> and
    /// <c>X.Name</c>, which resolve too from inside the <c>NetGen.Generator</c> namespace.
    /// </summary>
    private static readonly Regex QualifiedName = new(
        @"(?<![\w.])(?:global::)?(?:NetGen\.)?(?:Generator\.)?(?<part>" + string.Join("|", Parts) + @")\.(?=[A-Za-z_])",
        RegexOptions.CultureInvariant);

    [Fact]
    public void Each_generator_stage_uses_only_the_parts_it_may()
    {
        string generator = Path.Combine(RepositoryRoot(), "NetGen.Generator");
        var violations = new List<string>();
        foreach (var (part, forbidden) in Forbidden)
        {
            var files = Directory.GetFiles(Path.Combine(generator, part), "*.cs", SearchOption.AllDirectories);
            Assert.True(files.Length > 0, $"NetGen.Generator/{part} has no source files: the test would check nothing");
            foreach (var file in files)
                foreach (var reference in ForbiddenReferences(part, File.ReadAllText(file)))
                    violations.Add($"{Path.GetRelativePath(generator, file)} uses {reference}");
        }
        Assert.True(violations.Count == 0, "Stages used against the allowed arrows (see docs/ARCHITECTURE.md):\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_pipeline_calls_every_stage_itself()
    {
        string pipeline = File.ReadAllText(Path.Combine(RepositoryRoot(), "NetGen.Generator", "NetworkGenerator.cs"));
        Assert.Equal(new[] { "Emit", "Parsing", "Validation" }, References(pipeline).Distinct().Where(p => p is "Parsing" or "Validation" or "Emit").OrderBy(p => p, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Parsing", "using NetGen.Generator.Validation;\nnamespace NetGen.Generator.Parsing { }", "Validation")]
    [InlineData("Parsing", "namespace NetGen.Generator.Parsing { class A { void M() => NetGen.Generator.Emit.NetworkEmitter.Emit(null!); } }", "Emit")]
    [InlineData("Validation", "using static NetGen.Generator.Parsing.NetworkParser;", "Parsing")]
    [InlineData("Validation", "using Reader = global::NetGen.Generator.Parsing.AttributeReader;", "Parsing")]
    [InlineData("Validation", "namespace NetGen.Generator.Validation { class A { Parsing.AttributeReader? R; } }", "Parsing")]
    [InlineData("Emit", "namespace NetGen.Generator.Emit { class A { Generator.Validation.LayerFacts? F; } }", "Validation")]
    [InlineData("Models", "using NetGen.Generator.Emit;", "Emit")]
    [InlineData("Models", "/// <see cref=\"NetGen.Generator.Diagnostics.DiagnosticBag\"/>", "Diagnostics")]
    public void A_forbidden_reference_is_found(string part, string source, string expected)
        => Assert.Contains(expected, ForbiddenReferences(part, source));

    [Theory]
    [InlineData("Parsing", "using NetGen.Generator.Models;\nusing NetGen.Generator.Diagnostics;\nnamespace NetGen.Generator.Parsing { class A { Models.LocationInfo? L; } }")]
    [InlineData("Validation", "namespace NetGen.Generator.Validation { class A { void M() => NetworkEmitter.Emit(null!); string Parsing => \"Parsing.\"; } }")]
    [InlineData("Emit", "using NetGen.Generator.Models;\n// Validation ran before this step.\nnamespace NetGen.Generator.Emit { }")]
    public void Allowed_references_pass(string part, string source)
        => Assert.Empty(ForbiddenReferences(part, source));

    /// <summary>The parts of the generator that <paramref name="source"/>, a file of <paramref name="part"/>, uses against the rules.</summary>
    internal static List<string> ForbiddenReferences(string part, string source)
        => References(source).Where(Forbidden[part].Contains).Distinct().ToList();

    /// <summary>Every part of the generator the source names through a using directive or a qualified name.</summary>
    internal static IEnumerable<string> References(string source)
        => UsingDirective.Matches(source).Concat(QualifiedName.Matches(source)).Select(match => match.Groups["part"].Value);

    /// <summary>The folder holding NetGen.sln, found by walking up from the test assembly.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "NetGen.sln"))) return directory.FullName;
        throw new InvalidOperationException("NetGen.sln not found above " + AppContext.BaseDirectory);
    }
}
