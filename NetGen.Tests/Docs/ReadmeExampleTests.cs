using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Tests.Generator;
using Xunit;

namespace NetGen.Tests.Docs;

/// <summary>
/// The README's example is compiled, as a user's console program, through the real generator against the real
/// runtime on every test run, so the README cannot drift from the API: a renamed member or a changed attribute
/// fails here, not in a new user's first build.
/// </summary>
public class ReadmeExampleTests
{
    [Fact]
    public void The_readme_example_compiles_as_a_program_without_errors_or_warnings()
    {
        var blocks = ExampleBlocks();
        Assert.True(blocks.Length >= 1, "README.md's '## Example' section has no ```csharp block.");

        // The first block is a whole program (top-level statements and the network); later ones declare networks.
        Assert.Contains("Trainer.Fit", blocks[0]);
        AssertCompiles(blocks[0], OutputKind.ConsoleApplication);
        foreach (var block in blocks.Skip(1)) AssertCompiles(block, OutputKind.DynamicallyLinkedLibrary);
    }

    [Fact]
    public void The_readme_example_keeps_the_honest_protocol()
    {
        string program = ExampleBlocks()[0];
        // Validation comes out of the training data; the test split never feeds training or early stopping.
        Assert.Contains("ValidationInputs = validation.Features", program);
        Assert.DoesNotContain("ValidationInputs = test", program);
        Assert.Contains("EarlyStopping", program);
        Assert.Contains("[Normalization]", program);
        Assert.Contains(".Adapt(train.Features)", program);
        Assert.Contains(".Summary()", program);
        Assert.Contains(".PredictClasses(test.Features)", program);
        Assert.Single(Regex.Matches(program, @"\btest\.Features\b"));
    }

    private static void AssertCompiles(string source, OutputKind kind)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var tree = CSharpSyntaxTree.ParseText(source, parse, "README.md");
        var references = Basic.Reference.Assemblies.Net100.References.All
            .Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(INetwork).Assembly.Location));
        var compilation = CSharpCompilation.Create("ReadmeExample", new[] { tree }, references,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));
        var result = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver());

        var problems = result.GeneratorDiagnostics.Concat(result.CompilationDiagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToArray();
        Assert.True(problems.Length == 0, "README.md's example does not compile cleanly:\n" + string.Join("\n", problems) + "\n\n" + source);
        Assert.NotEmpty(result.Sources);
    }

    /// <summary>The ```csharp blocks of README.md's "## Example" section, in order.</summary>
    private static string[] ExampleBlocks()
    {
        string readme = File.ReadAllText(FindReadme()).Replace("\r\n", "\n");
        int start = readme.IndexOf("\n## Example\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Example' section.");
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        string section = end < 0 ? readme.Substring(start) : readme.Substring(start, end - start);
        return Regex.Matches(section, "```csharp\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToArray();
    }

    private static string FindReadme()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "README.md");
            if (File.Exists(candidate) && File.Exists(Path.Combine(directory.FullName, "NetGen.sln"))) return candidate;
        }
        throw new FileNotFoundException("README.md beside NetGen.sln was not found above " + AppContext.BaseDirectory);
    }
}
