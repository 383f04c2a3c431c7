using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Threading;

namespace NetGen.Benchmarks.Performance;

/// <summary>
/// The machine's peak FP32 fused multiply-add throughput, measured in the same run as the networks:
/// 12 independent accumulator chains (enough to cover FMA latency × pipes on current x64 cores) of
/// the widest accelerated vector, on 1 and on 2 threads at once. GFLOP/s counts an FMA as 2 flops.
/// </summary>
internal static class Peak
{
    /// <summary>Peak with the widest accelerated vector (<paramref name="wide"/>) or with 256-bit vectors.</summary>
    public static double GigaFlops(int threads, bool wide = true)
    {
        const long iterations = 40_000_000;
        double best = 0;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var workers = new Thread[threads];
            using var start = new ManualResetEventSlim();
            for (int t = 0; t < threads; t++)
            {
                workers[t] = new Thread(() => { start.Wait(); s_sink += wide ? Run(iterations) : Run256(iterations); });
                workers[t].Start();
            }
            var clock = Stopwatch.StartNew();
            start.Set();
            foreach (var w in workers) w.Join();
            double seconds = clock.Elapsed.TotalSeconds;
            double flops = threads * (double)iterations * 12 * (wide ? Lanes : 8) * 2;
            best = Math.Max(best, flops / seconds / 1e9);
        }
        return best;
    }

    public static int Lanes => Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : 4;

    public static string VectorName => Vector512.IsHardwareAccelerated ? "Vector512 (AVX-512)" : Vector256.IsHardwareAccelerated ? "Vector256 (AVX2)" : "Vector128";

    /// <summary>
    /// Where the timed loops' results go, so the JIT cannot drop them as unused. Written, never read:
    /// that is its purpose (hence IDE0052 is suppressed for it alone).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE0052", Justification = "A sink for benchmark results, written only so the loops are not removed.")]
    private static float s_sink;

    private static float Run(long iterations) =>
        Vector512.IsHardwareAccelerated ? Run512(iterations) : Run256(iterations);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Run512(long iterations)
    {
        var m = Vector512.Create(0.9999999f);
        var a = Vector512.Create(1e-7f);
        Vector512<float> c0 = Vector512.Create(1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, m, a); c1 = Vector512.FusedMultiplyAdd(c1, m, a);
            c2 = Vector512.FusedMultiplyAdd(c2, m, a); c3 = Vector512.FusedMultiplyAdd(c3, m, a);
            c4 = Vector512.FusedMultiplyAdd(c4, m, a); c5 = Vector512.FusedMultiplyAdd(c5, m, a);
            c6 = Vector512.FusedMultiplyAdd(c6, m, a); c7 = Vector512.FusedMultiplyAdd(c7, m, a);
            c8 = Vector512.FusedMultiplyAdd(c8, m, a); c9 = Vector512.FusedMultiplyAdd(c9, m, a);
            c10 = Vector512.FusedMultiplyAdd(c10, m, a); c11 = Vector512.FusedMultiplyAdd(c11, m, a);
        }
        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Run256(long iterations)
    {
        var m = Vector256.Create(0.9999999f);
        var a = Vector256.Create(1e-7f);
        Vector256<float> c0 = Vector256.Create(1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, m, a); c1 = Vector256.FusedMultiplyAdd(c1, m, a);
            c2 = Vector256.FusedMultiplyAdd(c2, m, a); c3 = Vector256.FusedMultiplyAdd(c3, m, a);
            c4 = Vector256.FusedMultiplyAdd(c4, m, a); c5 = Vector256.FusedMultiplyAdd(c5, m, a);
            c6 = Vector256.FusedMultiplyAdd(c6, m, a); c7 = Vector256.FusedMultiplyAdd(c7, m, a);
            c8 = Vector256.FusedMultiplyAdd(c8, m, a); c9 = Vector256.FusedMultiplyAdd(c9, m, a);
            c10 = Vector256.FusedMultiplyAdd(c10, m, a); c11 = Vector256.FusedMultiplyAdd(c11, m, a);
        }
        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }
}
