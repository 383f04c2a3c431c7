using System;

namespace NetGen.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project NetGen.Benchmarks -- build-cost</c>.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "build-cost") return BuildCost.Run(args.AsSpan(1));
        if (args.Length > 0 && args[0] == "perf") return Performance.PerformanceCommand.Run(args.AsSpan(1));
        Console.Error.WriteLine("usage: dotnet run -c Release --project NetGen.Benchmarks -- build-cost [--repetitions N (default 51)]");
        return 2;
    }
}
