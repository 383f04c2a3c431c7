using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace NetGen.Benchmarks.Performance;

/// <summary>
/// The published NativeAOT binary NetGen.Benchmarks.ColdStart (x86-64-v3, as NetGen.Samples ships): published once per
/// run with the run's checkpoints of <c>--embed</c> (S, M and L unless told) embedded at build time, then launched for the cold starts
/// (<see cref="ColdStart"/>) and for the AOT figures (<see cref="Time"/>).
/// </summary>
internal sealed record AotBinary(string Path, double PublishSeconds, long Bytes, string[] Embedded, KernelPaths Kernels, string InstructionSet)
{
    /// <summary>
    /// The workloads whose weights can be embedded (the binary has a class for each). All three are by default: L's
    /// 11.7 MB add about 27 s to the publish and 2.6 GB of peak build memory (docs/PERFORMANCE.md); <c>--embed S,M</c>
    /// leaves L on its checkpoint file where that is too much.
    /// </summary>
    public static readonly string[] Embeddable = { "S", "M", "L" };

    /// <summary>The instruction set NetGen.Samples ships and the cold start measures: AVX2, every x64 CPU since 2013-2015.</summary>
    public const string Avx2Build = "x86-64-v3";

    /// <summary>The AVX-512 build that scripts/publish-dispatch.sh's launcher starts where the CPU has x86-64-v4.</summary>
    public const string Avx512Build = "x86-64-v4";

    /// <summary>Whether this CPU runs an x86-64-v4 binary: AVX-512 F, BW, CD, DQ and VL.</summary>
    public static bool CpuRunsAvx512Build =>
        System.Runtime.Intrinsics.X86.Avx512F.IsSupported && System.Runtime.Intrinsics.X86.Avx512BW.IsSupported && System.Runtime.Intrinsics.X86.Avx512CD.IsSupported
        && System.Runtime.Intrinsics.X86.Avx512DQ.IsSupported && System.Runtime.Intrinsics.X86.Avx512F.VL.IsSupported;

    /// <summary>
    /// Publishes the binary for <paramref name="instructionSet"/> with the checkpoints of <paramref name="embedded"/> in
    /// <paramref name="weightsDir"/> built in and returns it, or null (with the reason on stderr).
    /// </summary>
    public static AotBinary? Publish(string weightsDir, string[] embedded, string instructionSet = Avx2Build)
    {
        string[] wanted = Embeddable.Where(embedded.Contains).ToArray();
        string root = Peer.RepositoryRoot();
        string output = System.IO.Path.Combine(root, "NetGen.Benchmarks.ColdStart", "bin", instructionSet == Avx2Build ? "publish" : "publish-" + instructionSet);
        // Joined by '+': MSBuild splits a -p value at ',' and ';'.
        string embed = wanted.Length == 0 ? "none" : string.Join("+", wanted);
        var start = new ProcessStartInfo("dotnet",
            $"publish {System.IO.Path.Combine(root, "NetGen.Benchmarks.ColdStart")} -c Release -o {output} -clp:NoSummary -p:ColdStartWeightsDir={weightsDir} -p:ColdStartEmbed={embed} -p:IlcInstructionSet={instructionSet}")
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
            using var json = JsonDocument.Parse(FirstLine(new ProcessStartInfo(binary, "info")));
            var e = json.RootElement;
            carried = e.GetProperty("embedded").GetString() ?? "";
            kernels = KernelPaths.Parse(e);
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
        return new AotBinary(binary, seconds, new FileInfo(binary).Length, wanted, kernels, instructionSet);
    }

    public bool Embeds(string workload) => Embedded.Contains(workload);

    /// <summary>NetGenRunner's figures for <paramref name="workload"/>, measured inside the binary with this process's <see cref="Harness"/> settings.</summary>
    public Figures Time(string workload, int threads) => TimeMode.Parse(FirstLine(new ProcessStartInfo(Path, TimeMode.Arguments(workload, threads)))).Figures;

    /// <summary>
    /// The same figures from a JIT process (this benchmark's own assembly) with AVX-512 switched off
    /// (<c>DOTNET_EnableAVX512=0</c>): the 256-bit kernels the AOT binary runs, under the JIT, so that AOT ÷ this
    /// compares the compilers alone.
    /// </summary>
    public static (Figures Figures, KernelPaths Kernels) TimeJitWithoutAvx512(string workload, int threads)
    {
        string self = typeof(AotBinary).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", $"{self} {TimeMode.Arguments(workload, threads)}");
        start.Environment["DOTNET_EnableAVX512"] = "0";
        return TimeMode.Parse(FirstLine(start));
    }

    /// <summary>Runs the binary to its end and returns its first line; a failed run throws with its stderr.</summary>
    private static string FirstLine(ProcessStartInfo start)
    {
        (start.RedirectStandardOutput, start.RedirectStandardError, start.UseShellExecute) = (true, true, false);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string line = output.Split('\n')[0].Trim();
        if (process.ExitCode != 0 || line.Length == 0)
            throw new InvalidOperationException($"'{start.FileName} {start.Arguments}' exited with {process.ExitCode}: {error.Result.Trim()}");
        return line;
    }
}

/// <summary>
/// The NativeAOT side of one run: the binary (publish time, size, what it embeds, its kernels), the JIT side's kernels,
/// the AOT figures at 1 thread, and the JIT's with AVX-512 off (<see cref="AotBinary.TimeJitWithoutAvx512"/>) with its kernels;
/// on a CPU that runs it, the x86-64-v4 binary (AVX-512 kernels) and its figures too.
/// </summary>
internal sealed record AotResults(AotBinary Binary, KernelPaths Jit, IReadOnlyDictionary<string, Figures> OneThread,
    IReadOnlyDictionary<string, Figures> Jit256, KernelPaths? Jit256Kernels, AotBinary? Avx512Binary, IReadOnlyDictionary<string, Figures> OneThreadAvx512);
