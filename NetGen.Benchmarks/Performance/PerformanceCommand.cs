using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NetGen.Benchmarks.Performance;

/// <summary>
/// <c>dotnet run -c Release --project NetGen.Benchmarks -- perf [--json] [--workloads S,L] [--threads 1,2]
/// [--peer torchsharp|none] [--quick]</c>: every workload × thread count for NetGen and the peer, the
/// machine's peak FMA throughput, and the ratios, all measured in this one run.
/// </summary>
internal static class PerformanceCommand
{
    public static int Run(ReadOnlySpan<string> args)
    {
        bool json = false;
        string[] names = Workload.All.Select(w => w.Name).ToArray();
        int[] threadCounts = { 1, 2 };
        string peer = "torchsharp";
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json": json = true; break;
                case "--quick": Harness.Trials = 3; Harness.TrialSeconds = 0.15; Harness.WarmupSeconds = 0.3; break;
                case "--workloads" when i + 1 < args.Length: names = args[++i].Split(','); break;
                case "--threads" when i + 1 < args.Length: threadCounts = args[++i].Split(',').Select(int.Parse).ToArray(); break;
                case "--peer" when i + 1 < args.Length: peer = args[++i]; break;
                case "--min-parallel-work" when i + 1 < args.Length: ParallelGemm.MinimumParallelWork = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"unknown option '{args[i]}'");
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

        var peaks = threadCounts.ToDictionary(t => t, Peak.GigaFlops);
        if (!json)
            Console.WriteLine($"peak FP32 FMA ({Peak.VectorName}): " + string.Join(", ", peaks.Select(p => $"{p.Value:F1} GFLOP/s at {p.Key} thread(s)")));
        foreach (var w in workloads)
        {
            foreach (int threads in threadCounts)
            {
                var netgen = NetGenRunner.Measure(w, threads);
                var probe = w.Create();
                if (json)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{{\"workload\":\"{w.Name}\",\"threads\":{threads},\"batch\":{w.Batch},\"params\":{probe.ParameterCount},\"train_sgd_sps\":{netgen.TrainSgd:F0},\"train_adam_sps\":{netgen.TrainAdam:F0},\"infer_b1_us\":{netgen.InferBatch1Microseconds:F3},\"infer_b256_sps\":{netgen.InferBatch256:F0}}}"));
                }
                else
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{w.Name,-5} t={threads} sgd {netgen.TrainSgd,10:N0}/s ({6.0 * probe.ParameterCount * netgen.TrainSgd / 1e9,5:F1} GFLOP/s)  adam {netgen.TrainAdam,10:N0}/s  b1 {netgen.InferBatch1Microseconds,8:F2} µs  b256 {netgen.InferBatch256,10:N0}/s"));
                }
            }
        }
        return 0;
    }
}
