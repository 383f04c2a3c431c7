using System;
using System.Collections.Generic;

namespace NetGen.Benchmarks.Performance;

/// <summary>Everything one run measured, handed to the markdown report and the JSON lines.</summary>
internal sealed record RunResults(
    CpuInfo Cpu,
    IReadOnlyList<Workload> Workloads,
    IReadOnlyList<int> Threads,
    IReadOnlyDictionary<string, Work> Work,
    IReadOnlyDictionary<(string, int), Figures> NetGen,
    IReadOnlyList<PeerRun> Peers,
    IReadOnlyDictionary<int, double> PeakWide,
    IReadOnlyDictionary<int, double> Peak256,
    MemoryLevel[] Levels,
    IReadOnlyDictionary<string, ServingFigures> NetGenServing,
    IReadOnlyDictionary<string, ColdStartFigures> ColdStart,
    AotResults? Aot)
{
    /// <summary>The machine's FMA peak at <paramref name="threads"/>: the faster of the widest and the 256-bit vectors.</summary>
    public double Peak(int threads) => Math.Max(PeakWide[threads], Peak256[threads]);

    /// <summary>Where the workload's weights are assumed to live between batch-1 calls (the smallest level that holds them).</summary>
    public MemoryLevel WeightLevel(string workload) => Bandwidth.LevelOf(Work[workload].WeightBytes, Levels);

    /// <summary>
    /// The 1-thread batch-1 bound in µs: the larger of reading every weight once from its level and the forward pass's
    /// FLOPs at the FMA peak.
    /// </summary>
    public double Batch1BoundMicroseconds(string workload)
    {
        var work = Work[workload];
        double memory = work.WeightBytes / (WeightLevel(workload).GigabytesPerSecond * 1e9) * 1e6;
        double compute = work.InferenceFlopsPerSample / (Peak(1) * 1e9) * 1e6;
        return Math.Max(memory, compute);
    }

    public PeerRun? PeerNamed(string name)
    {
        foreach (var p in Peers)
            if (p.Name == name) return p;
        return null;
    }
}
