using System;
using System.Diagnostics;
using System.Threading;

namespace NetGen.Benchmarks.Performance;

/// <summary>What one serving run measured: calls from all callers together, per-call latency percentiles, allocations.</summary>
internal sealed record ServingFigures(int Callers, double Seconds, long Calls, double CallsPerSecond,
    double P50Microseconds, double P99Microseconds, double P999Microseconds, double MaxMicroseconds,
    long CallerAllocatedBytes, long ProcessAllocatedBytes);

/// <summary>
/// Serving under load: <c>callers</c> threads call one shared model back to back for a fixed time. Each call's
/// duration (from one <see cref="Stopwatch"/> timestamp to the next) goes into the caller's preallocated array, so
/// the measured loop does nothing but call and store. Allocations are read around the loop on every caller thread
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>, exact per thread) and for the whole process
/// (<see cref="GC.GetTotalAllocatedBytes"/>, which also sees the runtime's own threads). Each caller first makes
/// warm-up calls on its own thread, so per-thread scratch a model may create on a thread's first call is not counted.
/// Shared by NetGen.Benchmarks and the ONNX Runtime peer, so both sides are measured alike.
/// </summary>
internal static class ServingLoad
{
    /// <summary>The upper bound on calls one caller records per second of the run: the array is sized for it, and a caller stops when it is full.</summary>
    private const int MaxCallsPerSecond = 1_500_000;

    /// <summary>
    /// Runs <paramref name="callers"/> threads for <paramref name="seconds"/>; <paramref name="callerOf"/>(i) gives
    /// caller i's call, made with that caller's own buffers (created before the threads start).
    /// </summary>
    public static ServingFigures Run(int callers, double seconds, Func<int, Action> callerOf, int warmupCalls = 2_000)
    {
        var calls = new Action[callers];
        for (int i = 0; i < callers; i++) calls[i] = callerOf(i);
        int capacity = (int)Math.Min(int.MaxValue / 2, seconds * MaxCallsPerSecond + 1024);
        var durations = new int[callers][];
        var counts = new int[callers];
        var allocated = new long[callers];
        long deadline = 0;
        using var ready = new CountdownEvent(callers);
        using var start = new ManualResetEventSlim();
        var threads = new Thread[callers];
        for (int c = 0; c < callers; c++)
        {
            int caller = c;
            durations[caller] = new int[capacity];
            threads[caller] = new Thread(() =>
            {
                var call = calls[caller];
                var mine = durations[caller];
                // Touch every page of the array now: a fresh array's pages fault in on first write, which would
                // otherwise land inside the measured calls' durations.
                mine.AsSpan().Fill(-1);
                for (int i = 0; i < warmupCalls; i++) call();
                ready.Signal();
                start.Wait();
                long before = GC.GetAllocatedBytesForCurrentThread();
                long end = Volatile.Read(ref deadline);
                long previous = Stopwatch.GetTimestamp();
                int n = 0;
                while (n < mine.Length)
                {
                    call();
                    long now = Stopwatch.GetTimestamp();
                    mine[n++] = (int)Math.Min(now - previous, int.MaxValue);
                    if (now >= end) break;
                    previous = now;
                }
                allocated[caller] = GC.GetAllocatedBytesForCurrentThread() - before;
                counts[caller] = n;
            }) { IsBackground = true, Name = $"serving caller {caller}" };
            threads[caller].Start();
        }
        ready.Wait();
        long processBefore = GC.GetTotalAllocatedBytes(precise: true);
        long begin = Stopwatch.GetTimestamp();
        Volatile.Write(ref deadline, begin + (long)(seconds * Stopwatch.Frequency));
        start.Set();
        foreach (var thread in threads) thread.Join();
        double elapsed = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        long processAllocated = GC.GetTotalAllocatedBytes(precise: true) - processBefore;

        // After the measurement: merge every caller's durations and read the percentiles off the sorted whole.
        long total = 0;
        foreach (int n in counts) total += n;
        var all = new int[total];
        long offset = 0;
        for (int c = 0; c < callers; c++)
        {
            Array.Copy(durations[c], 0, all, offset, counts[c]);
            offset += counts[c];
        }
        Array.Sort(all);
        long callerAllocated = 0;
        foreach (long bytes in allocated) callerAllocated += bytes;
        double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Clamp((long)Math.Ceiling(p * all.Length) - 1, 0, all.Length - 1)] * 1e6 / Stopwatch.Frequency;
        return new ServingFigures(callers, elapsed, total, total / elapsed, Percentile(0.50), Percentile(0.99), Percentile(0.999), Percentile(1.0), callerAllocated, processAllocated);
    }
}
