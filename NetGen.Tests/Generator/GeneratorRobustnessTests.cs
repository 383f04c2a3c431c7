using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Generator;

/// <summary>
/// Never-crash property test: thousands of random declarations, seeded so every failure replays,
/// run through the real generator. Three families of input:
/// <list type="bullet">
/// <item><b>valid</b>: one well-formed network in either form, with values the parser accepts;</item>
/// <item><b>invalid</b>: well-formed C# with bad values (sizes 0, negative or huge, undefined enum
/// casts, out-of-range, NaN and infinite numbers), modifiers in odd places, mixed forms, missing or
/// duplicate attributes, nested, generic, non-partial, static or record types, attributes on the
/// wrong targets;</item>
/// <item><b>broken</b>: a valid or invalid source with random tokens deleted, inserted or
/// duplicated, or cut off at a random character.</item>
/// </list>
/// The rules, for every input:
/// <list type="number">
/// <item>the generator never throws: no exception in any <c>GeneratorRunResult</c> and no CS8785
/// (generator failed) among the driver's diagnostics;</item>
/// <item>either at least one NG diagnostic of severity Error was reported, or no error diagnostic
/// lies in a generated tree (the user's own syntax and binding errors are ignored: they are the
/// input's, not the generator's). "No generated source and no NG diagnostic" satisfies this rule,
/// which is the expected outcome when a broken input no longer carries a recognizable [Network];</item>
/// <item>every NG diagnostic's span lies inside the source it points into;</item>
/// <item>for a <b>valid</b> input, additionally: exactly one source is generated, no NG diagnostic
/// of severity Error is reported, and the whole compilation (user code plus generated code) has no
/// error.</item>
/// </list>
/// A failure prints the case number, its family and the offending source.
/// <para>
/// The three generator bugs this test found first are fixed and hold no exemption here: a static
/// [Network] class (now NG0024), values not finite once emitted as floats (now NG0014), and type or
/// namespace names the parser recovered as missing (no output; the compiler reports them).
/// </para>
/// </summary>
public class GeneratorRobustnessTests(ITestOutputHelper output)
{
    private const int Seed = 20261125;
    private const int Cases = 3000;

    private enum Family
    {
        Valid,
        Invalid,
        Broken,
    }

    /// <summary>Compilation options and bound references shared by every case, so each one only adds its syntax tree.</summary>
    private static readonly CSharpCompilation BaseCompilation = GeneratorHarness.Compile("").RemoveAllSyntaxTrees();

    /// <summary>
    /// Nullable analysis only ever yields warnings, and it is a large part of binding the generated
    /// code, so it is switched off: errors are all this test looks for.
    /// </summary>
    private static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Preview)
        .WithFeatures(new[] { new KeyValuePair<string, string>("run-nullable-analysis", "never") });

    // Time spent in the generator and in compiling its output, summed over the parallel cases (wall clock per case, so it exceeds the elapsed time).
    private static long s_generatorTicks;
    private static long s_compileTicks;

    [Fact]
    public void The_generator_never_throws_and_its_output_compiles_or_is_explained_by_an_NG_error()
    {
        var master = new Random(Seed);
        var inputs = Enumerable.Range(0, Cases).Select(i => (Index: i, CaseSeed: master.Next())).ToArray();
        var failures = new ConcurrentBag<(int Index, string Failure)>();
        var families = new ConcurrentDictionary<Family, int>();
        var outcomes = new ConcurrentDictionary<string, int>();

        Parallel.ForEach(inputs, input =>
        {
            var random = new Random(input.CaseSeed);
            var (family, source) = RandomNetworks.Next(random);
            families.AddOrUpdate(family, 1, (_, n) => n + 1);
            string? failure;
            string outcome;
            try
            {
                (failure, outcome) = Check(family, source);
            }
            catch (Exception exception)
            {
                (failure, outcome) = ("the driver threw " + exception, "threw");
            }
            outcomes.AddOrUpdate(family + ": " + outcome, 1, (_, n) => n + 1);
            if (failure is not null)
                failures.Add((input.Index, $"case {input.Index} (seed {input.CaseSeed}, {family}): {failure}\n----- source -----\n{source}\n------------------"));
        });

        output.WriteLine($"generator {s_generatorTicks / (double)System.Diagnostics.Stopwatch.Frequency:F1} s, compiling its output {s_compileTicks / (double)System.Diagnostics.Stopwatch.Frequency:F1} s (summed over cases)");
        foreach (var line in outcomes.OrderBy(o => o.Key)) output.WriteLine($"{line.Key}: {line.Value}");
        var sorted = failures.OrderBy(f => f.Index).ToList();
        foreach (var failure in sorted.Take(10)) output.WriteLine(failure.Failure);
        Assert.True(sorted.Count == 0, $"{sorted.Count} of {Cases} inputs broke a rule; the first:\n{sorted.FirstOrDefault().Failure}");
        // The generator must have been exercised in every family, not only fed inputs it ignores.
        Assert.All(Enum.GetValues<Family>(), f => Assert.True(families.GetValueOrDefault(f) > Cases / 10, $"{f}: only {families.GetValueOrDefault(f)} cases"));
        Assert.True(outcomes.GetValueOrDefault("Valid: generated") > Cases / 6, "too few valid networks were generated");
        Assert.True(outcomes.Keys.Count(k => k.StartsWith("Invalid: NG", StringComparison.Ordinal)) >= 10, "invalid inputs reached too few distinct diagnostics");
    }

    /// <summary>Runs the generator over one source; returns the broken rule (or null) and a short outcome for the summary.</summary>
    private static (string? Failure, string Outcome) Check(Family family, string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, ParseOptions, "Network.cs");
        var compilation = BaseCompilation.AddSyntaxTrees(tree);
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        var driver = CSharpGeneratorDriver.Create(new[] { new NetGen.Generator.NetworkGenerator().AsSourceGenerator() }, parseOptions: ParseOptions);
        driver = (CSharpGeneratorDriver)driver.RunGeneratorsAndUpdateCompilation(compilation, out var outputCompilation, out var driverDiagnostics);
        var run = driver.GetRunResult();
        System.Threading.Interlocked.Add(ref s_generatorTicks, System.Diagnostics.Stopwatch.GetTimestamp() - start);
        start = System.Diagnostics.Stopwatch.GetTimestamp();

        // Rule 1: never throw.
        foreach (var result in run.Results)
            if (result.Exception is not null) return ("the generator threw " + result.Exception, "threw");
        if (driverDiagnostics.Concat(run.Diagnostics).FirstOrDefault(d => d.Id == "CS8785") is { } crashed)
            return ("CS8785: " + crashed.GetMessage(CultureInfo.InvariantCulture), "threw");

        var ng = run.Diagnostics.Where(d => d.Id.StartsWith("NG", StringComparison.Ordinal)).ToList();
        var ngErrors = ng.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var generatedTrees = run.GeneratedTrees;

        // Rule 3: spans inside the source.
        foreach (var diagnostic in ng)
        {
            var span = diagnostic.Location.SourceSpan;
            if (diagnostic.Location.Kind != LocationKind.None && span.End > source.Length)
                return ($"{diagnostic.Id} points past the end of the source ({span})", "bad span");
        }

        // Rule 2: generated code compiles unless an NG error explains why not. A valid input is
        // checked whole (rule 4); binding the generated trees once serves both rules.
        var errors = (family == Family.Valid
                ? outputCompilation.GetDiagnostics()
                : generatedTrees.SelectMany(t => outputCompilation.GetSemanticModel(t).GetDiagnostics()))
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .ToList();
        System.Threading.Interlocked.Add(ref s_compileTicks, System.Diagnostics.Stopwatch.GetTimestamp() - start);
        var generatedErrors = errors.Where(d => d.Location.SourceTree is { } errorTree && generatedTrees.Contains(errorTree)).ToList();
        if (generatedErrors.Count > 0 && ngErrors.Count == 0)
            return ("generated code does not compile and no NG error says why:\n  " + string.Join("\n  ", generatedErrors.Take(5).Select(Describe)), "bad output");

        // Rule 4: valid declarations generate one source that compiles with everything else.
        if (family == Family.Valid)
        {
            if (ngErrors.Count > 0) return ("a valid network got NG errors:\n  " + string.Join("\n  ", ngErrors.Select(Describe)), "rejected");
            int networks = CountOf(source, "[Network(");
            if (generatedTrees.Length != networks) return ($"{networks} valid networks generated {generatedTrees.Length} sources", "no output");
            if (errors.Count > 0) return ("a valid network does not compile:\n  " + string.Join("\n  ", errors.Take(5).Select(Describe)), "bad output");
        }

        string outcome = ng.Count > 0 ? string.Join(",", ng.Select(d => d.Id).Distinct().OrderBy(id => id))
            : generatedTrees.Length > 0 ? "generated" : "nothing";
        return (null, outcome);
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    /// <summary>The source line a diagnostic points at, trimmed ("" outside source).</summary>
    private static string LineOf(Diagnostic diagnostic)
        => diagnostic.Location.SourceTree is { } tree && diagnostic.Location.IsInSource
            ? tree.GetText().Lines[diagnostic.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim()
            : "";

    private static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        string line = LineOf(diagnostic);
        return $"{diagnostic.Id} at {span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {diagnostic.GetMessage(CultureInfo.InvariantCulture)}  | {line}";
    }

    /// <summary>Random network declarations; every choice comes from the given <see cref="Random"/>, so a case replays from its seed.</summary>
    private static class RandomNetworks
    {
        private static readonly string[] Activations = Enum.GetNames<Act>();
        private static readonly string[] HiddenActivations = Activations.Where(a => a != nameof(Act.Softmax)).ToArray();
        private static readonly string[] Initializers = Enum.GetNames<Init>();
        private static readonly string[] Losses = Enum.GetNames<Loss>();

        public static (Family Family, string Source) Next(Random random)
        {
            int roll = random.Next(100);
            // Valid outputs are the costliest to check (a whole compilation each) and the golden files
            // already cover them, so most cases are invalid or broken.
            if (roll < 20) return (Family.Valid, Valid(random));
            if (roll < 28) return (Family.Valid, ValidNames(random));
            if (roll < 70) return (Family.Invalid, Invalid(random));
            return (Family.Broken, Break(random, random.Next(2) == 0 ? Valid(random) : Invalid(random)));
        }

        // ---- valid ------------------------------------------------------------------------------

        private static string Valid(Random random)
        {
            string loss = Pick(random, Losses);
            int layerCount = random.Next(1, 6);
            var sizes = Enumerable.Range(0, layerCount).Select(_ => random.Next(1, 40)).ToArray();
            var network = new StringBuilder();
            network.Append($"[Network(Inputs = {random.Next(1, 40)}");
            if (random.Next(3) > 0) network.Append($", Loss = Loss.{loss}");
            else loss = nameof(Loss.MeanSquaredError);
            // A softmax over one unit is NG0017: valid softmax outputs have at least two.
            if (loss is nameof(Loss.SoftmaxCrossEntropy) or nameof(Loss.CategoricalCrossEntropy)) sizes[^1] = Math.Max(2, sizes[^1]);
            if (random.Next(2) == 0) network.Append($", Seed = {random.Next(int.MinValue, int.MaxValue)}");
            network.Append(")]");
            var attributes = new List<string> { network.ToString() };
            if (random.Next(2) == 0)
            {
                attributes.Add($"[Layers({string.Join(", ", sizes)}{(random.Next(4) == 0 ? $", UseBias = {Bool(random)}" : "")})]");
                if (random.Next(2) == 0) attributes.Add($"[Activation(Act.{Pick(random, HiddenActivations)}{(random.Next(3) == 0 ? $", Alpha = {Number(random, 0, 2)}" : "")})]");
                if (random.Next(2) == 0) attributes.Add($"[Initializer(Init.{Pick(random, Initializers)}{InitializerOptions(random)})]");
                if (random.Next(3) == 0) attributes.Add(ValidRegularization(random));
                if (layerCount > 1 && random.Next(3) == 0) attributes.Add(ValidBatchNorm(random));
                if (layerCount > 1 && random.Next(3) == 0) attributes.Add($"[{(random.Next(2) == 0 ? "Dropout" : "AlphaDropout")}({Number(random, 0, 0.9)})]");
            }
            else
            {
                for (int i = 0; i < layerCount; i++)
                {
                    bool isOutput = i == layerCount - 1;
                    attributes.Add(ValidDense(random, sizes[i], isOutput, loss));
                    if (isOutput) break;
                    if (random.Next(3) == 0) attributes.Add(ValidBatchNorm(random));
                    if (random.Next(3) == 0) attributes.Add($"[{(random.Next(2) == 0 ? "Dropout" : "AlphaDropout")}({Number(random, 0, 0.9)})]");
                }
                if (random.Next(4) == 0) attributes.Insert(random.Next(attributes.Count + 1), ValidRegularization(random));
            }
            return Wrap(random, attributes, "partial class", ValidBody(random), validContainers: true);
        }

        private static string ValidDense(Random random, int units, bool isOutput, string loss)
        {
            var arguments = new List<string> { units.ToString(CultureInfo.InvariantCulture) };
            string? activation = isOutput
                ? loss switch
                {
                    nameof(Loss.SoftmaxCrossEntropy) or nameof(Loss.CategoricalCrossEntropy) => nameof(Act.Softmax),
                    nameof(Loss.BinaryCrossEntropy) => nameof(Act.Sigmoid),
                    _ => Pick(random, HiddenActivations),
                }
                : Pick(random, HiddenActivations);
            if (random.Next(3) > 0)
            {
                arguments.Add("Act." + activation);
                if (random.Next(2) == 0) arguments.Add("Init." + Pick(random, Initializers) + InitializerOptions(random));
            }
            if (random.Next(4) == 0) arguments.Add($"Alpha = {Number(random, 0, 2)}");
            if (random.Next(4) == 0) arguments.Add($"UseBias = {Bool(random)}");
            if (random.Next(5) == 0) arguments.Add($"L1 = {Number(random, 0, 0.1)}");
            if (random.Next(5) == 0) arguments.Add($"L2 = {Number(random, 0, 0.1)}");
            if (random.Next(5) == 0) arguments.Add($"MaxNorm = {Number(random, 0, 5)}");
            if (random.Next(5) == 0) arguments.Add($"BiasInitializer = Init.{Pick(random, Initializers)}");
            if (random.Next(5) == 0) arguments.Add($"BiasValue = {Number(random, -1, 1)}");
            return $"[Dense({string.Join(", ", arguments)})]";
        }

        private static string InitializerOptions(Random random)
        {
            var options = new List<string>();
            if (random.Next(4) == 0) options.Add($"Scale = {Number(random, 0.1, 3)}");
            if (random.Next(4) == 0) options.Add($"Mode = FanMode.{Pick(random, Enum.GetNames<FanMode>())}");
            if (random.Next(4) == 0) options.Add($"Distribution = Distribution.{Pick(random, Enum.GetNames<Distribution>())}");
            if (random.Next(4) == 0) options.Add($"Mean = {Number(random, -1, 1)}");
            if (random.Next(4) == 0) options.Add($"StdDev = {Number(random, 0.01, 1)}");
            if (random.Next(4) == 0) options.Add($"Value = {Number(random, -1, 1)}");
            return options.Count == 0 ? "" : ", " + string.Join(", ", options);
        }

        private static string ValidBatchNorm(Random random)
        {
            var options = new List<string>();
            if (random.Next(3) == 0) options.Add($"Placement = BatchNormPlacement.{Pick(random, Enum.GetNames<BatchNormPlacement>())}");
            if (random.Next(3) == 0) options.Add($"Momentum = {Number(random, 0.01, 0.99)}");
            if (random.Next(3) == 0) options.Add($"Epsilon = {Number(random, 1e-4, 0.1)}");
            if (random.Next(4) == 0) options.Add($"Center = {Bool(random)}");
            if (random.Next(4) == 0) options.Add($"Scale = {Bool(random)}");
            return options.Count == 0 ? "[BatchNorm]" : $"[BatchNorm({string.Join(", ", options)})]";
        }

        private static string ValidRegularization(Random random)
            => $"[Regularization(L1 = {Number(random, 0, 0.1)}, L2 = {Number(random, 0, 0.1)}, MaxNorm = {Number(random, 0, 5)})]";

        private static string ValidBody(Random random) => random.Next(9) switch
        {
            0 => ";",
            1 => "{ }",
            2 => "{ public int Epochs { get; set; } = 3; private static string Describe() => \"net\"; }",
            // A user constructor initializes the parameters itself or chains to a generated one, which stays
            // emitted unless the user's takes its place.
            3 => "{ public __NAME__() => Initialize(7); }",
            4 => "{ public __NAME__(string name) => Initialize(name.Length); }",
            5 => "{ public __NAME__(bool single) : this() { if (single) MaxThreads = 1; } }",
            6 => "{ public __NAME__() : this(3) { MaxThreads = 1; } }",
            7 => "{ public __NAME__(int threads) : this() { MaxThreads = threads; } public __NAME__(long seed) : this((int)seed) { } }",
            _ => "{ public __NAME__(string name) : this(name.Length) { } }",
        };

        /// <summary>
        /// Two to four small valid networks in one source whose full names differ only in letter case, or
        /// use unicode letters or escaped keywords, in namespaces and nested in classes: every one must
        /// get its own source (hint names are compared ignoring case).
        /// </summary>
        private static string ValidNames(Random random)
        {
            // No namespace shares a name with a type in the global namespace (the compiler's CS0101 in the user's code).
            string[] namespaces = { "", "Digits", "digits", "DIGITS", "@namespace.Réseaux", "Сети", "網絡" };
            string[] containers = { "", "", "Outer", "outer", "@struct", "Ωmega" };
            string[] types = { "Net", "net", "NET", "@event", "@class", "Réseau", "RÉSEAU", "Сеть", "СЕТЬ", "网络", "Net_T_", "ǅungla", "ǄUNGLA" };
            var chosen = new HashSet<(string, string, string)>();
            int count = random.Next(2, 5);
            var source = new StringBuilder("using NetGen;\n");
            while (chosen.Count < count)
            {
                var name = (Pick(random, namespaces), Pick(random, containers), Pick(random, types));
                // A containing class and its nested network cannot share a name.
                if (name.Item2.Length > 0 && name.Item2.TrimStart('@') == name.Item3.TrimStart('@')) continue;
                chosen.Add(name);
            }
            foreach (var (space, container, type) in chosen)
            {
                string network = $"[Network(Inputs = {random.Next(1, 9)}, Seed = {random.Next(100)})] [Layers({random.Next(1, 9)}, {random.Next(1, 4)})] public partial class {type} {ValidBody(random).Replace("__NAME__", type, StringComparison.Ordinal)}";
                if (container.Length > 0) network = $"public partial class {container} {{ {network} }}";
                source.AppendLine(space.Length > 0 ? $"namespace {space} {{ {network} }}" : network);
            }
            return source.ToString();
        }

        // ---- invalid ----------------------------------------------------------------------------

        private static string Invalid(Random random)
        {
            // Case-colliding names beside an invalid network: the valid ones must still get their code.
            if (random.Next(10) == 0) return ValidNames(random) + Invalid(random);
            if (random.Next(2) == 0) return OneBadValue(random, Valid(random));
            var attributes = new List<string>();
            if (random.Next(8) > 0) attributes.Add($"[Network({NetworkArguments(random)})]");
            int form = random.Next(6);
            int count = random.Next(0, 6);
            if (form is 0 or 1 or 5)
                attributes.Add($"[Layers({LayersArguments(random, count)})]");
            if (form is 2 or 3 or 5)
                for (int i = 0; i < count; i++) attributes.Add($"[Dense({DenseArguments(random)})]");
            // Modifiers and network-wide attributes anywhere, duplicated or not.
            int extras = random.Next(0, 5);
            for (int i = 0; i < extras; i++)
                attributes.Insert(random.Next(attributes.Count + 1), ExtraAttribute(random));
            if (attributes.Count > 0 && random.Next(6) == 0) attributes.Add(attributes[random.Next(attributes.Count)]);
            if (random.Next(10) == 0) attributes = attributes.OrderBy(_ => random.Next()).ToList();

            string kind = Pick(random, new[]
            {
                "partial class", "partial class", "partial class", "partial class", "class", "static partial class",
                "abstract partial class", "sealed partial class", "partial record", "partial record class",
                "partial struct", "partial record struct", "partial interface", "file partial class", "unsafe partial class",
                "public partial class", "internal sealed partial class", "partial class __NAME__(int threads)", "partial class __NAME__<T> where T : class", "partial class __NAME__<T, U>",
            });
            string body = random.Next(8) switch
            {
                0 => "{ public __NAME__(int seed) { } }",
                1 => "{ public void Predict() { } }",
                2 => "{ [Dense(4)] public void Method() { } }",
                3 => "{ [Network(Inputs = 2)] [Layers(1)] partial class Nested; }",
                4 => "{ static __NAME__() { } }",
                5 => "{ public __NAME__() { MaxThreads = 1; } }",
                6 => "{ public __NAME__() : base() { } }",
                _ => random.Next(2) == 0 ? ";" : "{ }",
            };
            return Wrap(random, attributes, kind, body, validContainers: false);
        }

        private static string NetworkArguments(Random random)
        {
            var arguments = new List<string>();
            if (random.Next(6) > 0) arguments.Add($"Inputs = {Size(random)}");
            if (random.Next(2) == 0) arguments.Add($"Loss = {EnumValue(random, "Loss", Losses)}");
            if (random.Next(3) == 0) arguments.Add($"Seed = {Pick(random, new[] { "0", "-1", "int.MaxValue", "int.MinValue", "42" })}");
            if (random.Next(15) == 0) arguments.Add(Pick(random, new[] { "Inputs = \"4\"", "Loss = 2", "Seed = 1.5", "Inputs = Missing.Value", "Bogus = 1" }));
            return string.Join(", ", arguments.OrderBy(_ => random.Next()));
        }

        private static string LayersArguments(Random random, int count)
        {
            var sizes = Enumerable.Range(0, count).Select(_ => Size(random)).ToList();
            string list = random.Next(6) switch
            {
                0 => $"new[] {{ {string.Join(", ", sizes)} }}",
                1 => $"new int[] {{ {string.Join(", ", sizes)} }}",
                2 => $"[{string.Join(", ", sizes)}]",
                3 when count == 0 => "null",
                _ => string.Join(", ", sizes),
            };
            if (random.Next(4) == 0) list += (list.Length > 0 ? ", " : "") + $"UseBias = {Bool(random)}";
            return list;
        }

        private static string DenseArguments(Random random)
        {
            var arguments = new List<string> { Size(random) };
            if (random.Next(2) == 0)
            {
                arguments.Add(EnumValue(random, "Act", Activations));
                if (random.Next(2) == 0) arguments.Add(EnumValue(random, "Init", Initializers));
            }
            foreach (var name in new[] { "Alpha", "L1", "L2", "MaxNorm", "Scale", "Mean", "StdDev", "Value", "BiasValue" })
                if (random.Next(8) == 0) arguments.Add($"{name} = {WildNumber(random)}");
            if (random.Next(8) == 0) arguments.Add($"UseBias = {Bool(random)}");
            if (random.Next(8) == 0) arguments.Add($"Mode = {EnumValue(random, "FanMode", Enum.GetNames<FanMode>())}");
            if (random.Next(8) == 0) arguments.Add($"Distribution = {EnumValue(random, "Distribution", Enum.GetNames<Distribution>())}");
            if (random.Next(8) == 0) arguments.Add($"BiasInitializer = {EnumValue(random, "Init", Initializers)}");
            if (random.Next(20) == 0) arguments.Add(Pick(random, new[] { "\"not an initializer\"", "units: 3", "activation: Act.Relu", "Units = 3" }));
            return string.Join(", ", arguments);
        }

        private static string ExtraAttribute(Random random) => random.Next(9) switch
        {
            0 => $"[Activation({EnumValue(random, "Act", Activations)}{(random.Next(3) == 0 ? $", Alpha = {WildNumber(random)}" : "")})]",
            1 => $"[Initializer({EnumValue(random, "Init", Initializers)}{(random.Next(2) == 0 ? $", Scale = {WildNumber(random)}, Value = {WildNumber(random)}, StdDev = {WildNumber(random)}" : "")})]",
            2 => $"[Regularization(L1 = {WildNumber(random)}, L2 = {WildNumber(random)}, MaxNorm = {WildNumber(random)})]",
            3 or 4 => $"[BatchNorm(Placement = {EnumValue(random, "BatchNormPlacement", Enum.GetNames<BatchNormPlacement>())}, Momentum = {WildNumber(random)}, Epsilon = {WildNumber(random)}, Center = {Bool(random)}, Scale = {Bool(random)})]",
            5 => "[BatchNorm]",
            6 => $"[Dropout({WildNumber(random)})]",
            7 => $"[AlphaDropout({WildNumber(random)})]",
            _ => $"[Network({NetworkArguments(random)})]",
        };

        /// <summary>
        /// A valid network with one or two numbers in its attributes replaced by a wild one (size 0,
        /// negative or huge; NaN, infinite, beyond float range) or an enum value replaced by an undefined cast,
        /// so each bad value is met alone rather than beside others that stop the parser first.
        /// </summary>
        private static string OneBadValue(Random random, string source)
        {
            var root = CSharpSyntaxTree.ParseText(source, ParseOptions).GetRoot();
            var candidates = root.DescendantNodes()
                .Where(n => n.Ancestors().OfType<AttributeArgumentSyntax>().Any())
                .Where(n => n.IsKind(SyntaxKind.NumericLiteralExpression)
                    || (n is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax } access
                        && access.Parent is not MemberAccessExpressionSyntax))
                .ToList();
            if (candidates.Count == 0) return source;
            var chosen = Enumerable.Range(0, random.Next(1, 3)).Select(_ => candidates[random.Next(candidates.Count)])
                .Distinct().OrderByDescending(n => n.SpanStart).ToList();
            var text = new StringBuilder(source);
            foreach (var node in chosen)
            {
                string replacement = node is MemberAccessExpressionSyntax member
                    ? $"(({member.Expression}){Pick(random, new[] { "42", "-1", "11", "int.MaxValue" })})"
                    : random.Next(2) == 0 ? Size(random) : WildNumber(random);
                text.Remove(node.SpanStart, node.Span.Length).Insert(node.SpanStart, replacement);
            }
            return text.ToString();
        }

        // ---- broken -----------------------------------------------------------------------------

        private static readonly string[] Insertions =
        {
            ",", ")", "(", "]", "[", "{", "}", ";", "=", "-", "0", "partial", "class", "Network", "Dense", "Layers", "(Act)", "\"x\"", "new[]", "Act.", "static", "<T>", "#if X", "/*", "@",
        };

        private static string Break(Random random, string source)
        {
            var tokens = CSharpSyntaxTree.ParseText(source, ParseOptions).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToList();
            var text = new StringBuilder(source);
            int mutations = random.Next(1, 4);
            // Apply edits from the end of the source backwards, so earlier spans stay valid.
            var edits = Enumerable.Range(0, mutations).Select(_ => (Token: tokens[random.Next(tokens.Count)], Kind: random.Next(4)))
                .OrderByDescending(e => e.Token.SpanStart).ThenBy(e => e.Kind).ToList();
            int lastStart = int.MaxValue;
            foreach (var (token, kind) in edits)
            {
                if (token.Span.End > lastStart) continue;
                lastStart = token.SpanStart;
                switch (kind)
                {
                    case 0: text.Remove(token.SpanStart, token.Span.Length); break;
                    case 1: text.Insert(token.SpanStart, Pick(random, Insertions) + " "); break;
                    case 2: text.Insert(token.Span.End, " " + token.Text); break;
                    default: text.Remove(token.SpanStart, token.Span.Length).Insert(token.SpanStart, Pick(random, Insertions)); break;
                }
            }
            if (random.Next(4) == 0) text.Length = random.Next(text.Length + 1);
            return text.ToString();
        }

        // ---- shared pieces ----------------------------------------------------------------------

        /// <summary>Puts the attributes on a type inside random namespaces and containing types.</summary>
        private static string Wrap(Random random, List<string> attributes, string kind, string body, bool validContainers)
        {
            string name = "Net" + random.Next(1000);
            var containers = new List<string>();
            int depth = random.Next(4) == 0 ? random.Next(1, 3) : 0;
            for (int i = 0; i < depth; i++)
            {
                containers.Add(validContainers
                    ? Pick(random, new[] { "public partial class", "partial struct", "partial record", "internal partial record class", "partial record struct", "static partial class", "partial interface" })
                    : Pick(random, new[] { "public partial class", "class", "partial struct", "partial record", "static partial class", "partial class Outer<T>", "partial interface" }));
            }
            var source = new StringBuilder();
            if (validContainers || random.Next(10) > 0) source.AppendLine("using NetGen;");
            else if (random.Next(2) == 0) attributes = attributes.Select(a => a.Replace("[", "[NetGen.", StringComparison.Ordinal)).ToList();
            if (random.Next(10) == 0) source.AppendLine("using System;");
            int namespaceStyle = random.Next(4);
            if (namespaceStyle == 1) source.AppendLine($"namespace Space{random.Next(100)};");
            if (namespaceStyle == 2) source.AppendLine("namespace Outer.Inner {");
            for (int i = 0; i < containers.Count; i++)
            {
                string container = containers[i].Contains('<', StringComparison.Ordinal) ? containers[i] : $"{containers[i]} Container{i}";
                source.AppendLine($"{container} {{");
            }
            bool onOneLine = random.Next(3) == 0;
            source.Append(string.Join(onOneLine ? " " : "\n", attributes)).AppendLine();
            string declaration = kind.Contains("__NAME__", StringComparison.Ordinal) ? kind : $"{kind} __NAME__";
            source.Append(declaration).Append(' ').AppendLine(body);
            for (int i = 0; i < containers.Count; i++) source.AppendLine("}");
            if (namespaceStyle == 2) source.AppendLine("}");
            if (random.Next(6) == 0) source.AppendLine("public class Unrelated { public int Value => 1; }");
            return source.ToString().Replace("__NAME__", name, StringComparison.Ordinal);
        }

        private static string Size(Random random) => random.Next(12) switch
        {
            0 => "0",
            1 => "-" + random.Next(1, 100000),
            2 => Pick(random, new[] { "100000", "46341", "65536", "int.MaxValue", "int.MinValue", "2147483647", "1 << 20" }),
            3 => Pick(random, new[] { "(int)3.9", "2 + 2", "sizeof(long)", "'a'", "0x10" }),
            _ => random.Next(1, 50).ToString(CultureInfo.InvariantCulture),
        };

        private static string EnumValue(Random random, string type, string[] names) => random.Next(8) switch
        {
            0 => $"({type}){Pick(random, new[] { "42", "-1", "11", "int.MaxValue", "3" })}",
            1 => $"({type})0",
            _ => $"{type}.{Pick(random, names)}",
        };

        private static string WildNumber(Random random) => random.Next(5) switch
        {
            0 or 1 => Pick(random, new[] { "double.NaN", "double.PositiveInfinity", "double.NegativeInfinity", "double.MaxValue", "double.Epsilon", "-0.0", "1e39", "-1e39", "1e300", "1e-320", "3.4028235E+38" }),
            2 => "-" + Number(random, 0, 10),
            3 => Pick(random, new[] { "0", "1", "0.999999999999", "1.0000001", "0.5f", "2" }),
            _ => Number(random, 0, 1),
        };

        private static string Number(Random random, double low, double high)
            => (low + random.NextDouble() * (high - low)).ToString("0.####", CultureInfo.InvariantCulture);

        private static string Bool(Random random) => random.Next(2) == 0 ? "true" : "false";

        private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
    }
}
