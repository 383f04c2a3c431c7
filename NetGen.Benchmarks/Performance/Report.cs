using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace NetGen.Benchmarks.Performance;

/// <summary>
/// The markdown report of one run: the machine, NetGen against every peer (a column pair per peer), the batch-1
/// bounds, serving under load, NativeAOT against JIT, cold start, and the targets met or missed (<see cref="ReportTargets"/>).
/// </summary>
internal static class Report
{
    public static void Write(TextWriter o, RunResults r)
    {
        WriteMachine(o, r);
        o.WriteLine();
        o.WriteLine($"Peers: {(r.Peers.Count == 0 ? "none" : string.Join("; ", r.Peers.Select(p => p.Description)))}. Ratios are NetGen ÷ peer for throughput, peer ÷ NetGen for latency (above 1 means NetGen is faster); n/a: the peer does not do it (ONNX Runtime does not train here).");
        WriteTraining(o, r);
        WriteInference(o, r);
        ReportSections.WriteBounds(o, r);
        ReportSections.WriteServing(o, r);
        ReportSections.WriteAot(o, r);
        ReportSections.WriteColdStart(o, r);
        ReportTargets.Write(o, r);
        WriteCharts(o, r);
    }

    private static void WriteMachine(TextWriter o, RunResults r)
    {
        o.WriteLine();
        o.WriteLine($"Machine: {r.Cpu}; {Environment.ProcessorCount} processors; L2 {Bandwidth.CacheSize(2) >> 10} KB per core, L3 {Bandwidth.CacheSize(3) >> 20} MB.");
        o.WriteLine();
        o.WriteLine("| bound | 1 thread | 2 threads |");
        o.WriteLine("|---|---:|---:|");
        string At(IReadOnlyDictionary<int, double> peak, int t) => peak.TryGetValue(t, out double v) ? Format(v, "F1") : "—";
        o.WriteLine($"| FP32 FMA peak, {Peak.VectorName}, GFLOP/s | {At(r.PeakWide, 1)} | {At(r.PeakWide, 2)} |");
        o.WriteLine($"| FP32 FMA peak, 256-bit vectors, GFLOP/s | {At(r.Peak256, 1)} | {At(r.Peak256, 2)} |");
        foreach (var level in r.Levels)
            o.WriteLine($"| read bandwidth, {level.BufferBytes >> 10} KB buffer ({level.Name}), GB/s | {Format(level.GigabytesPerSecond, "F1")} | |");
    }

    private static void WriteTraining(TextWriter o, RunResults r)
    {
        o.WriteLine();
        o.WriteLine("Training, samples/s (forward + loss + backward + update). GFLOP/s count the kernels' multiply-adds: forward 2·P, weight gradients 2·P, input gradients 2·P except the first layer's (P = in × out summed over layers), no longer 6 × parameters:");
        o.WriteLine();
        string peerHeads = string.Concat(r.Peers.Select(p => $" {p.Name} SGD | ratio |"));
        string peerAdamHeads = string.Concat(r.Peers.Select(p => $" {p.Name} Adam | ratio |"));
        o.WriteLine($"| workload | threads | params | FLOP/sample | NetGen SGD |{peerHeads} NetGen Adam |{peerAdamHeads} Adam step ÷ SGD step | NetGen GFLOP/s (SGD) | % of peak |");
        o.WriteLine("|---|---:|---:|---:|---:|" + string.Concat(r.Peers.Select(_ => "---:|---:|")) + "---:|" + string.Concat(r.Peers.Select(_ => "---:|---:|")) + "---:|---:|---:|");
        foreach (var w in r.Workloads)
            foreach (int t in r.Threads)
            {
                var n = r.NetGen[(w.Name, t)];
                var work = r.Work[w.Name];
                double gflops = work.TrainingFlopsPerSample * n.TrainSgd / 1e9;
                string sgd = string.Concat(r.Peers.Select(p => $" {Peer(p.Of(w.Name, t).TrainSgd, p, N)} | {Peer(n.TrainSgd / p.Of(w.Name, t).TrainSgd, p, Ratio)} |"));
                string adam = string.Concat(r.Peers.Select(p => $" {Peer(p.Of(w.Name, t).TrainAdam, p, N)} | {Peer(n.TrainAdam / p.Of(w.Name, t).TrainAdam, p, Ratio)} |"));
                o.WriteLine($"| {w.Name} | {t} | {work.Parameters:N0} | {work.TrainingFlopsPerSample:N0} | {N(n.TrainSgd)} |{sgd} {N(n.TrainAdam)} |{adam} " +
                            $"{Format(n.TrainSgd / n.TrainAdam, "F3")} | {Format(gflops, "F1")} | {Format(100 * gflops / r.Peak(t), "F0")} % |");
            }
    }

    private static void WriteInference(TextWriter o, RunResults r)
    {
        o.WriteLine();
        o.WriteLine($"Inference: latency of one sample (µs) and throughput at batch {Workload.InferenceBatch} (samples/s):");
        o.WriteLine();
        string b1Heads = string.Concat(r.Peers.Select(p => $" {p.Name} batch-1 µs | ratio |"));
        string b256Heads = string.Concat(r.Peers.Select(p => $" {p.Name} batch-256/s | ratio |"));
        o.WriteLine($"| workload | threads | NetGen batch-1 µs |{b1Heads} NetGen batch-256/s |{b256Heads}");
        o.WriteLine("|---|---:|---:|" + string.Concat(r.Peers.Select(_ => "---:|---:|")) + "---:|" + string.Concat(r.Peers.Select(_ => "---:|---:|")));
        foreach (var w in r.Workloads)
            foreach (int t in r.Threads)
            {
                var n = r.NetGen[(w.Name, t)];
                string b1 = string.Concat(r.Peers.Select(p => $" {Format(p.Of(w.Name, t).InferBatch1Microseconds, "F2")} | {Ratio(p.Of(w.Name, t).InferBatch1Microseconds / n.InferBatch1Microseconds)} |"));
                string b256 = string.Concat(r.Peers.Select(p => $" {N(p.Of(w.Name, t).InferBatch256)} | {Ratio(n.InferBatch256 / p.Of(w.Name, t).InferBatch256)} |"));
                o.WriteLine($"| {w.Name} | {t} | {Format(n.InferBatch1Microseconds, "F2")} |{b1} {N(n.InferBatch256)} |{b256}");
            }
    }

    /// <summary>Mermaid bar charts (rendered by GitHub and most markdown viewers) of the 1-thread ratios against their targets.</summary>
    private static void WriteCharts(TextWriter o, RunResults r)
    {
        if (!r.Threads.Contains(1)) return;
        var trainer = ReportTargets.TrainingPeer(r);
        if (trainer is not null)
            Chart(o, r, $"Training samples/s, NetGen ÷ {trainer.Name} (SGD, 1 thread); line: target",
                w => r.NetGen[(w, 1)].TrainSgd / trainer.Of(w, 1).TrainSgd, ReportTargets.TrainingTarget);
        var ort = r.PeerNamed("onnxruntime");
        if (ort is not null)
            Chart(o, r, "Batch-1 latency, onnxruntime ÷ NetGen (1 thread); line: target 1.5",
                w => ort.Of(w, 1).InferBatch1Microseconds / r.NetGen[(w, 1)].InferBatch1Microseconds, _ => 1.5);
    }

    private static void Chart(TextWriter o, RunResults r, string title, Func<string, double> ratio, Func<string, double> target)
    {
        var ratios = r.Workloads.Select(w => ratio(w.Name)).ToArray();
        if (ratios.Any(v => double.IsNaN(v) || double.IsInfinity(v))) return;
        string Numbers(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)));
        o.WriteLine();
        o.WriteLine("```mermaid");
        o.WriteLine("xychart-beta");
        o.WriteLine($"    title \"{title}\"");
        o.WriteLine($"    x-axis [{string.Join(", ", r.Workloads.Select(w => $"\"{w.Name}\""))}]");
        o.WriteLine($"    y-axis \"ratio\" 0 --> {Math.Ceiling(ratios.Max() + 0.5)}");
        o.WriteLine($"    bar [{Numbers(ratios)}]");
        o.WriteLine($"    line [{Numbers(r.Workloads.Select(w => target(w.Name)))}]");
        o.WriteLine("```");
    }

    /// <summary>A peer's training figure or ratio: n/a for ONNX Runtime, which does not train here.</summary>
    private static string Peer(double value, PeerRun peer, Func<double, string> format) => double.IsNaN(value) && peer.Name == "onnxruntime" ? "n/a" : format(value);

    private static string N(double v) => Format(v, "N0");

    public static string Ratio(double v) => double.IsNaN(v) || double.IsInfinity(v) ? "—" : v.ToString("F2", CultureInfo.InvariantCulture) + "×";

    public static string Format(double value, string format) =>
        double.IsNaN(value) || double.IsInfinity(value) ? "—" : value.ToString(format, CultureInfo.InvariantCulture);
}
