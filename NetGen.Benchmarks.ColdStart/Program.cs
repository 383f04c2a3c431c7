using System;
using System.Globalization;
using System.Linq;
using NetGen.Benchmarks.Performance;

namespace NetGen.Benchmarks.ColdStart;

/// <summary>
/// The NativeAOT side of NetGen.Benchmarks, one mode per launch:
/// <list type="bullet">
/// <item><c>cold W input.bin</c>: creates workload W's network with the weights embedded at build time, predicts the
/// first input row and prints the first output (no model file is read); <c>cold W input.bin weights.safetensors</c>:
/// the same network shape loading its weights from the checkpoint. NetGen.Benchmarks times the process from its launch
/// to that line.</item>
/// <item><c>time W threads trials trialSeconds warmupSeconds</c>: NetGenRunner's measurements (the JIT figures' code,
/// linked in) of workload W, printed as one JSON line.</item>
/// <item><c>info</c>: which workloads carry embedded weights and which vector paths this binary runs, one JSON line.</item>
/// </list>
/// </summary>
internal static class Program
{
    private const string Usage =
        "usage: NetGen.Benchmarks.ColdStart cold W input.bin [weights.safetensors] | " + TimeMode.Usage + " | info";

    private static int Main(string[] args)
    {
        switch (args)
        {
            case ["info"]:
                Console.WriteLine(Info());
                return 0;
            case ["cold", var name, var input]:
                return Cold(name, input, weights: null);
            case ["cold", var name, var input, var weights]:
                return Cold(name, input, weights);
            case ["time", ..]:
                return TimeMode.Run(args.AsSpan(1));
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    private static int Cold(string name, string inputPath, string? weights)
    {
        INetwork? network;
        if (weights is null)
        {
            network = EmbeddedNetworks.Create(name);
            if (network is null)
            {
                Console.Error.WriteLine($"workload '{name}' has no embedded weights in this build (embedded: {EmbeddedNetworks.Names}); pass its weights file");
                return 2;
            }
        }
        else
        {
            network = Workload.All.FirstOrDefault(w => w.Name == name)?.Create();
            if (network is null)
            {
                Console.Error.WriteLine($"unknown workload '{name}' ({string.Join(", ", Workload.All.Select(w => w.Name))})");
                return 2;
            }
            Checkpoint.Load(weights, network);
        }
        var input = FloatFile.Read(inputPath).AsSpan(0, network.InputSize);
        var output = new float[network.OutputSize];
        network.Predict(input, output);
        Console.WriteLine(output[0].ToString("R", CultureInfo.InvariantCulture));
        return 0;
    }

    /// <summary>What this binary was built with and runs: the parent names the AOT side's kernels from this, not from its own CPU.</summary>
    private static string Info() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{{\"embedded\":\"{EmbeddedNetworks.Names}\",{KernelPaths.Current().Json()}}}");
}
