using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace NetGen.Tests.Architecture;

/// <summary>
/// The emitter names runtime and BCL types only through NetGen.Generator/Emit/RuntimeNames.cs, and
/// every runtime name in that table is a real public type: a moved or renamed type then fails here,
/// at the table, rather than in every generated network.
/// </summary>
public class RuntimeNameTableTests
{
    private static readonly string EmitDirectory = Path.Combine(PublicSurfaceTests.RepositoryRoot(), "NetGen.Generator", "Emit");
    private const string TableFile = "RuntimeNames.cs";

    [Fact]
    public void Only_the_table_writes_fully_qualified_names()
    {
        var offenders = Directory.GetFiles(EmitDirectory, "*.cs")
            .Where(path => Path.GetFileName(path) != TableFile)
            .SelectMany(path => File.ReadAllLines(path).Select((line, index) => (path, line, index)))
            .Where(entry => entry.line.Contains("global::", StringComparison.Ordinal))
            .Select(entry => $"{Path.GetFileName(entry.path)}:{entry.index + 1}")
            .ToArray();
        Assert.True(offenders.Length == 0,
            "Emit/ writes a fully qualified name outside RuntimeNames.cs; add it to the table and use it from there: " +
            string.Join(", ", offenders));
    }

    [Fact]
    public void Every_runtime_name_in_the_table_is_a_public_runtime_type()
    {
        string table = File.ReadAllText(Path.Combine(EmitDirectory, TableFile));
        string[] names = Regex.Matches(table, "\"global::(NetGen\\.[A-Za-z.]+)\"").Select(m => m.Groups[1].Value).ToArray();
        Assert.NotEmpty(names);
        var runtime = typeof(INetwork).Assembly;
        var missing = names.Where(name => runtime.GetType(name) is not { IsPublic: true }).ToArray();
        Assert.True(missing.Length == 0, "RuntimeNames.cs names types the runtime does not export: " + string.Join(", ", missing));
    }
}
