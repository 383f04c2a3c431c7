using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Microsoft.ML.OnnxRuntime;
using NetGen.Benchmarks.Performance;

namespace NetGen.Benchmarks.OnnxRuntime;

/// <summary>
/// The ONNX Runtime peer of NetGen's performance benchmark. NetGen.Benchmarks writes, for each workload W, the
/// network exported by <c>OnnxExporter</c> (<c>W.onnx</c>), 256 input rows (<c>W.input.bin</c>) and NetGen's own
/// outputs for them (<c>W.expected.bin</c>) into one folder, then runs one of:
/// <list type="bullet">
/// <item><c>measure --dir D --workloads S,M --threads 1,2 [--quick]</c>: checks every output against NetGen's
/// (batch 1 and 256), exits 4 on a mismatch before timing anything, then prints one JSON line per workload × threads
/// with <c>infer_b1_us</c> and <c>infer_b256_sps</c> (training: null, ORT here is inference only);</item>
/// <item><c>serve --dir D --workloads S,M --callers 8 --seconds 2</c>: one shared session called from the callers;</item>
/// <item><c>cold --dir D --workload M</c>: session creation and the first run, timed from the start of Main.</item>
/// </list>
/// Only JSON lines go to stdout; diagnostics go to stderr.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var clock = Stopwatch.StartNew();
        if (args.Length == 0) return Fail("usage: measure|serve|cold --dir D [--workloads S,M] [--workload M] [--threads 1,2] [--callers 8] [--seconds 2] [--quick]");
        string mode = args[0];
        string? dir = null, workload = null;
        string[] workloads = Array.Empty<string>();
        int[] threads = { 1, 2 };
        int callers = 8;
        double seconds = 2;
        for (int i = 1; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--quick": Harness.Trials = 3; Harness.TrialSeconds = 0.15; Harness.WarmupSeconds = 0.3; break;
                case "--dir" when value is not null: dir = value; i++; break;
                case "--workloads" when value is not null: workloads = value.Split(','); i++; break;
                case "--workload" when value is not null: workload = value; i++; break;
                case "--threads" when value is not null && TryParseCounts(value, out threads): i++; break;
                case "--callers" when value is not null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out callers) && callers > 0: i++; break;
                case "--seconds" when value is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds > 0: i++; break;
                default: return Fail($"unknown or incomplete option '{args[i]}'");
            }
        }
        if (dir is null || !Directory.Exists(dir)) return Fail($"--dir must name the folder NetGen.Benchmarks wrote the models into (got '{dir}')");
        try
        {
            return Run(mode, dir, workloads, workload, threads, callers, seconds, clock);
        }
        catch (Exception failure) when (failure is IOException or OnnxRuntimeException or UnauthorizedAccessException)
        {
            return Fail(failure.Message, code: 3);
        }
    }

    private static int Run(string mode, string dir, string[] workloads, string? workload, int[] threads, int callers, double seconds, Stopwatch clock)
    {
        switch (mode)
        {
            case "measure":
                Console.Error.WriteLine($"ONNX Runtime {OrtEnv.Instance().GetVersionString()}, {Environment.ProcessorCount} cores");
                foreach (var name in workloads)
                {
                    var model = OrtModel.Load(dir, name);
                    // Every output is checked before anything is timed: a peer that computes something else is no peer.
                    var mismatch = model.Check();
                    if (mismatch is not null) return Fail($"{name}: ONNX Runtime's outputs differ from NetGen's: {mismatch}", code: 4);
                    foreach (int t in threads)
                    {
                        var (b1, b256) = model.Measure(t);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{{\"workload\":\"{name}\",\"threads\":{t},\"train_sgd_sps\":null,\"train_adam_sps\":null,\"infer_b1_us\":{b1:F3},\"infer_b256_sps\":{b256:F0},\"max_relative_error\":{model.MaxRelativeError:G3}}}"));
                    }
                }
                return 0;
            case "serve":
                foreach (var name in workloads)
                {
                    var s = OrtModel.Load(dir, name).Serve(callers, seconds);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{{\"workload\":\"{name}\",\"callers\":{s.Callers},\"seconds\":{s.Seconds:F3},\"calls\":{s.Calls},\"calls_per_s\":{s.CallsPerSecond:F0},\"p50_us\":{s.P50Microseconds:F3},\"p99_us\":{s.P99Microseconds:F3},\"p999_us\":{s.P999Microseconds:F3},\"max_us\":{s.MaxMicroseconds:F3},\"caller_alloc_bytes\":{s.CallerAllocatedBytes},\"process_alloc_bytes\":{s.ProcessAllocatedBytes}}}"));
                }
                return 0;
            case "cold":
                if (workload is null) return Fail("cold needs --workload");
                var (sessionMs, firstRunMs, output0) = OrtModel.ColdStart(dir, workload, clock);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{{\"workload\":\"{workload}\",\"main_to_session_ms\":{sessionMs:F3},\"main_to_first_output_ms\":{firstRunMs:F3},\"output0\":{output0:R}}}"));
                return 0;
            default:
                return Fail($"unknown mode '{mode}' (measure, serve or cold)");
        }
    }

    private static bool TryParseCounts(string text, out int[] counts)
    {
        var parts = text.Split(',');
        counts = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out counts[i]) || counts[i] < 1) return false;
        return true;
    }

    private static int Fail(string message, int code = 2)
    {
        Console.Error.WriteLine($"onnxruntime peer: {message}");
        return code;
    }
}
