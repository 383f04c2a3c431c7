using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Benchmarks.Performance;

/// <summary>One memory level's measured read bandwidth and the buffer size it was measured with.</summary>
internal sealed record MemoryLevel(string Name, long BufferBytes, long CapacityBytes, double GigabytesPerSecond);

/// <summary>
/// Streaming read bandwidth of one core, measured in the same run as the networks: a vectorised sum (eight
/// independent accumulators of the widest accelerated vector, so neither add latency nor the loop limits it) over a
/// 64-byte aligned buffer (trials alternate the widest vector and 256-bit ones) sized to live in one level: 512 KB (L2), 12 MB (about L's 11.7 MB of weights: L3 when the
/// L3 holds it) and 256 MB (DRAM). Each figure is the best of several trials, each trial several passes over a
/// buffer that an untimed pass has already brought into its level. GB/s are 10^9 bytes per second.
/// </summary>
internal static class Bandwidth
{
    public static MemoryLevel[] Measure(bool quick)
    {
        long l2 = CacheSize(2), l3 = CacheSize(3);
        return new[]
        {
            new MemoryLevel("L2", 512 << 10, l2, Read(512 << 10, quick ? 2_000 : 6_000, quick ? 4 : 8)),
            new MemoryLevel("L3", 12 << 20, l3, Read(12 << 20, quick ? 40 : 100, quick ? 4 : 8)),
            new MemoryLevel("DRAM", 256 << 20, 0, Read(256 << 20, quick ? 2 : 4, quick ? 2 : 6)),
        };
    }

    /// <summary>The level a network's weights live in between batch-1 calls: the smallest whose capacity holds them (DRAM when the sizes are unknown).</summary>
    public static MemoryLevel LevelOf(long weightBytes, MemoryLevel[] levels)
    {
        foreach (var level in levels)
            if (level.CapacityBytes > 0 && weightBytes <= level.CapacityBytes) return level;
        return levels[^1];
    }

    /// <summary>Per-core cache size of a level from sysfs (Linux), 0 when unknown.</summary>
    public static long CacheSize(int level)
    {
        for (int index = 0; index < 8; index++)
        {
            string dir = $"/sys/devices/system/cpu/cpu0/cache/index{index}";
            try
            {
                if (!File.Exists(Path.Combine(dir, "level")) || File.ReadAllText(Path.Combine(dir, "level")).Trim() != level.ToString(System.Globalization.CultureInfo.InvariantCulture)) continue;
                string size = File.ReadAllText(Path.Combine(dir, "size")).Trim();
                long multiplier = size.EndsWith('K') ? 1L << 10 : size.EndsWith('M') ? 1L << 20 : 1;
                return long.Parse(size.TrimEnd('K', 'M'), System.Globalization.CultureInfo.InvariantCulture) * multiplier;
            }
            catch (IOException)
            {
                return 0;
            }
        }
        return 0;
    }

    private static unsafe double Read(long bytes, int passes, int trials)
    {
        long floats = bytes / sizeof(float);
        float* buffer = (float*)NativeMemory.AlignedAlloc((nuint)bytes, 64);
        try
        {
            new Span<float>(buffer, (int)floats).Fill(1f);
            s_sink += Sum(buffer, floats, wide: true) + Sum(buffer, floats, wide: false);
            double best = 0;
            for (int t = 0; t < trials; t++)
            {
                long start = Stopwatch.GetTimestamp();
                // Trials alternate the widest vector and 256-bit ones, keeping the best: on a core that splits
                // 512-bit loads (Zen 4) either can be the faster.
                bool wide = t % 2 == 0;
                for (int p = 0; p < passes; p++) s_sink += Sum(buffer, floats, wide);
                double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                best = Math.Max(best, (double)bytes * passes / seconds / 1e9);
            }
            return best;
        }
        finally
        {
            NativeMemory.AlignedFree(buffer);
        }
    }

    /// <summary>Where the sums go, so the JIT cannot drop the loops. Written, never read (hence IDE0052 is suppressed for it alone).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE0052", Justification = "A sink for benchmark results, written only so the loops are not removed.")]
    private static float s_sink;

    // Fully optimized from the first call: the DRAM figure makes too few calls for tiering to finish in time.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static unsafe float Sum(float* data, long count, bool wide)
    {
        if (wide && Vector512.IsHardwareAccelerated)
        {
            Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
            for (long i = 0; i + 128 <= count; i += 128)
            {
                a0 += Vector512.LoadAligned(data + i); a1 += Vector512.LoadAligned(data + i + 16);
                a2 += Vector512.LoadAligned(data + i + 32); a3 += Vector512.LoadAligned(data + i + 48);
                a4 += Vector512.LoadAligned(data + i + 64); a5 += Vector512.LoadAligned(data + i + 80);
                a6 += Vector512.LoadAligned(data + i + 96); a7 += Vector512.LoadAligned(data + i + 112);
            }
            return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7);
        }
        Vector256<float> b0 = default, b1 = default, b2 = default, b3 = default, b4 = default, b5 = default, b6 = default, b7 = default;
        for (long i = 0; i + 64 <= count; i += 64)
        {
            b0 += Vector256.Load(data + i); b1 += Vector256.Load(data + i + 8);
            b2 += Vector256.Load(data + i + 16); b3 += Vector256.Load(data + i + 24);
            b4 += Vector256.Load(data + i + 32); b5 += Vector256.Load(data + i + 40);
            b6 += Vector256.Load(data + i + 48); b7 += Vector256.Load(data + i + 56);
        }
        return Vector256.Sum(b0 + b1 + b2 + b3 + b4 + b5 + b6 + b7);
    }
}
