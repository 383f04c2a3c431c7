using System;
using System.Diagnostics;

namespace NetGen.Benchmarks.TorchSharp;

/// <summary>
/// The timing method of NetGen's own harness (NetGen.Benchmarks, Performance/Harness.cs), so the two sides' figures
/// compare: a warm-up of at least <see cref="WarmupSeconds"/> and 30 calls that also sizes the trials, then
/// <see cref="Trials"/> trials of about <see cref="TrialSeconds"/>; the figure is the median trial's rate.
/// </summary>
internal static class Harness
{
    public static int Trials { get; set; } = 5;
    public static double TrialSeconds { get; set; } = 0.4;
    public static double WarmupSeconds { get; set; } = 0.6;

    /// <summary>Median calls per second of <paramref name="work"/>(iteration).</summary>
    public static double CallsPerSecond(Action<int> work)
    {
        long calls = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < WarmupSeconds || calls < 30) work((int)calls++);
        double perCall = clock.Elapsed.TotalSeconds / calls;
        long batch = Math.Max(1, (long)(TrialSeconds / perCall));

        var rates = new double[Trials];
        for (int t = 0; t < Trials; t++)
        {
            long start = Stopwatch.GetTimestamp();
            for (long i = 0; i < batch; i++) work((int)(calls + i));
            calls += batch;
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            rates[t] = batch / seconds;
        }
        Array.Sort(rates);
        return rates[Trials / 2];
    }
}
