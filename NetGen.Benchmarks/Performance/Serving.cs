using System;

namespace NetGen.Benchmarks.Performance;

/// <summary>
/// NetGen's side of serving under load: one shared network instance, <c>Predict</c> of one sample called from
/// <see cref="Callers"/> threads at once (Predict is safe to share, README), each caller with its own input row
/// and output buffer. <c>MaxThreads</c> is 1: the callers are the parallelism, as ORT's session runs with one
/// intra-op thread beside it.
/// </summary>
internal static class Serving
{
    public const int Callers = 8;

    public static ServingFigures Measure(Workload workload, double seconds)
    {
        var net = workload.Create();
        net.Initialize(1);
        net.MaxThreads = 1;
        var random = new Random(13);
        return ServingLoad.Run(Callers, seconds, _ =>
        {
            var input = new float[net.InputSize];
            for (int i = 0; i < input.Length; i++) input[i] = (float)random.NextGaussian();
            var output = new float[net.OutputSize];
            return () => net.Predict(input, output);
        });
    }
}
