using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace NetGen.Benchmarks.Performance;

/// <summary>One peer's figures by (workload, threads), and its serving figures by workload (ONNX Runtime only).</summary>
internal sealed record PeerRun(string Name, string Description, Dictionary<(string, int), Figures> Figures, Dictionary<string, ServingFigures> Serving)
{
    public Figures Of(string workload, int threads) => Figures.TryGetValue((workload, threads), out var f) ? f : Performance.Figures.Missing;
}

/// <summary>The run cannot go on: a peer computed something other than NetGen, so none of its figures may be compared.</summary>
internal sealed class PeerMismatchException(string message) : Exception(message);

/// <summary>
/// The peer frameworks, each run as a child process after NetGen's own measurements (never at the same time):
/// TorchSharp 0.107 (libtorch 2.10) from NetGen.Benchmarks.TorchSharp, Debian's PyTorch 1.13 from
/// tools/bench/pytorch_peer.py, ONNX Runtime 1.31.1 from NetGen.Benchmarks.OnnxRuntime (inference only, on the
/// models NetGen exports: <see cref="PeerFiles"/>). Each times the same workloads with the same method and prints
/// one JSON line per workload × threads with the keys of <c>--json</c>; a missing or null figure reads as NaN.
/// </summary>
internal static class Peer
{
    public static readonly string[] Known = { "torchsharp", "pytorch", "onnxruntime" };

    public static string Describe(string peer) => peer switch
    {
        "torchsharp" => "TorchSharp 0.107 (libtorch 2.10)",
        "pytorch" => "PyTorch (Debian python3-torch)",
        "onnxruntime" => "ONNX Runtime 1.31.1 (CPU, RunWithBinding)",
        _ => "none",
    };

    /// <summary>
    /// The peer's figures; empty, with the reason on stderr, when it cannot run. Throws <see cref="PeerMismatchException"/>
    /// when ONNX Runtime's outputs differ from NetGen's (its exit code 4).
    /// </summary>
    public static PeerRun Measure(string peer, IReadOnlyList<Workload> workloads, IReadOnlyList<int> threads, bool quick, string modelDir)
    {
        string names = string.Join(",", workloads.Select(w => w.Name));
        string arguments = $"--workloads {names} --threads {string.Join(",", threads)}" + (quick ? " --quick" : "");
        var start = peer switch
        {
            "pytorch" => new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3", $"{Path.Combine(RepositoryRoot(), "tools", "bench", "pytorch_peer.py")} {arguments}"),
            "onnxruntime" => DotnetRun("NetGen.Benchmarks.OnnxRuntime", $"measure --dir {modelDir} {arguments}"),
            _ => DotnetRun("NetGen.Benchmarks.TorchSharp", arguments),
        };
        var figures = new Dictionary<(string, int), Figures>();
        int exitCode = RunLines(start, e =>
        {
            string workload = e.GetProperty("workload").GetString()!;
            figures[(workload, e.GetProperty("threads").GetInt32())] = new Figures(
                Number(e, "train_sgd_sps"), Number(e, "train_adam_sps"), Number(e, "infer_b1_us"), Number(e, "infer_b256_sps"));
            double error = Number(e, "max_relative_error");
            if (!double.IsNaN(error)) Console.Error.WriteLine($"peer: {workload}: every output matched NetGen's, largest relative difference {error:G3}");
        });
        if (peer == "onnxruntime" && exitCode == 4)
            throw new PeerMismatchException("ONNX Runtime's outputs differ from NetGen's on the same exported model (its message is above): no figure of this run is comparable.");
        return new PeerRun(peer, Describe(peer), figures, new Dictionary<string, ServingFigures>());
    }

    /// <summary>ONNX Runtime's serving figures: one shared session called from <paramref name="callers"/> threads (NetGen.Benchmarks.OnnxRuntime <c>serve</c>).</summary>
    public static void MeasureServing(PeerRun run, IReadOnlyList<Workload> workloads, int callers, double seconds, string modelDir)
    {
        var start = DotnetRun("NetGen.Benchmarks.OnnxRuntime", string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"serve --dir {modelDir} --workloads {string.Join(",", workloads.Select(w => w.Name))} --callers {callers} --seconds {seconds}"));
        RunLines(start, e => run.Serving[e.GetProperty("workload").GetString()!] = new ServingFigures(
            e.GetProperty("callers").GetInt32(), Number(e, "seconds"), e.GetProperty("calls").GetInt64(), Number(e, "calls_per_s"),
            Number(e, "p50_us"), Number(e, "p99_us"), Number(e, "p999_us"), Number(e, "max_us"),
            e.GetProperty("caller_alloc_bytes").GetInt64(), e.GetProperty("process_alloc_bytes").GetInt64()));
    }

    /// <summary>The path of the ONNX Runtime peer's built assembly (built by its <c>measure</c> run), for the cold-start launches.</summary>
    public static string OnnxRuntimeAssembly() =>
        Path.Combine(RepositoryRoot(), "NetGen.Benchmarks.OnnxRuntime", "bin", "Release", "net10.0", "NetGen.Benchmarks.OnnxRuntime.dll");

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "NetGen.sln"))) return directory.FullName;
        return Directory.GetCurrentDirectory();
    }

    private static ProcessStartInfo DotnetRun(string project, string arguments) =>
        new("dotnet", $"run -c Release --project {Path.Combine(RepositoryRoot(), project)} -- {arguments}");

    private static double Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : double.NaN;

    /// <summary>Runs the peer, hands each JSON line of its stdout to <paramref name="line"/>, and returns its exit code (-1 when it could not run).</summary>
    private static int RunLines(ProcessStartInfo start, Action<JsonElement> line)
    {
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        Console.Error.WriteLine($"peer: {start.FileName} {start.Arguments}");
        try
        {
            using var process = Process.Start(start)!;
            string? text;
            while ((text = process.StandardOutput.ReadLine()) is not null)
            {
                if (!text.StartsWith('{')) continue;
                using var json = JsonDocument.Parse(text);
                line(json.RootElement);
            }
            process.WaitForExit();
            if (process.ExitCode != 0) Console.Error.WriteLine($"peer: exited with code {process.ExitCode}; its figures are left out.");
            return process.ExitCode;
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Console.Error.WriteLine($"peer: could not run ({exception.Message}); its figures are left out.");
            return -1;
        }
    }
}
