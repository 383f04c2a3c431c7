using System;

namespace NetGen.Benchmarks;

/// <summary>
/// Entry point. With no command (or only options) it runs the performance benchmark
/// (docs/PERFORMANCE.md): <c>dotnet run -c Release --project NetGen.Benchmarks [-- --json]</c>.
/// <c>-- build-cost</c> measures the generator's cost per build (docs/BUILD-COST.md).
/// </summary>
public static class Program
{
    /// <summary>Runs the command <paramref name="args"/> names and returns its exit code (2 for bad arguments).</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "build-cost") return BuildCost.Run(args.AsSpan(1));
        if (args.Length > 0 && args[0] == "perf") return Performance.PerformanceCommand.Run(args.AsSpan(1));
        return Performance.PerformanceCommand.Run(args);
    }
}
