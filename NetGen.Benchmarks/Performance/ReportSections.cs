using System.IO;
using System.Linq;
using static NetGen.Benchmarks.Performance.Report;

namespace NetGen.Benchmarks.Performance;

/// <summary>The report's tables of batch-1 bounds, serving under load and cold start.</summary>
internal static class ReportSections
{
    public static void WriteBounds(TextWriter o, RunResults r)
    {
        if (!r.Threads.Contains(1)) return;
        o.WriteLine();
        o.WriteLine("Batch-1 latency against its bound (1 thread): bound = max(weight bytes ÷ the read bandwidth of the level the weights live in, forward FLOPs ÷ FMA peak). " +
                    "The level is the smallest that holds the weights (kernels and biases, float32) between calls: L2 up to its per-core size, then L3; " +
                    "a network just over L2 (M: 1.08 MB against 1 MB) is charged L3 bandwidth, though part of it may survive in L2.");
        o.WriteLine();
        string peerHeads = string.Concat(r.Peers.Where(HasInference(r)).Select(p => $" {p.Name} ÷ bound |"));
        o.WriteLine($"| workload | weight bytes | level | GB/s | memory bound µs | FLOPs | compute bound µs | bound µs | NetGen µs | NetGen ÷ bound |{peerHeads}");
        o.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|" + string.Concat(r.Peers.Where(HasInference(r)).Select(_ => "---:|")));
        foreach (var w in r.Workloads)
        {
            var work = r.Work[w.Name];
            var level = r.WeightLevel(w.Name);
            double memory = work.WeightBytes / (level.GigabytesPerSecond * 1e9) * 1e6;
            double compute = work.InferenceFlopsPerSample / (r.Peak(1) * 1e9) * 1e6;
            double bound = r.Batch1BoundMicroseconds(w.Name);
            double mine = r.NetGen[(w.Name, 1)].InferBatch1Microseconds;
            string peers = string.Concat(r.Peers.Where(HasInference(r)).Select(p => $" {Ratio(p.Of(w.Name, 1).InferBatch1Microseconds / bound)} |"));
            o.WriteLine($"| {w.Name} | {work.WeightBytes:N0} | {level.Name} | {Format(level.GigabytesPerSecond, "F1")} | {Format(memory, "F2")} | {work.InferenceFlopsPerSample:N0} | {Format(compute, "F2")} | {Format(bound, "F2")} | {Format(mine, "F2")} | {Ratio(mine / bound)} |{peers}");
        }
    }

    public static void WriteServing(TextWriter o, RunResults r)
    {
        if (r.NetGenServing.Count == 0) return;
        o.WriteLine();
        o.WriteLine($"Serving under load: one shared instance (NetGen) or session (ORT, 1 intra-op thread, a binding per caller), batch-1 calls from {Serving.Callers} threads at once for a fixed time; " +
                    "latency is each call's own duration (on fewer cores than callers, a call preempted midway waits out the others' time slices: milliseconds at the tail); allocated: bytes allocated on the caller threads during the measurement (exact), and in the whole process (runtime threads included).");
        o.WriteLine();
        o.WriteLine("| workload | engine | callers | seconds | calls/s | P50 µs | P99 µs | P99.9 µs | max µs | allocated, callers / process (B) |");
        o.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, netgen) in r.NetGenServing)
        {
            Row(o, name, "NetGen", netgen);
            foreach (var p in r.Peers)
                if (p.Serving.TryGetValue(name, out var s)) Row(o, name, p.Name, s);
        }
    }

    private static void Row(TextWriter o, string workload, string engine, ServingFigures s) =>
        o.WriteLine($"| {workload} | {engine} | {s.Callers} | {Format(s.Seconds, "F2")} | {Format(s.CallsPerSecond, "N0")} | {Format(s.P50Microseconds, "F2")} | {Format(s.P99Microseconds, "F2")} | " +
                    $"{Format(s.P999Microseconds, "F2")} | {Format(s.MaxMicroseconds, "F0")} | {s.CallerAllocatedBytes:N0} / {s.ProcessAllocatedBytes:N0} |");

    public static void WriteColdStart(TextWriter o, RunResults r)
    {
        if (r.ColdStart.Count == 0) return;
        o.WriteLine();
        string binary = r.Aot is { } aot
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"NativeAOT binary (x86-64-v3, {aot.Binary.Bytes / 1e6:F1} MB, published in {aot.Binary.PublishSeconds:F0} s) with the weights of {(aot.Binary.Embedded.Length == 0 ? "no workload" : string.Join(", ", aot.Binary.Embedded))} embedded at build time ([Weights], no model file read), and the same binary loading the checkpoint file")
            : "NativeAOT binary";
        o.WriteLine($"Cold start, ms from launching the process to its first prediction (median of {ColdStart.Launches} launches each, taken in turn). " +
                    $"NetGen: {binary}. ONNX Runtime: its peer under `dotnet` (JIT), session creation and one run; " +
                    "its own Main→session and Main→first output leave the .NET host's start out. Ratios: ORT ÷ NetGen's headline figure (embedded where embedded).");
        o.WriteLine();
        o.WriteLine("| workload | NetGen weights | NetGen AOT, embedded | NetGen AOT, file | ORT process | ratio | ORT Main→session | ORT Main→first output | ratio to ORT's first output |");
        o.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, c) in r.ColdStart)
            o.WriteLine($"| {name} | {c.NetGenWeights} | {ColdStart.Format(c.NetGenEmbeddedMs)} | {ColdStart.Format(c.NetGenFileMs)} | {ColdStart.Format(c.OrtProcessMs)} | {Ratio(c.OrtProcessMs / c.NetGenAotMs)} | " +
                        $"{ColdStart.Format(c.OrtSessionMs)} | {ColdStart.Format(c.OrtFirstOutputMs)} | {Ratio(c.OrtFirstOutputMs / c.NetGenAotMs)} |");
    }

    /// <summary>NetGen under NativeAOT against NetGen under the JIT, 1 thread, the same code and timing (NetGenRunner, Harness).</summary>
    public static void WriteAot(TextWriter o, RunResults r)
    {
        if (r.Aot is not { } aot || aot.OneThread.Count == 0) return;
        o.WriteLine();
        o.WriteLine("NativeAOT against JIT, 1 thread: NetGen's own figures measured by the same code (NetGenRunner, Harness) inside the published binary. " +
                    $"Kernels: JIT {aot.Jit}; NativeAOT {aot.Binary.Kernels}. Ratios are AOT speed ÷ JIT speed (above 1: the AOT binary is faster; for latency, JIT µs ÷ AOT µs).");
        o.WriteLine();
        o.WriteLine("| workload | JIT SGD/s | AOT SGD/s | ratio | JIT Adam/s | AOT Adam/s | ratio | JIT batch-1 µs | AOT batch-1 µs | ratio | JIT batch-256/s | AOT batch-256/s | ratio |");
        o.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var w in r.Workloads)
        {
            if (!aot.OneThread.TryGetValue(w.Name, out var a) || !r.NetGen.TryGetValue((w.Name, 1), out var j)) continue;
            o.WriteLine($"| {w.Name} | {Format(j.TrainSgd, "N0")} | {Format(a.TrainSgd, "N0")} | {Ratio(a.TrainSgd / j.TrainSgd)} | {Format(j.TrainAdam, "N0")} | {Format(a.TrainAdam, "N0")} | {Ratio(a.TrainAdam / j.TrainAdam)} | " +
                        $"{Format(j.InferBatch1Microseconds, "F2")} | {Format(a.InferBatch1Microseconds, "F2")} | {Ratio(j.InferBatch1Microseconds / a.InferBatch1Microseconds)} | " +
                        $"{Format(j.InferBatch256, "N0")} | {Format(a.InferBatch256, "N0")} | {Ratio(a.InferBatch256 / j.InferBatch256)} |");
        }
        WriteAotAvx512(o, r, aot);
        if (aot.Jit256.Count == 0) return;
        o.WriteLine();
        o.WriteLine($"The same AOT figures against the JIT with AVX-512 switched off (`DOTNET_EnableAVX512=0`, a child process: {aot.Jit256Kernels}), " +
                    "i.e. the same 256-bit kernels under both compilers: this ratio is the compiler's, the one above also the kernel width's.");
        o.WriteLine();
        o.WriteLine("| workload | JIT-256 SGD/s | AOT ÷ JIT-256 | JIT-256 Adam/s | AOT ÷ JIT-256 | JIT-256 batch-1 µs | AOT ÷ JIT-256 | JIT-256 batch-256/s | AOT ÷ JIT-256 |");
        o.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var w in r.Workloads)
        {
            if (!aot.OneThread.TryGetValue(w.Name, out var a) || !aot.Jit256.TryGetValue(w.Name, out var j)) continue;
            o.WriteLine($"| {w.Name} | {Format(j.TrainSgd, "N0")} | {Ratio(a.TrainSgd / j.TrainSgd)} | {Format(j.TrainAdam, "N0")} | {Ratio(a.TrainAdam / j.TrainAdam)} | " +
                        $"{Format(j.InferBatch1Microseconds, "F2")} | {Ratio(j.InferBatch1Microseconds / a.InferBatch1Microseconds)} | {Format(j.InferBatch256, "N0")} | {Ratio(a.InferBatch256 / j.InferBatch256)} |");
        }
    }

    /// <summary>The x86-64-v4 binary (AVX-512 kernels) against the JIT, where the CPU runs it.</summary>
    private static void WriteAotAvx512(TextWriter o, RunResults r, AotResults aot)
    {
        if (aot.Avx512Binary is not { } v4 || aot.OneThreadAvx512.Count == 0) return;
        o.WriteLine();
        o.WriteLine($"The x86-64-v4 build of the same binary ({v4.Bytes / 1e6:F1} MB; kernels: {v4.Kernels}), which scripts/publish-dispatch.sh's launcher starts on this CPU, against the JIT:");
        o.WriteLine();
        o.WriteLine("| workload | AOT v4 SGD/s | ÷ JIT | AOT v4 Adam/s | ÷ JIT | AOT v4 batch-1 µs | ÷ JIT | AOT v4 batch-256/s | ÷ JIT |");
        o.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var w in r.Workloads)
        {
            if (!aot.OneThreadAvx512.TryGetValue(w.Name, out var a) || !r.NetGen.TryGetValue((w.Name, 1), out var j)) continue;
            o.WriteLine($"| {w.Name} | {Format(a.TrainSgd, "N0")} | {Ratio(a.TrainSgd / j.TrainSgd)} | {Format(a.TrainAdam, "N0")} | {Ratio(a.TrainAdam / j.TrainAdam)} | " +
                        $"{Format(a.InferBatch1Microseconds, "F2")} | {Ratio(j.InferBatch1Microseconds / a.InferBatch1Microseconds)} | {Format(a.InferBatch256, "N0")} | {Ratio(a.InferBatch256 / j.InferBatch256)} |");
        }
    }

    private static System.Func<PeerRun, bool> HasInference(RunResults r) =>
        p => r.Workloads.Any(w => !double.IsNaN(p.Of(w.Name, 1).InferBatch1Microseconds));
}
