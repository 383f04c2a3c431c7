using System;
using System.IO;
using System.Linq;
using NetGen.Benchmarks.Performance;

namespace NetGen.Benchmarks;

/// <summary>
/// Entry point. With no command (or only options) it runs the performance benchmark
/// (docs/PERFORMANCE.md): <c>dotnet run -c Release --project NetGen.Benchmarks [-- --json]</c>.
/// <c>-- build-cost</c> measures the generator's cost per build (docs/BUILD-COST.md).
/// <c>-- peer-files DIR [S,M,L]</c> writes the files the benchmark's child processes use (checkpoints, ONNX models,
/// inputs, expected outputs) into DIR, so that NetGen.Benchmarks.ColdStart can be published by hand with
/// <c>-p:ColdStartWeightsDir=DIR</c> (docs/PERFORMANCE.md, cold start). <c>-- time W threads trials trialSeconds
/// warmupSeconds</c> is the child side of the AOT comparison (<see cref="TimeMode"/>).
/// </summary>
public static class Program
{
    /// <summary>Runs the command <paramref name="args"/> names and returns its exit code (2 for bad arguments).</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "build-cost") return BuildCost.Run(args.AsSpan(1));
        if (args.Length > 0 && args[0] == "perf") return PerformanceCommand.Run(args.AsSpan(1));
        if (args.Length > 0 && args[0] == "peer-files") return WritePeerFiles(args.AsSpan(1));
        if (args.Length > 0 && args[0] == "time") return TimeMode.Run(args.AsSpan(1));
        return PerformanceCommand.Run(args);
    }

    private static int WritePeerFiles(ReadOnlySpan<string> args)
    {
        if (args.Length is < 1 or > 2)
        {
            Console.Error.WriteLine("usage: dotnet run -c Release --project NetGen.Benchmarks -- peer-files DIR [S,M,L]");
            return 2;
        }
        string[] names = args.Length == 2 ? args[1].Split(',') : Workload.All.Select(w => w.Name).ToArray();
        var unknown = names.FirstOrDefault(n => Workload.All.All(w => w.Name != n));
        if (unknown is not null)
        {
            Console.Error.WriteLine($"unknown workload '{unknown}' (known: {string.Join(", ", Workload.All.Select(w => w.Name))})");
            return 2;
        }
        string dir = Path.GetFullPath(args[0]);
        PeerFiles.Write(Workload.All.Where(w => names.Contains(w.Name)), dir);
        Console.WriteLine(dir);
        return 0;
    }
}
