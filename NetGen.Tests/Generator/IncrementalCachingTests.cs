using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace NetGen.Tests.Generator;

/// <summary>
/// The pipeline caches: the driver runs twice with step tracking on, and each tracked step
/// (every constant in the generator's TrackingNames) must report Cached or Unchanged after an edit
/// that does not concern the network, Modified after one that does, and keep the spec (which holds no
/// location) Cached or Unchanged when only the declaration's position moves. Step outputs must
/// compare equal across separate parses, and must hold no compiler object (symbol, syntax, location,
/// compilation, semantic model, syntax tree), which would pin a compilation in the cache.
/// </summary>
public class IncrementalCachingTests
{
    /// <summary>
    /// A network with one warning (NG0016: an explicit bias before batch normalization), so the
    /// diagnostics step has an output to follow, and a neighbour class to edit.
    /// </summary>
    private const string Source = """
        using NetGen;
        namespace Caching;

        [Network(Inputs = 4, Loss = Loss.SoftmaxCrossEntropy, Seed = 3)]
        [Layers(8, 3, UseBias = true)]
        [BatchNorm]
        public partial class CachedNet;

        public class Neighbour
        {
            public int Compute() => 1;
        }
        """;

    /// <summary>The generator's step names, read from its TrackingNames class so a new step is covered without editing this test.</summary>
    private static readonly string[] TrackedStepNames = typeof(NetGen.Generator.NetworkGenerator).Assembly
        .GetType("NetGen.Generator.TrackingNames", throwOnError: true)!
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void The_tracking_names_include_the_three_steps_these_tests_name()
        => Assert.Subset(TrackedStepNames.ToHashSet(), new HashSet<string> { "Parse", "Diagnostics", "Spec" });

    [Fact]
    public void A_rerun_on_a_clone_of_the_compilation_caches_every_step()
    {
        var compilation = GeneratorHarness.Compile(Source);
        var (first, second) = RunTwice(compilation, c => (CSharpCompilation)c.Clone());

        foreach (var step in TrackedStepNames)
        {
            Assert.Equal(OutputValues(first, step), OutputValues(second, step));
            AssertReasons(second, step, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        }
    }

    [Fact]
    public void Adding_an_unrelated_syntax_tree_leaves_every_step_cached_or_unchanged()
    {
        var compilation = GeneratorHarness.Compile(Source);
        var unrelated = CSharpSyntaxTree.ParseText("namespace Elsewhere; public class Unrelated { public int Value => 42; }",
            (CSharpParseOptions)compilation.SyntaxTrees[0].Options, "Unrelated.cs");
        var (_, second) = RunTwice(compilation, c => c.AddSyntaxTrees(unrelated));

        foreach (var step in TrackedStepNames)
            AssertReasons(second, step, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Changing_a_method_body_below_the_network_leaves_every_step_cached_or_unchanged()
    {
        var compilation = GeneratorHarness.Compile(Source);
        var (_, second) = RunTwice(compilation, c => Edit(c, Source.Replace("public int Compute() => 1;", "public int Compute() { int twice = 2 * 21; return twice; }", StringComparison.Ordinal)));

        foreach (var step in TrackedStepNames)
            AssertReasons(second, step, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Changing_a_layer_size_modifies_the_parse_and_the_spec()
    {
        var compilation = GeneratorHarness.Compile(Source);
        var (first, second) = RunTwice(compilation, c => Edit(c, Source.Replace("[Layers(8, 3,", "[Layers(16, 3,", StringComparison.Ordinal)));

        AssertReasons(second, "Parse", IncrementalStepRunReason.Modified);
        AssertReasons(second, "Spec", IncrementalStepRunReason.Modified);
        Assert.NotEqual(OutputValues(first, "Spec"), OutputValues(second, "Spec"));
    }

    [Fact]
    public void Moving_the_declaration_keeps_the_spec_and_moves_only_the_diagnostics()
    {
        var compilation = GeneratorHarness.Compile(Source);
        var (first, second) = RunTwice(compilation, c => Edit(c, Source.Replace("namespace Caching;\n", "namespace Caching;\n\n\n\n", StringComparison.Ordinal)));

        AssertReasons(second, "Spec", IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        // The warning carries its location, so it (and the parse result holding it) must follow the move.
        AssertReasons(second, "Parse", IncrementalStepRunReason.Modified);
        AssertReasons(second, "Diagnostics", IncrementalStepRunReason.Modified);
        Assert.NotEqual(OutputValues(first, "Diagnostics"), OutputValues(second, "Diagnostics"));
    }

    public static TheoryData<string> Networks() => new()
    {
        Source,
        """
        using NetGen;
        namespace Deep.Space
        {
            public partial record Outer
            {
                [Network(Inputs = 12, Loss = Loss.BinaryCrossEntropy, Seed = 5)]
                [Dense(16, Act.Relu, Init.HeNormal, L2 = 0.01)]
                [BatchNorm(Placement = BatchNormPlacement.AfterActivation, Momentum = 0.9, Center = false)]
                [Dropout(0.2)]
                [Dense(8, Act.Selu, Init.LeCunNormal, MaxNorm = 3)]
                [AlphaDropout(0.1)]
                [Dense(1)]
                internal partial class PerLayer { public PerLayer() => Initialize(1); }
            }
        }
        """,
        // Invalid on purpose: several diagnostics, no spec.
        """
        using NetGen;
        [Network(Inputs = 0, Loss = (Loss)9)]
        [Dense(-1, (Act)42)]
        [Dropout(1.5)]
        [Dense(3, Act.Softmax, Alpha = -1)]
        [BatchNorm]
        public class Broken;
        """,
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Step_outputs_hold_no_symbol_syntax_location_or_compilation(string source)
    {
        var (first, second) = RunTwice(GeneratorHarness.Compile(source), c => (CSharpCompilation)c.Clone());
        int walked = 0;
        foreach (var run in new[] { first, second })
            foreach (var step in TrackedStepNames.Where(run.TrackedSteps.ContainsKey))
                foreach (var value in OutputValues(run, step))
                {
                    ObjectGraph.AssertHoldsNoCompilerObjects(value, step);
                    walked++;
                }
        Assert.True(walked > 0, "no step output was walked");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Parsing_the_same_source_twice_gives_equal_models(string source)
    {
        // Two compilations from two separate parses: nothing is shared but the text.
        var first = Run(GeneratorHarness.Compile(source));
        var second = Run(GeneratorHarness.Compile(source));
        foreach (var step in TrackedStepNames.Where(first.TrackedSteps.ContainsKey))
        {
            var left = OutputValues(first, step);
            var right = OutputValues(second, step);
            Assert.Equal(left.Count, right.Count);
            for (int i = 0; i < left.Count; i++)
            {
                Assert.False(ReferenceEquals(left[i], right[i]) && left[i] is not null && !left[i]!.GetType().IsValueType, $"{step}[{i}]: the same instance, so equality was not tested");
                Assert.Equal(left[i], right[i]);
                Assert.Equal(left[i]!.GetHashCode(), right[i]!.GetHashCode());
            }
        }
    }

    [Fact]
    public void The_graph_walk_finds_a_location_buried_in_a_collection()
    {
        var location = GeneratorHarness.Compile(Source).SyntaxTrees[0].GetRoot().GetLocation();
        var buried = (Name: "x", Items: ImmutableArray.Create<object>(1, new List<object> { "y", location }));
        var failure = Assert.ThrowsAny<Exception>(() => ObjectGraph.AssertHoldsNoCompilerObjects(buried, "test"));
        Assert.Contains("Location", failure.Message, StringComparison.Ordinal);
    }

    private static (GeneratorRunResult First, GeneratorRunResult Second) RunTwice(CSharpCompilation compilation, Func<CSharpCompilation, CSharpCompilation> edit)
    {
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        Assert.Null(first.Exception);
        driver = driver.RunGenerators(edit(compilation));
        var second = driver.GetRunResult().Results.Single();
        Assert.Null(second.Exception);
        return (first, second);
    }

    private static GeneratorRunResult Run(CSharpCompilation compilation)
        => GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();

    /// <summary>Replaces the network's syntax tree with one parsed from <paramref name="text"/>, same path and options.</summary>
    private static CSharpCompilation Edit(CSharpCompilation compilation, string text)
    {
        var tree = compilation.SyntaxTrees[0];
        Assert.NotEqual(tree.ToString(), text);
        return compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(text, (CSharpParseOptions)tree.Options, tree.FilePath));
    }

    private static List<object?> OutputValues(GeneratorRunResult run, string step)
    {
        Assert.True(run.TrackedSteps.ContainsKey(step), $"step {step} did not run");
        return run.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => (object?)o.Value).ToList();
    }

    private static void AssertReasons(GeneratorRunResult run, string step, params IncrementalStepRunReason[] allowed)
    {
        Assert.True(run.TrackedSteps.ContainsKey(step), $"step {step} did not run");
        var reasons = run.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.NotEmpty(reasons);
        Assert.True(reasons.All(allowed.Contains), $"{step}: [{string.Join(", ", reasons)}], expected only [{string.Join(", ", allowed)}]");
    }

    /// <summary>Walks an object's fields recursively (into arrays, EquatableArray, records, tuples) looking for compiler objects.</summary>
    private static class ObjectGraph
    {
        private static readonly Type[] Banned =
        {
            typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxToken), typeof(SyntaxTrivia), typeof(SyntaxReference),
            typeof(Location), typeof(Compilation), typeof(SemanticModel), typeof(SyntaxTree),
            typeof(AttributeData), typeof(TypedConstant),
        };

        public static void AssertHoldsNoCompilerObjects(object? root, string step)
        {
            var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
            Visit(root, step);

            void Visit(object? value, string path)
            {
                if (value is null) return;
                var type = value.GetType();
                if (Banned.FirstOrDefault(b => b.IsAssignableFrom(type)) is { } banned)
                    Assert.Fail($"{path} holds a {banned.Name} ({type.FullName}): step outputs must be plain values");
                if (type.IsPrimitive || type.IsEnum || value is string or decimal) return;
                // Reflection and resources hang off descriptors' localizable strings; they are not compiler state.
                if (value is Type or MemberInfo or Assembly or Delegate or System.Resources.ResourceManager) return;
                if (!type.IsValueType && !visited.Add(value)) return;
                if (value is Array array)
                {
                    int index = 0;
                    foreach (var item in array) Visit(item, $"{path}[{index++}]");
                    return;
                }
                for (var declaring = type; declaring is not null && declaring != typeof(object); declaring = declaring.BaseType)
                    foreach (var field in declaring.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                        if (!field.FieldType.IsPointer && !field.FieldType.IsByRefLike)
                            Visit(field.GetValue(value), $"{path}.{field.Name}");
            }
        }
    }
}
