using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace NetGen.Benchmarks.Performance;

/// <summary>The markdown tables of one run: NetGen against the peer, the ratios, and the targets met or missed.</summary>
internal static class Report
{
    public static void Write(TextWriter o, IReadOnlyList<Workload> workloads, IReadOnlyList<int> threads, IReadOnlyDictionary<string, int> parameters,
        IReadOnlyDictionary<(string, int), Figures> netgen, IReadOnlyDictionary<(string, int), Figures> peers, string peerName,
        IReadOnlyDictionary<int, double> peakWide, IReadOnlyDictionary<int, double> peak256)
    {
        Figures Peer(string w, int t) => peers.TryGetValue((w, t), out var f) ? f : Figures.Missing;
        static string N(double v) => Format(v, "N0");
        static string X(double v) => double.IsNaN(v) || double.IsInfinity(v) ? "—" : v.ToString("F2", CultureInfo.InvariantCulture) + "×";

        o.WriteLine();
        o.WriteLine($"Peer: {peerName}. Ratios are NetGen ÷ peer for throughput, peer ÷ NetGen for latency (above 1 means NetGen is faster).");
        o.WriteLine();
        o.WriteLine("Training, samples/s (forward + loss + backward + update):");
        o.WriteLine();
        o.WriteLine("| workload | threads | params | NetGen SGD | peer SGD | ratio | NetGen Adam | peer Adam | ratio | Adam step ÷ SGD step | NetGen GFLOP/s (SGD) | % of peak (512 / 256-bit) |");
        o.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var w in workloads)
            foreach (int t in threads)
            {
                var n = netgen[(w.Name, t)];
                var p = Peer(w.Name, t);
                double gflops = 6.0 * parameters[w.Name] * n.TrainSgd / 1e9;
                o.WriteLine($"| {w.Name} | {t} | {parameters[w.Name]:N0} | {N(n.TrainSgd)} | {N(p.TrainSgd)} | {X(n.TrainSgd / p.TrainSgd)} | {N(n.TrainAdam)} | {N(p.TrainAdam)} | {X(n.TrainAdam / p.TrainAdam)} | " +
                            $"{Format(n.TrainSgd / n.TrainAdam, "F3")} | {Format(gflops, "F1")} | {Format(100 * gflops / peakWide[t], "F0")} % / {Format(100 * gflops / peak256[t], "F0")} % |");
            }
        o.WriteLine();
        o.WriteLine($"Inference: latency of one sample (µs) and throughput at batch {Workload.InferenceBatch} (samples/s):");
        o.WriteLine();
        o.WriteLine("| workload | threads | NetGen batch-1 µs | peer batch-1 µs | ratio | NetGen batch-256/s | peer batch-256/s | ratio |");
        o.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var w in workloads)
            foreach (int t in threads)
            {
                var n = netgen[(w.Name, t)];
                var p = Peer(w.Name, t);
                o.WriteLine($"| {w.Name} | {t} | {Format(n.InferBatch1Microseconds, "F2")} | {Format(p.InferBatch1Microseconds, "F2")} | {X(p.InferBatch1Microseconds / n.InferBatch1Microseconds)} | " +
                            $"{N(n.InferBatch256)} | {N(p.InferBatch256)} | {X(n.InferBatch256 / p.InferBatch256)} |");
            }
        WriteTargets(o, workloads, threads, parameters, netgen, Peer, peakWide, peak256);
        WriteChart(o, workloads, threads, netgen, Peer);
    }

    /// <summary>A mermaid bar chart (rendered by GitHub and most markdown viewers) of the training ratios against the targets.</summary>
    private static void WriteChart(TextWriter o, IReadOnlyList<Workload> workloads, IReadOnlyList<int> threads,
        IReadOnlyDictionary<(string, int), Figures> netgen, Func<string, int, Figures> peer)
    {
        if (!threads.Contains(1)) return;
        var ratios = workloads.Select(w => netgen[(w.Name, 1)].TrainSgd / peer(w.Name, 1).TrainSgd).ToArray();
        if (ratios.Any(double.IsNaN)) return;
        var targets = workloads.Select(w => w.Name is "M" or "L" ? 1.2 : 3.0);
        string Numbers(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)));
        o.WriteLine();
        o.WriteLine("```mermaid");
        o.WriteLine("xychart-beta");
        o.WriteLine("    title \"Training samples/s, NetGen ÷ peer (SGD, 1 thread); line: target\"");
        o.WriteLine($"    x-axis [{string.Join(", ", workloads.Select(w => $"\"{w.Name}\""))}]");
        o.WriteLine($"    y-axis \"ratio\" 0 --> {Math.Ceiling(ratios.Max() + 0.5)}");
        o.WriteLine($"    bar [{Numbers(ratios)}]");
        o.WriteLine($"    line [{Numbers(targets)}]");
        o.WriteLine("```");
    }

    private static void WriteTargets(TextWriter o, IReadOnlyList<Workload> workloads, IReadOnlyList<int> threads, IReadOnlyDictionary<string, int> parameters,
        IReadOnlyDictionary<(string, int), Figures> netgen, Func<string, int, Figures> peer, IReadOnlyDictionary<int, double> peakWide, IReadOnlyDictionary<int, double> peak256)
    {
        var rows = new List<(string Target, string Measured, bool? Met)>();
        bool Has(string w, int t) => netgen.ContainsKey((w, t));
        void Ratio(string w, double needed)
        {
            if (!Has(w, 1)) return;
            var n = netgen[(w, 1)];
            var p = peer(w, 1);
            foreach (var (label, mine, theirs) in new[] { ("SGD", n.TrainSgd, p.TrainSgd), ("Adam", n.TrainAdam, p.TrainAdam) })
            {
                double r = mine / theirs;
                rows.Add(($"{w} training ({label}, 1 thread) ≥ {needed}× peer", double.IsNaN(r) ? "no peer figure" : $"{r:F2}×", double.IsNaN(r) ? null : r >= needed));
            }
        }
        foreach (var w in new[] { "S", "S-BN", "D" }) Ratio(w, 3);
        foreach (var w in new[] { "M", "L" }) Ratio(w, 1.2);
        if (Has("L", 1))
        {
            double gflops = 6.0 * parameters["L"] * netgen[("L", 1)].TrainSgd / 1e9;
            rows.Add(("L training (SGD, 1 thread) ≥ 85 % of peak", $"{gflops:F1} GFLOP/s = {100 * gflops / peak256[1]:F0} % of the 256-bit peak, {100 * gflops / peakWide[1]:F0} % of the AVX-512 peak", gflops >= 0.85 * peak256[1]));
        }
        foreach (var w in workloads.Where(w => Has(w.Name, 1)))
        {
            var n = netgen[(w.Name, 1)];
            double cost = n.TrainSgd / n.TrainAdam;
            rows.Add(($"{w.Name}: an Adam step costs ≤ 1.10× an SGD step", $"{cost:F3}×", cost <= 1.10));
        }
        foreach (var (w, bound) in new[] { ("S", 1.0), ("M", 8.0), ("L", 150.0) })
            if (Has(w, 1))
            {
                double us = netgen[(w, 1)].InferBatch1Microseconds;
                rows.Add(($"{w} batch-1 inference ≤ {bound} µs", $"{us:F2} µs", us <= bound));
            }
        if (threads.Contains(1) && threads.Contains(2))
        {
            if (Has("L", 2))
            {
                var one = netgen[("L", 1)];
                var two = netgen[("L", 2)];
                rows.Add(("L training, 2 threads ≥ 1.8× 1 thread (SGD)", $"{two.TrainSgd / one.TrainSgd:F2}×", two.TrainSgd / one.TrainSgd >= 1.8));
                rows.Add(("L training, 2 threads ≥ 1.8× 1 thread (Adam)", $"{two.TrainAdam / one.TrainAdam:F2}×", two.TrainAdam / one.TrainAdam >= 1.8));
            }
            foreach (var w in workloads.Where(w => Has(w.Name, 2)))
            {
                var one = netgen[(w.Name, 1)];
                var two = netgen[(w.Name, 2)];
                double worst = new[] { two.TrainSgd / one.TrainSgd, two.TrainAdam / one.TrainAdam, two.InferBatch256 / one.InferBatch256, one.InferBatch1Microseconds / two.InferBatch1Microseconds }.Min();
                rows.Add(($"{w.Name}: 2 threads never slower than 1 (worst of SGD, Adam, batch-1, batch-256; ±3 % is run-to-run noise)", $"{worst:F2}×", worst >= 0.97));
            }
        }
        o.WriteLine();
        o.WriteLine("Targets (docs/PERFORMANCE.md):");
        o.WriteLine();
        o.WriteLine("| target | measured | |");
        o.WriteLine("|---|---|---|");
        foreach (var (target, measured, met) in rows)
            o.WriteLine($"| {target} | {measured} | {(met is null ? "—" : met.Value ? "met" : "**missed**")} |");
    }

    private static string Format(double value, string format) =>
        double.IsNaN(value) || double.IsInfinity(value) ? "—" : value.ToString(format, CultureInfo.InvariantCulture);
}
