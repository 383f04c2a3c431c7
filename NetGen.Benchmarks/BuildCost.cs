using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator;

namespace NetGen.Benchmarks;

/// <summary>
/// What the generator costs a build: for networks of each depth and width (compact form), the
/// median time of one generator run over a fresh copy of the compilation (attribute binding,
/// parsing the model and emitting the source; creating the compilation is excluded), and the size
/// of the emitted source. Prints Markdown tables for docs/BUILD-COST.md.
/// </summary>
internal static class BuildCost
{
    private static readonly int[] Depths = { 1, 5, 10, 25, 50 };
    private static readonly int[] Widths = { 16, 256, 1024, 4096 };
    private const int OutputUnits = 10;

    private sealed record Case(int Depth, int Width, double MedianMs, double MinMs, int Chars, int Lines, string Source);

    public static int Run(ReadOnlySpan<string> args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        int repetitions = 51;
        for (int i = 0; i + 1 < args.Length; i++)
            if (args[i] == "--repetitions") repetitions = int.Parse(args[i + 1], CultureInfo.InvariantCulture);

        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(INetwork).Assembly.Location))
            .ToArray();
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview);
        var compilations = Depths.SelectMany(d => Widths.Select(w => (Depth: d, Width: w))).ToDictionary(c => c, c =>
            CSharpCompilation.Create("Bench", new[] { CSharpSyntaxTree.ParseText(Declaration(c.Depth, c.Width), parseOptions, "Network.cs") },
                references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)));

        // The very first run in the process pays for JIT-compiling the generator and Roslyn's binding
        // paths: reported apart (a compiler server keeps both warm between builds).
        double coldMs = Generate(compilations.Values.First(), parseOptions).Milliseconds;
        // Warm-up: every case once.
        foreach (var compilation in compilations.Values) Generate(compilation, parseOptions);

        var cases = new List<Case>();
        foreach (var ((depth, width), compilation) in compilations)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var times = new double[repetitions];
            string source = "";
            for (int r = 0; r < repetitions; r++)
                (times[r], source) = Generate(compilation, parseOptions);
            Array.Sort(times);
            cases.Add(new Case(depth, width, times[repetitions / 2], times[0], source.Length, source.Split('\n').Length - (source.EndsWith('\n') ? 1 : 0), source));
        }

        Print(cases, repetitions, coldMs);
        return cases.All(c => c.MedianMs < 50) ? 0 : 1;
    }

    /// <summary><paramref name="depth"/> dense layers: depth − 1 hidden layers of <paramref name="width"/> units, then 10 softmax outputs.</summary>
    private static string Declaration(int depth, int width)
    {
        var units = Enumerable.Repeat(width, depth - 1).Append(OutputUnits);
        return $$"""
            using NetGen;
            namespace Bench;
            [Network(Inputs = {{width}}, Loss = Loss.SoftmaxCrossEntropy, Seed = 1)]
            [Layers({{string.Join(", ", units)}})]
            [Activation(Act.Relu)]
            [Initializer(Init.HeNormal)]
            public partial class Depth{{depth}}Width{{width}};
            """;
    }

    /// <summary>One generator run over a fresh copy of the compilation (nothing bound yet) with a fresh driver; returns its time in ms and the source.</summary>
    private static (double Milliseconds, string Source) Generate(CSharpCompilation compilation, CSharpParseOptions parseOptions)
    {
        var copy = compilation.Clone();
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new NetworkGenerator().AsSourceGenerator() }, parseOptions: parseOptions);
        long start = Stopwatch.GetTimestamp();
        driver = driver.RunGenerators(copy);
        var result = driver.GetRunResult().Results[0];
        double elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (result.Exception is not null) throw new InvalidOperationException("the generator threw", result.Exception);
        if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) || result.GeneratedSources.Length != 1)
            throw new InvalidOperationException("expected one source and no error: " + string.Join("; ", result.Diagnostics));
        return (elapsed, result.GeneratedSources[0].SourceText.ToString());
    }

    private static void Print(List<Case> cases, int repetitions, double coldMs)
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine($"# NetGen build cost, {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine();
        Console.WriteLine($"Machine: {CpuName()}, {Environment.ProcessorCount} logical cores; {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}; Roslyn {typeof(CSharpCompilation).Assembly.GetName().Version}.");
        Console.WriteLine($"Each case: median (and minimum) of {repetitions} warm generator runs, each over a fresh clone of the compilation with a fresh driver.");
        Console.WriteLine();
        Console.WriteLine("| Layers | Width | Median ms | Min ms | Source chars | Source lines |");
        Console.WriteLine("|-------:|------:|----------:|-------:|-------------:|-------------:|");
        foreach (var c in cases)
            Console.WriteLine(string.Format(invariant, "| {0} | {1} | {2:F2} | {3:F2} | {4:N0} | {5:N0} |", c.Depth, c.Width, c.MedianMs, c.MinMs, c.Chars, c.Lines));

        Console.WriteLine();
        Console.WriteLine("## Size against layer count and width");
        Console.WriteLine();
        Console.WriteLine("Width changes only numeric constants: the sources of one depth are identical once every run of digits is replaced by `#`.");
        Console.WriteLine();
        Console.WriteLine("| Layers | Lines (every width) | Chars, width 16 → 4096 | Identical but for numbers | Chars per layer added |");
        Console.WriteLine("|-------:|--------------------:|-----------------------:|:--------------------------|----------------------:|");
        Case? previous = null;
        foreach (var group in cases.GroupBy(c => c.Depth))
        {
            var byWidth = group.OrderBy(c => c.Width).ToList();
            var lines = byWidth.Select(c => c.Lines).Distinct().ToList();
            bool sameShape = byWidth.Select(c => Regex.Replace(c.Source, "[0-9]+", "#")).Distinct().Count() == 1;
            var first = byWidth[0];
            string perLayer = previous is null ? "–" : ((first.Chars - previous.Chars) / (double)(first.Depth - previous.Depth)).ToString("N0", invariant);
            Console.WriteLine($"| {group.Key} | {string.Join(" / ", lines.Select(l => l.ToString("N0", invariant)))} | {byWidth[0].Chars:N0} → {byWidth[^1].Chars:N0} | {(sameShape ? "yes" : "NO")} | {perLayer} |");
            previous = first;
        }
        Console.WriteLine();
        Console.WriteLine(string.Format(invariant, "First run in a fresh process (JIT included, {0} layers × {1} units): {2:F0} ms.", cases[0].Depth, cases[0].Width, coldMs));
        var slowest = cases.MaxBy(c => c.MedianMs)!;
        Console.WriteLine(string.Format(invariant, "Slowest median: {0:F2} ms ({1} layers × {2} units); target < 50 ms per network: {3}.",
            slowest.MedianMs, slowest.Depth, slowest.Width, slowest.MedianMs < 50 ? "met" : "NOT met"));
    }

    private static string CpuName()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null) return line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
