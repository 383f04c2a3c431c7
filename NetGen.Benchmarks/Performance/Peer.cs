using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;

namespace NetGen.Benchmarks.Performance;

/// <summary>
/// The peer framework, run as a child process after NetGen's own measurements (never at the same
/// time): TorchSharp 0.107 (libtorch 2.10) from NetGen.Benchmarks.TorchSharp, or Debian's PyTorch 1.13
/// from tools/bench/pytorch_peer.py. Both time the same workloads with the same method and print one
/// JSON line per workload × threads with the keys of <c>--json</c>.
/// </summary>
internal static class Peer
{
    public static string Describe(string peer) => peer switch
    {
        "torchsharp" => "TorchSharp 0.107 (libtorch 2.10)",
        "pytorch" => "PyTorch (Debian python3-torch)",
        _ => "none",
    };

    /// <summary>The peer's figures by (workload, threads); empty, with the reason on stderr, when it cannot run.</summary>
    public static Dictionary<(string, int), Figures> Measure(string peer, IReadOnlyList<Workload> workloads, IReadOnlyList<int> threads, bool quick)
    {
        var figures = new Dictionary<(string, int), Figures>();
        if (peer == "none") return figures;
        string root = RepositoryRoot();
        string names = string.Join(",", System.Linq.Enumerable.Select(workloads, w => w.Name));
        string counts = string.Join(",", threads);
        string arguments = $"--workloads {names} --threads {counts}" + (quick ? " --quick" : "");
        var start = peer == "pytorch"
            ? new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3", $"{Path.Combine(root, "tools", "bench", "pytorch_peer.py")} {arguments}")
            : new ProcessStartInfo("dotnet", $"run -c Release --project {Path.Combine(root, "NetGen.Benchmarks.TorchSharp")} -- {arguments}");
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        Console.Error.WriteLine($"peer: {start.FileName} {start.Arguments}");
        try
        {
            using var process = Process.Start(start)!;
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null)
            {
                if (!line.StartsWith('{')) continue;
                using var json = JsonDocument.Parse(line);
                var e = json.RootElement;
                figures[(e.GetProperty("workload").GetString()!, e.GetProperty("threads").GetInt32())] = new Figures(
                    e.GetProperty("train_sgd_sps").GetDouble(), e.GetProperty("train_adam_sps").GetDouble(),
                    e.GetProperty("infer_b1_us").GetDouble(), e.GetProperty("infer_b256_sps").GetDouble());
            }
            process.WaitForExit();
            if (process.ExitCode != 0) Console.Error.WriteLine($"peer: exited with code {process.ExitCode}; its figures are left out.");
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Console.Error.WriteLine($"peer: could not run ({exception.Message}); its figures are left out.");
        }
        return figures;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "NetGen.sln"))) return directory.FullName;
        return Directory.GetCurrentDirectory();
    }
}
