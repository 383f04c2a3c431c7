using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace NetGen.Benchmarks.Performance;

/// <summary>
/// <c>dotnet run -c Release --project NetGen.Benchmarks -- [--json] [--workloads S,L] [--threads 1,2]
/// [--peer torchsharp|pytorch|none] [--quick]</c>: every workload × thread count for NetGen, then for
/// the peer, plus the machine's peak FMA throughput, all measured in this one run, then the ratios
/// and the issue's targets.
/// </summary>
internal static class PerformanceCommand
{
    private const string Usage =
        "usage: dotnet run -c Release --project NetGen.Benchmarks -- [--json] [--workloads S,S-BN,M,L,D] [--threads 1,2] [--peer torchsharp|pytorch|none] [--quick]\n" +
        "       dotnet run -c Release --project NetGen.Benchmarks -- build-cost [--repetitions N]";

    public static int Run(ReadOnlySpan<string> args)
    {
        bool json = false, quick = false;
        string[] names = Workload.All.Select(w => w.Name).ToArray();
        int[] threadCounts = { 1, 2 };
        string peer = "torchsharp";
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json": json = true; break;
                case "--quick": quick = true; Harness.Trials = 3; Harness.TrialSeconds = 0.15; Harness.WarmupSeconds = 0.3; break;
                case "--workloads" when i + 1 < args.Length: names = args[++i].Split(','); break;
                case "--threads" when i + 1 < args.Length:
                    if (!TryParseThreads(args[++i], out threadCounts)) { Console.Error.WriteLine(Usage); return 2; }
                    break;
                case "--peer" when i + 1 < args.Length && args[i + 1] is "torchsharp" or "pytorch" or "none": peer = args[++i]; break;
                case "--help" or "-h": Console.WriteLine(Usage); return 0;
                default:
                    Console.Error.WriteLine($"unknown or incomplete option '{args[i]}'");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        var workloads = new List<Workload>();
        foreach (var name in names)
        {
            var w = Workload.All.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase));
            if (w is null) { Console.Error.WriteLine($"unknown workload '{name}' (known: {string.Join(", ", Workload.All.Select(x => x.Name))})"); return 2; }
            workloads.Add(w);
        }

        var log = json ? Console.Error : Console.Out;
        log.WriteLine($"NetGen.Benchmarks: {Environment.ProcessorCount} processors, Vector<float> {Vector<float>.Count} lanes, AVX-512 {(Vector512.IsHardwareAccelerated ? "on" : "off")}, .NET {Environment.Version}");
        // Measured before and again after NetGen's workloads, keeping the higher: the first 2-thread
        // reading of a process came out at 1.0-1.3× one thread (the second core busy, most likely with
        // the JIT's background tier-1 compilation of the start-up code), the second at 2.0×, and the
        // low one made "% of peak" at 2 threads read 113 %.
        var peakWide = threadCounts.ToDictionary(t => t, t => Peak.GigaFlops(t));
        var peak256 = threadCounts.ToDictionary(t => t, t => Peak.GigaFlops(t, wide: false));
        foreach (int t in threadCounts)
            log.WriteLine($"peak FP32 FMA at {t} thread(s): {peakWide[t]:F1} GFLOP/s with {Peak.VectorName}, {peak256[t]:F1} GFLOP/s with 256-bit vectors");

        // The first measurement of a process ran ~35 % slow (tiering of the shared kernels not done
        // within one warm-up): run a short untimed pass of the first workload before any figure counts.
        NetGenRunner.WarmUp(workloads[0]);
        var netgen = new Dictionary<(string, int), Figures>();
        var parameters = workloads.ToDictionary(w => w.Name, w => w.Create().ParameterCount);
        foreach (var w in workloads)
        {
            foreach (int threads in threadCounts)
            {
                var f = NetGenRunner.Measure(w, threads);
                netgen[(w.Name, threads)] = f;
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"NetGen {w.Name,-5} t={threads}: SGD {f.TrainSgd,10:N0}/s  Adam {f.TrainAdam,10:N0}/s  batch-1 {f.InferBatch1Microseconds,8:F2} µs  batch-256 {f.InferBatch256,10:N0}/s"));
            }
        }
        foreach (int t in threadCounts)
        {
            double wide = Peak.GigaFlops(t), narrow = Peak.GigaFlops(t, wide: false);
            log.WriteLine($"peak FP32 FMA at {t} thread(s), measured again: {wide:F1} GFLOP/s with {Peak.VectorName}, {narrow:F1} GFLOP/s with 256-bit vectors");
            peakWide[t] = Math.Max(peakWide[t], wide);
            peak256[t] = Math.Max(peak256[t], narrow);
        }
        var peers = Peer.Measure(peer, workloads, threadCounts, quick);

        if (json)
        {
            foreach (var w in workloads)
                foreach (int threads in threadCounts)
                    Console.WriteLine(JsonLine(w, threads, parameters[w.Name], netgen[(w.Name, threads)], peers.GetValueOrDefault((w.Name, threads), Figures.Missing), peer, peakWide[threads]));
            return 0;
        }

        Report.Write(Console.Out, workloads, threadCounts, parameters, netgen, peers, Peer.Describe(peer), peakWide, peak256);
        return 0;
    }

    private static bool TryParseThreads(string text, out int[] counts)
    {
        counts = Array.Empty<int>();
        var parts = text.Split(',');
        var values = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]) || values[i] < 1) return false;
        counts = values;
        return true;
    }

    private static string JsonLine(Workload w, int threads, int parameters, Figures n, Figures p, string peer, double peak)
    {
        static string Number(double value, string format) => double.IsNaN(value) ? "null" : value.ToString(format, CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"workload\":\"{w.Name}\",\"threads\":{threads},\"batch\":{w.Batch},\"params\":{parameters}," +
            $"\"train_sgd_sps\":{Number(n.TrainSgd, "F0")},\"train_adam_sps\":{Number(n.TrainAdam, "F0")},\"infer_b1_us\":{Number(n.InferBatch1Microseconds, "F3")},\"infer_b256_sps\":{Number(n.InferBatch256, "F0")}," +
            $"\"peer\":\"{peer}\",\"peer_train_sgd_sps\":{Number(p.TrainSgd, "F0")},\"peer_train_adam_sps\":{Number(p.TrainAdam, "F0")},\"peer_infer_b1_us\":{Number(p.InferBatch1Microseconds, "F3")},\"peer_infer_b256_sps\":{Number(p.InferBatch256, "F0")}," +
            $"\"peak_gflops\":{Number(peak, "F1")}}}");
    }
}
