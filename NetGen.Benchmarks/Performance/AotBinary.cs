using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Text.Json;

namespace NetGen.Benchmarks.Performance;

/// <summary>Which vector paths one side runs: the 512-bit GEMM (Gemm512, taken when AVX-512F is there) or the 256-bit one.</summary>
internal sealed record KernelPaths(bool Avx512F, bool Vector512, int VectorLanes)
{
    /// <summary>This process's paths: the JIT side's.</summary>
    public static KernelPaths Jit() => new(System.Runtime.Intrinsics.X86.Avx512F.IsSupported, System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated, Vector<float>.Count);

    public override string ToString() =>
        $"{(Avx512F ? "512-bit GEMM (Avx512F.IsSupported)" : "256-bit GEMM (no AVX-512F)")}, Vector<float> {VectorLanes} lanes, Vector512 {(Vector512 ? "accelerated" : "not accelerated")}";
}

/// <summary>
/// The published NativeAOT binary NetGen.Benchmarks.ColdStart (x86-64-v3, as NetGen.Samples ships): published once per
/// run with the run's checkpoints of <c>--embed</c> (S, M and L unless told) embedded at build time, then launched for the cold starts
/// (<see cref="ColdStart"/>) and for the AOT figures (<see cref="Time"/>).
/// </summary>
internal sealed record AotBinary(string Path, double PublishSeconds, long Bytes, string[] Embedded, KernelPaths Kernels)
{
    /// <summary>
    /// The workloads whose weights can be embedded (the binary has a class for each). All three are by default: L's
    /// 11.7 MB add about 27 s to the publish and 2.6 GB of peak build memory (docs/PERFORMANCE.md); <c>--embed S,M</c>
    /// leaves L on its checkpoint file where that is too much.
    /// </summary>
    public static readonly string[] Embeddable = { "S", "M", "L" };

    /// <summary>
    /// Publishes the binary with the checkpoints of <paramref name="embedded"/> in <paramref name="weightsDir"/> built in
    /// and returns it, or null (with the reason on stderr).
    /// </summary>
    public static AotBinary? Publish(string weightsDir, string[] embedded)
    {
        string[] wanted = Embeddable.Where(embedded.Contains).ToArray();
        string root = Peer.RepositoryRoot();
        string output = System.IO.Path.Combine(root, "NetGen.Benchmarks.ColdStart", "bin", "publish");
        // Joined by '+': MSBuild splits a -p value at ',' and ';'.
        string embed = wanted.Length == 0 ? "none" : string.Join("+", wanted);
        var start = new ProcessStartInfo("dotnet",
            $"publish {System.IO.Path.Combine(root, "NetGen.Benchmarks.ColdStart")} -c Release -o {output} -clp:NoSummary -p:ColdStartWeightsDir={weightsDir} -p:ColdStartEmbed={embed}")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        Console.Error.WriteLine($"NativeAOT: {start.FileName} {start.Arguments}");
        long begin = Stopwatch.GetTimestamp();
        using var process = Process.Start(start)!;
        string log = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        double seconds = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        string binary = System.IO.Path.Combine(output, "NetGen.Benchmarks.ColdStart");
        if (process.ExitCode != 0 || !File.Exists(binary))
        {
            Console.Error.WriteLine(log);
            Console.Error.WriteLine($"NativeAOT: the publish failed (exit {process.ExitCode}); no cold-start or AOT figures.");
            return null;
        }
        string carried;
        KernelPaths kernels;
        try
        {
            using var json = JsonDocument.Parse(FirstLine(binary, "info"));
            var e = json.RootElement;
            carried = e.GetProperty("embedded").GetString() ?? "";
            kernels = new KernelPaths(e.GetProperty("avx512f").GetBoolean(), e.GetProperty("vector512").GetBoolean(), e.GetProperty("vector_lanes").GetInt32());
        }
        catch (Exception failure) when (failure is InvalidOperationException or JsonException or KeyNotFoundException)
        {
            Console.Error.WriteLine($"NativeAOT: the binary did not describe itself ({failure.Message}); no cold-start or AOT figures.");
            return null;
        }
        // The binary says what it carries: a stale build or a csproj that ignored ColdStartEmbed shows here, not as wrong figures.
        if (carried != (wanted.Length == 0 ? "none" : string.Join(",", wanted)))
        {
            Console.Error.WriteLine($"NativeAOT: the binary embeds '{carried}', the run asked for '{embed}'; no cold-start or AOT figures.");
            return null;
        }
        return new AotBinary(binary, seconds, new FileInfo(binary).Length, wanted, kernels);
    }

    public bool Embeds(string workload) => Embedded.Contains(workload);

    /// <summary>NetGenRunner's figures for <paramref name="workload"/>, measured inside the binary with this process's <see cref="Harness"/> settings.</summary>
    public Figures Time(string workload, int threads)
    {
        string line = FirstLine(Path, string.Create(CultureInfo.InvariantCulture,
            $"time {workload} {threads} {Harness.Trials} {Harness.TrialSeconds:R} {Harness.WarmupSeconds:R}"));
        using var json = JsonDocument.Parse(line);
        var e = json.RootElement;
        return new Figures(e.GetProperty("train_sgd_sps").GetDouble(), e.GetProperty("train_adam_sps").GetDouble(),
            e.GetProperty("infer_b1_us").GetDouble(), e.GetProperty("infer_b256_sps").GetDouble());
    }

    /// <summary>Runs the binary to its end and returns its first line; a failed run throws with its stderr.</summary>
    private static string FirstLine(string binary, string arguments)
    {
        var start = new ProcessStartInfo(binary, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string line = output.Split('\n')[0].Trim();
        if (process.ExitCode != 0 || line.Length == 0)
            throw new InvalidOperationException($"NativeAOT: '{binary} {arguments}' exited with {process.ExitCode}: {error.Result.Trim()}");
        return line;
    }
}

/// <summary>The NativeAOT side of one run: the binary (publish time, size, what it embeds, its kernels), the JIT side's kernels and the AOT figures at 1 thread.</summary>
internal sealed record AotResults(AotBinary Binary, KernelPaths Jit, IReadOnlyDictionary<string, Figures> OneThread);
