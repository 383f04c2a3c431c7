using System;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace NetGen.Tests.Architecture;

/// <summary>
/// The runtime's public surface is reviewed, not grown by accident. Users see the namespace
/// <c>NetGen</c>, whose public types are listed in PublicTypes.txt; what only generated code calls
/// lives in <c>NetGen.Generated</c>, hidden from IntelliSense; everything else is internal
/// (docs/ARCHITECTURE.md, "Public surface").
/// </summary>
public class PublicSurfaceTests
{
    private const string UserNamespace = "NetGen";
    private const string PlumbingNamespace = "NetGen.Generated";

    private static readonly Type[] Exported = typeof(INetwork).Assembly.GetExportedTypes();

    [Fact]
    public void The_user_namespace_holds_exactly_the_reviewed_types()
    {
        string[] listed = ReviewedList();
        string[] actual = Exported.Where(t => t.Namespace == UserNamespace).Select(Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();

        var added = actual.Except(listed, StringComparer.Ordinal).ToArray();
        var removed = listed.Except(actual, StringComparer.Ordinal).ToArray();
        Assert.True(added.Length == 0 && removed.Length == 0,
            "The public types of the namespace NetGen changed.\n" +
            (added.Length > 0 ? "  new, not on the list: " + string.Join(", ", added) + "\n" : "") +
            (removed.Length > 0 ? "  listed, no longer public there: " + string.Join(", ", removed) + "\n" : "") +
            "Review each: a type users write or read stays in NetGen and goes on NetGen.Tests/Architecture/PublicTypes.txt " +
            "(one full name per line, sorted ordinally); a type only generated code calls goes to NetGen.Generated with " +
            "[EditorBrowsable(EditorBrowsableState.Never)]; a type nothing outside the runtime uses becomes internal. " +
            "See docs/ARCHITECTURE.md, \"Public surface\".");
    }

    [Fact]
    public void The_reviewed_list_is_sorted_and_has_no_duplicates()
    {
        string[] listed = ReviewedList();
        Assert.Equal(listed.OrderBy(n => n, StringComparer.Ordinal).Distinct(StringComparer.Ordinal), listed);
    }

    [Fact]
    public void Every_public_type_of_the_plumbing_namespace_is_hidden_from_IntelliSense()
    {
        var plumbing = Exported.Where(t => t.Namespace == PlumbingNamespace).ToArray();
        Assert.NotEmpty(plumbing);
        var visible = plumbing
            .Where(t => t.GetCustomAttribute<EditorBrowsableAttribute>() is not { State: EditorBrowsableState.Never })
            .Select(Name)
            .ToArray();
        Assert.True(visible.Length == 0,
            "Public types in NetGen.Generated must carry [EditorBrowsable(EditorBrowsableState.Never)], so users' " +
            "IntelliSense does not offer them: " + string.Join(", ", visible));
    }

    [Fact]
    public void No_public_type_lives_outside_the_two_namespaces()
    {
        var elsewhere = Exported
            .Where(t => t.Namespace is not (UserNamespace or PlumbingNamespace))
            .Select(Name)
            .ToArray();
        Assert.True(elsewhere.Length == 0,
            "A public runtime type is either user API in NetGen (and on PublicTypes.txt) or plumbing in NetGen.Generated: " +
            string.Join(", ", elsewhere));
    }

    private static string Name(Type type) => type.FullName!;

    private static string[] ReviewedList()
        => File.ReadAllLines(Path.Combine(RepositoryRoot(), "NetGen.Tests", "Architecture", "PublicTypes.txt"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)
            .ToArray();

    /// <summary>The checkout's root (the folder holding NetGen.sln), found upwards from the test binaries.</summary>
    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NetGen.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("NetGen.sln not found above " + AppContext.BaseDirectory);
    }
}
