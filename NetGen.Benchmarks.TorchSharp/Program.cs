using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using NetGen.Benchmarks.Performance;
using TorchSharp;

namespace NetGen.Benchmarks.TorchSharp;

/// <summary>
/// <c>dotnet run -c Release --project NetGen.Benchmarks.TorchSharp -- [--workloads S,L] [--threads 1,2] [--quick]</c>:
/// the peer figures of NetGen's performance workloads, measured with TorchSharp (libtorch), one JSON line per
/// workload × thread count on stdout and nothing else there; diagnostics go to stderr.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        string[] names = Workload.All.Select(w => w.Name).ToArray();
        int[] threadCounts = { 1, 2 };
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": Harness.Trials = 3; Harness.TrialSeconds = 0.15; Harness.WarmupSeconds = 0.3; break;
                case "--workloads" when i + 1 < args.Length: names = args[++i].Split(','); break;
                case "--threads" when i + 1 < args.Length:
                    if (!TryParseThreads(args[++i], out threadCounts)) { Console.Error.WriteLine($"bad --threads '{args[i]}': expected positive integers, e.g. 1,2"); return 2; }
                    break;
                default:
                    Console.Error.WriteLine($"unknown option '{args[i]}'");
                    Console.Error.WriteLine("usage: [--workloads S,S-BN,M,L,D] [--threads 1,2] [--quick]");
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

        if (!TryLoadLibTorch(out string? error))
        {
            Console.Error.WriteLine("error: libtorch could not be loaded, so nothing was measured.");
            Console.Error.WriteLine(error);
            return 3;
        }
        // Inter-op threads only serve parallel graph execution (TorchScript fork/wait), never eager code: one, set
        // once before any parallel work starts, as libtorch requires.
        torch.set_num_interop_threads(1);
        Console.Error.WriteLine($"TorchSharp {typeof(torch).Assembly.GetName().Version}, libtorch {torch.__version__}, {Environment.ProcessorCount} cores");

        foreach (var w in workloads)
        {
            foreach (int threads in threadCounts)
            {
                torch.set_num_threads(threads);
                var f = Runner.Measure(w, out long parameters);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{{\"workload\":\"{w.Name}\",\"threads\":{threads},\"batch\":{w.Batch},\"params\":{parameters},\"train_sgd_sps\":{f.TrainSgd:F0},\"train_adam_sps\":{f.TrainAdam:F0},\"infer_b1_us\":{f.InferBatch1Microseconds:F3},\"infer_b256_sps\":{f.InferBatch256:F0}}}"));
            }
        }
        return 0;
    }

    private static bool TryParseThreads(string text, out int[] threads)
    {
        var parts = text.Split(',');
        threads = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out threads[i]) || threads[i] < 1) return false;
        return true;
    }

    /// <summary>
    /// The first call into TorchSharp loads the native libraries. On failure TorchSharp writes its load trace to
    /// stdout, which belongs to the JSON lines: stdout is captured meanwhile (the exception repeats the trace), and a
    /// failure is reported with the dynamic loader's own reason first.
    /// </summary>
    private static bool TryLoadLibTorch(out string? error)
    {
        var stdout = Console.Out;
        Console.SetOut(new StringWriter());
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            using var probe = torch.ones(2);
            error = null;
            return true;
        }
        catch (Exception e)
        {
            error = $"{LoaderReason()}\n\nTorchSharp's exception, with its load trace:\n{e}";
            return false;
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    /// <summary>Why the dynamic loader refuses the wrapper, if it does (TorchSharp's own message does not say).</summary>
    private static string LoaderReason()
    {
        string wrapper = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (!OperatingSystem.IsLinux() || !File.Exists(wrapper)) return $"(no {wrapper} to probe)";
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(wrapper));
            return $"The dynamic loader accepts {wrapper}; see TorchSharp's trace below.";
        }
        catch (DllNotFoundException e)
        {
            return $"The dynamic loader refuses {wrapper}: {e.Message}\n" +
                   "If it names GLIBCXX_3.4.32, the wrapper was not patched for this libstdc++: the build runs " +
                   "NetGen.Benchmarks.TorchSharp/setup-native.sh, which needs gcc and patchelf (see its header).";
        }
    }
}
