using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace NetGen.Benchmarks.Performance;

/// <summary>
/// <c>dotnet run -c Release --project NetGen.Benchmarks -- [--json] [--json-file PATH] [--workloads S,L] [--threads 1,2]
/// [--peer torchsharp,onnxruntime|pytorch|none] [--no-serving] [--no-cold-start] [--no-aot] [--embed S,M,L|none] [--quick]</c>: the machine's
/// FMA peak and read bandwidths, every workload × thread count for NetGen, serving under load, then each peer in turn,
/// then the NativeAOT binary's figures at 1 thread and the cold starts, all in this one run; then the ratios, the bounds
/// and the issue's targets. <c>--quick</c> (the CI smoke run) implies <c>--no-aot</c>: it publishes nothing it need not.
/// </summary>
internal static class PerformanceCommand
{
    private const string Usage =
        "usage: dotnet run -c Release --project NetGen.Benchmarks -- [--json] [--workloads S,S-BN,M,L,D] [--threads 1,2] [--peer torchsharp,onnxruntime,pytorch|none] [--json-file PATH] [--no-serving] [--no-cold-start] [--no-aot] [--embed S,M,L|none] [--quick]\n" +
        "       dotnet run -c Release --project NetGen.Benchmarks -- build-cost [--repetitions N]";

    /// <summary>Workloads measured under serving load (issue 17 item 5) and for cold start (item 6).</summary>
    private static readonly string[] ServingWorkloads = { "S", "M" };
    private static readonly string[] ColdStartWorkloads = { "S", "M", "L" };

    public static int Run(ReadOnlySpan<string> args)
    {
        bool json = false, quick = false, serving = true, coldStart = true, aot = true;
        string? jsonFile = null;
        string[] names = Workload.All.Select(w => w.Name).ToArray();
        int[] threadCounts = { 1, 2 };
        string[] peers = { "torchsharp", "onnxruntime" };
        string[] embed = AotBinary.Embeddable;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json": json = true; break;
                case "--json-file" when i + 1 < args.Length: jsonFile = args[++i]; break;
                case "--quick": quick = true; Harness.Trials = 3; Harness.TrialSeconds = 0.15; Harness.WarmupSeconds = 0.3; break;
                case "--no-serving": serving = false; break;
                case "--no-cold-start": coldStart = false; break;
                case "--no-aot": aot = false; break;
                case "--embed" when i + 1 < args.Length:
                    embed = args[++i] == "none" ? Array.Empty<string>() : args[i].Split(',');
                    var notEmbeddable = embed.FirstOrDefault(e => !AotBinary.Embeddable.Contains(e));
                    if (notEmbeddable is not null) { Console.Error.WriteLine($"--embed: '{notEmbeddable}' is not one of {string.Join(", ", AotBinary.Embeddable)} (or none)"); return 2; }
                    break;
                case "--workloads" when i + 1 < args.Length: names = args[++i].Split(','); break;
                case "--threads" when i + 1 < args.Length:
                    if (!TryParseThreads(args[++i], out threadCounts)) { Console.Error.WriteLine(Usage); return 2; }
                    break;
                case "--peer" when i + 1 < args.Length:
                    peers = args[++i].Split(',');
                    if (peers.Length == 1 && peers[0] == "none") peers = Array.Empty<string>();
                    var unknown = peers.FirstOrDefault(p => !Peer.Known.Contains(p));
                    if (unknown is not null) { Console.Error.WriteLine($"unknown peer '{unknown}' (known: {string.Join(", ", Peer.Known)}, or none)"); return 2; }
                    peers = peers.Distinct().ToArray();
                    break;
                case "--help" or "-h": Console.WriteLine(Usage); return 0;
                default:
                    Console.Error.WriteLine($"unknown or incomplete option '{args[i]}'");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        var workloads = new List<Workload>();
        foreach (var name in names)
        {
            var w = Workload.All.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase));
            if (w is null) { Console.Error.WriteLine($"unknown workload '{name}' (known: {string.Join(", ", Workload.All.Select(x => x.Name))})"); return 2; }
            workloads.Add(w);
        }

        var log = json ? Console.Error : Console.Out;
        var cpu = CpuInfo.Read();
        log.WriteLine($"NetGen.Benchmarks: {Environment.ProcessorCount} processors, Vector<float> {Vector<float>.Count} lanes, AVX-512 {(Vector512.IsHardwareAccelerated ? "on" : "off")}, .NET {Environment.Version}");
        log.WriteLine($"CPU: {cpu}");
        // Measured before and again after NetGen's workloads, keeping the higher: the first 2-thread
        // reading of a process came out at 1.0-1.3× one thread (the second core busy, most likely with
        // the JIT's background tier-1 compilation of the start-up code), the second at 2.0×, and the
        // low one made "% of peak" at 2 threads read 113 %.
        var peakWide = threadCounts.ToDictionary(t => t, t => Peak.GigaFlops(t));
        var peak256 = threadCounts.ToDictionary(t => t, t => Peak.GigaFlops(t, wide: false));
        foreach (int t in threadCounts)
            log.WriteLine($"peak FP32 FMA at {t} thread(s): {peakWide[t]:F1} GFLOP/s with {Peak.VectorName}, {peak256[t]:F1} GFLOP/s with 256-bit vectors");
        var levels = Bandwidth.Measure(quick);
        foreach (var level in levels)
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read bandwidth, 1 thread, {level.BufferBytes >> 10} KB buffer ({level.Name}): {level.GigabytesPerSecond:F1} GB/s"));

        // The first measurement of a process ran ~35 % slow (tiering of the shared kernels not done
        // within one warm-up): run a short untimed pass of the first workload before any figure counts.
        NetGenRunner.WarmUp(workloads[0]);
        var netgen = new Dictionary<(string, int), Figures>();
        var work = workloads.ToDictionary(w => w.Name, w => Work.Of(w.Create()));
        foreach (var w in workloads)
        {
            foreach (int threads in threadCounts)
            {
                var f = NetGenRunner.Measure(w, threads);
                netgen[(w.Name, threads)] = f;
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"NetGen {w.Name,-5} t={threads}: SGD {f.TrainSgd,10:N0}/s  Adam {f.TrainAdam,10:N0}/s  batch-1 {f.InferBatch1Microseconds,8:F2} µs  batch-256 {f.InferBatch256,10:N0}/s"));
            }
        }
        foreach (int t in threadCounts)
        {
            double wide = Peak.GigaFlops(t), narrow = Peak.GigaFlops(t, wide: false);
            log.WriteLine($"peak FP32 FMA at {t} thread(s), measured again: {wide:F1} GFLOP/s with {Peak.VectorName}, {narrow:F1} GFLOP/s with 256-bit vectors");
            peakWide[t] = Math.Max(peakWide[t], wide);
            peak256[t] = Math.Max(peak256[t], narrow);
        }

        double serveSeconds = quick ? 0.3 : 2.0;
        var servingWorkloads = serving ? workloads.Where(w => ServingWorkloads.Contains(w.Name)).ToList() : new List<Workload>();
        var netgenServing = new Dictionary<string, ServingFigures>();
        foreach (var w in servingWorkloads)
        {
            var s = netgenServing[w.Name] = Serving.Measure(w, serveSeconds);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"NetGen {w.Name,-5} serving, {s.Callers} callers: {s.CallsPerSecond:N0} calls/s, P50 {s.P50Microseconds:F2} µs, P99 {s.P99Microseconds:F2} µs, P99.9 {s.P999Microseconds:F2} µs, max {s.MaxMicroseconds:F0} µs, allocated {s.CallerAllocatedBytes} B on the callers, {s.ProcessAllocatedBytes} B in the process"));
        }

        var coldWorkloads = coldStart ? workloads.Where(w => ColdStartWorkloads.Contains(w.Name)).ToList() : new List<Workload>();
        // A NativeAOT publish takes a minute or more: the smoke run (--quick) leaves it out.
        var aotWorkloads = aot && !quick && threadCounts.Contains(1) ? workloads : new List<Workload>();
        bool publish = coldWorkloads.Count > 0 || aotWorkloads.Count > 0;
        bool onnx = peers.Contains("onnxruntime");
        // The binary embeds the --embed checkpoints at build time, so they are written whichever workloads run.
        string? modelDir = onnx || publish
            ? PeerFiles.Write(publish ? workloads.Union(Workload.All.Where(w => embed.Contains(w.Name))) : workloads)
            : null;
        try
        {
            var peerRuns = new List<PeerRun>();
            foreach (var peer in peers)
            {
                var run = Peer.Measure(peer, workloads, threadCounts, quick, modelDir ?? "");
                if (peer == "onnxruntime" && servingWorkloads.Count > 0) Peer.MeasureServing(run, servingWorkloads, Serving.Callers, serveSeconds, modelDir!);
                peerRuns.Add(run);
            }
            var cold = new Dictionary<string, ColdStartFigures>();
            AotResults? aotResults = null;
            if (publish)
            {
                var binary = AotBinary.Publish(modelDir!, embed);
                if (binary is not null)
                {
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"NativeAOT binary: published in {binary.PublishSeconds:F0} s, {binary.Bytes / 1e6:F1} MB; weights embedded for {(binary.Embedded.Length == 0 ? "none" : string.Join(", ", binary.Embedded))}; {(binary.Embeds("L") ? "" : "L reads its checkpoint file (--embed; embedding it costs about 2.6 GB of build memory); ")}the file-path launches of every workload read the checkpoint"));
                    log.WriteLine($"kernels: JIT {KernelPaths.Current()}; NativeAOT (x86-64-v3) {binary.Kernels}");
                }
                if (binary is not null)
                {
                    var figures = new Dictionary<string, Figures>();
                    var jit256 = new Dictionary<string, Figures>();
                    KernelPaths? jit256Kernels = null;
                    try
                    {
                        foreach (var w in aotWorkloads)
                        {
                            var f = figures[w.Name] = binary.Time(w.Name, 1);
                            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                                $"NetGen {w.Name,-5} t=1 NativeAOT: SGD {f.TrainSgd,10:N0}/s  Adam {f.TrainAdam,10:N0}/s  batch-1 {f.InferBatch1Microseconds,8:F2} µs  batch-256 {f.InferBatch256,10:N0}/s"));
                            // Where this JIT runs the 512-bit kernels, the AOT binary's 256-bit ones are also timed under
                            // the JIT, so that the compiler and the kernel width can be told apart.
                            if (!KernelPaths.Current().HasAvx512F) continue;
                            (var g, jit256Kernels) = AotBinary.TimeJitWithoutAvx512(w.Name, 1);
                            jit256[w.Name] = g;
                            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                                $"NetGen {w.Name,-5} t=1 JIT, AVX-512 off: SGD {g.TrainSgd,10:N0}/s  Adam {g.TrainAdam,10:N0}/s  batch-1 {g.InferBatch1Microseconds,8:F2} µs  batch-256 {g.InferBatch256,10:N0}/s"));
                        }
                    }
                    catch (Exception failure) when (IsLaunchFailure(failure))
                    {
                        // A failed launch leaves the AOT figures out of the report; the other figures still stand.
                        Console.Error.WriteLine($"{failure.Message}; no AOT figures.");
                        figures.Clear();
                        jit256.Clear();
                    }
                    // Where the CPU runs x86-64-v4, the AVX-512 build (what scripts/publish-dispatch.sh's launcher starts
                    // here) is timed too: whether a published binary gets what the JIT gets. It embeds nothing (the timing
                    // uses the benchmark's own networks), so its publish takes seconds, not L's half minute.
                    AotBinary? avx512 = null;
                    var figuresAvx512 = new Dictionary<string, Figures>();
                    if (figures.Count > 0 && AotBinary.CpuRunsAvx512Build)
                    {
                        avx512 = AotBinary.Publish(modelDir!, Array.Empty<string>(), AotBinary.Avx512Build);
                        try
                        {
                            foreach (var w in aotWorkloads)
                            {
                                if (avx512 is null) break;
                                var f = figuresAvx512[w.Name] = avx512.Time(w.Name, 1);
                                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                                    $"NetGen {w.Name,-5} t=1 NativeAOT x86-64-v4: SGD {f.TrainSgd,10:N0}/s  Adam {f.TrainAdam,10:N0}/s  batch-1 {f.InferBatch1Microseconds,8:F2} µs  batch-256 {f.InferBatch256,10:N0}/s"));
                            }
                        }
                        catch (Exception failure) when (IsLaunchFailure(failure))
                        {
                            Console.Error.WriteLine($"{failure.Message}; no x86-64-v4 AOT figures.");
                            figuresAvx512.Clear();
                        }
                    }
                    aotResults = new AotResults(binary, KernelPaths.Current(), figures, jit256, jit256Kernels, avx512, figuresAvx512);
                }
                string? ortAssembly = onnx ? Peer.OnnxRuntimeAssembly() : null;
                try
                {
                    foreach (var w in coldWorkloads)
                    {
                        var c = cold[w.Name] = ColdStart.Measure(w.Name, binary, ortAssembly, modelDir!);
                        log.WriteLine($"cold start {w.Name}: NetGen NativeAOT {ColdStart.Format(c.NetGenEmbeddedMs)} ms embedded weights, {ColdStart.Format(c.NetGenFileMs)} ms weights file; ONNX Runtime process {ColdStart.Format(c.OrtProcessMs)} ms (its Main to session {ColdStart.Format(c.OrtSessionMs)} ms, to first output {ColdStart.Format(c.OrtFirstOutputMs)} ms)");
                    }
                }
                catch (Exception failure) when (IsLaunchFailure(failure))
                {
                    // A launch that fails leaves the cold start out of the report; the other figures still stand.
                    Console.Error.WriteLine($"{failure.Message}; no cold-start figures.");
                    cold.Clear();
                }
            }

            var results = new RunResults(cpu, workloads, threadCounts, work, netgen, peerRuns, peakWide, peak256, levels, netgenServing, cold, aotResults);
            if (json) JsonReport.Write(Console.Out, results);
            else Report.Write(Console.Out, results);
            if (jsonFile is not null)
            {
                // The markdown and the JSON lines of the same run, so one run gives both.
                try
                {
                    using var file = new System.IO.StreamWriter(jsonFile);
                    JsonReport.Write(file, results);
                }
                catch (Exception failure) when (failure is System.IO.IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"error: could not write the JSON lines to --json-file '{jsonFile}': {failure.Message}");
                    return 2;
                }
            }
        }
        catch (PeerMismatchException mismatch)
        {
            Console.Error.WriteLine($"error: {mismatch.Message}");
            return 4;
        }
        finally
        {
            if (modelDir is not null) PeerFiles.Delete(modelDir);
        }

        // Serving must not allocate: a caller thread that did is a failed run, after the figures are out.
        var allocating = netgenServing.Where(s => s.Value.CallerAllocatedBytes != 0).Select(s => s.Key).ToList();
        if (allocating.Count > 0)
        {
            Console.Error.WriteLine($"error: NetGen's Predict allocated on the serving callers ({string.Join(", ", allocating)}); it must allocate nothing.");
            return 5;
        }
        return 0;
    }

    private static bool IsLaunchFailure(Exception failure) =>
        failure is InvalidOperationException or System.Text.Json.JsonException or KeyNotFoundException or System.ComponentModel.Win32Exception;

    private static bool TryParseThreads(string text, out int[] counts)
    {
        counts = Array.Empty<int>();
        var parts = text.Split(',');
        var values = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]) || values[i] < 1) return false;
        counts = values;
        return true;
    }
}
