using System;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text.Json;

namespace NetGen.Benchmarks.Performance;

/// <summary>Which vector paths one side runs: the 512-bit GEMM (Gemm512, taken when AVX-512F is there) or the 256-bit one.</summary>
internal sealed record KernelPaths(bool HasAvx512F, bool HasVector512, int VectorLanes)
{
    /// <summary>This process's paths.</summary>
    public static KernelPaths Current() => new(Avx512F.IsSupported, Vector512.IsHardwareAccelerated, Vector<float>.Count);

    public override string ToString() =>
        $"{(HasAvx512F ? "512-bit GEMM (Avx512F.IsSupported)" : "256-bit GEMM (no AVX-512F)")}, Vector<float> {VectorLanes} lanes, Vector512 {(HasVector512 ? "accelerated" : "not accelerated")}";

    public string Json() =>
        $"\"avx512f\":{(HasAvx512F ? "true" : "false")},\"vector512\":{(HasVector512 ? "true" : "false")},\"vector_lanes\":{VectorLanes}";

    public static KernelPaths Parse(JsonElement e) =>
        new(e.GetProperty("avx512f").GetBoolean(), e.GetProperty("vector512").GetBoolean(), e.GetProperty("vector_lanes").GetInt32());
}

/// <summary>
/// <c>time W threads trials trialSeconds warmupSeconds</c>, in a child process: <see cref="NetGenRunner"/>'s figures of
/// workload W with the parent's <see cref="Harness"/> settings, printed as one JSON line with the kernels this process
/// runs. The NativeAOT binary and a JIT process with AVX-512 switched off both run it, so their figures come from the
/// same code as the parent's JIT figures.
/// </summary>
internal static class TimeMode
{
    public const string Usage = "time W threads trials trialSeconds warmupSeconds";

    /// <summary>The arguments that make a child measure <paramref name="workload"/> as this process would.</summary>
    public static string Arguments(string workload, int threads) =>
        string.Create(CultureInfo.InvariantCulture, $"time {workload} {threads} {Harness.Trials} {Harness.TrialSeconds:R} {Harness.WarmupSeconds:R}");

    public static int Run(ReadOnlySpan<string> args)
    {
        string name = args.Length == 5 ? args[0] : "";
        var workload = Workload.All.FirstOrDefault(w => w.Name == name);
        if (workload is null
            || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out int threads) || threads < 1
            || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out int trials) || trials < 1
            || !double.TryParse(args[3], NumberStyles.Float, CultureInfo.InvariantCulture, out double trialSeconds) || !(trialSeconds > 0)
            || !double.TryParse(args[4], NumberStyles.Float, CultureInfo.InvariantCulture, out double warmup) || !(warmup >= 0))
        {
            Console.Error.WriteLine($"bad arguments to 'time': {string.Join(' ', args.ToArray())}; usage: {Usage} (W one of {string.Join(", ", Workload.All.Select(w => w.Name))})");
            return 2;
        }
        // Under the JIT the first measurement of a process runs slow until tiering settles (as in the parent, which
        // warms up once before its figures); compiled ahead of time there is nothing to settle.
        if (RuntimeFeature.IsDynamicCodeCompiled) NetGenRunner.WarmUp(workload);
        (Harness.Trials, Harness.TrialSeconds, Harness.WarmupSeconds) = (trials, trialSeconds, warmup);
        var f = NetGenRunner.Measure(workload, threads);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"workload\":\"{workload.Name}\",\"threads\":{threads},\"train_sgd_sps\":{f.TrainSgd:R},\"train_adam_sps\":{f.TrainAdam:R},\"infer_b1_us\":{f.InferBatch1Microseconds:R},\"infer_b256_sps\":{f.InferBatch256:R},{KernelPaths.Current().Json()}}}"));
        return 0;
    }

    /// <summary>A child's line back into its figures and kernels.</summary>
    public static (Figures Figures, KernelPaths Kernels) Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        var e = json.RootElement;
        var figures = new Figures(e.GetProperty("train_sgd_sps").GetDouble(), e.GetProperty("train_adam_sps").GetDouble(),
            e.GetProperty("infer_b1_us").GetDouble(), e.GetProperty("infer_b256_sps").GetDouble());
        return (figures, KernelPaths.Parse(e));
    }
}
