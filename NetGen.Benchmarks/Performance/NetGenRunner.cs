using System;

namespace NetGen.Benchmarks.Performance;

/// <summary>
/// Measures a NetGen network: training samples/s with SGD and with Adam (one <c>TrainStep</c>:
/// forward, loss, backward, update), batch-1 latency of the matrix-vector <c>Predict</c> and
/// batch-256 inference throughput. Inputs are standard-normal, labels uniform, cycled over eight
/// pre-drawn batches so no step allocates or reads the same cache lines twice in a row.
/// </summary>
internal static class NetGenRunner
{
    private const int Batches = 8;

    public static Figures Measure(Workload workload, int threads)
    {
        var net = workload.Create();
        net.MaxThreads = threads;
        int batch = workload.Batch;
        var random = new Random(7);
        var inputs = Normal(random, Batches * batch * net.InputSize);
        var labels = new float[Batches * batch];
        for (int i = 0; i < labels.Length; i++) labels[i] = random.Next(net.OutputSize);

        double Train(IOptimizer optimizer)
        {
            net.Initialize(1);
            double steps = Harness.CallsPerSecond(i =>
            {
                int b = i % Batches;
                net.TrainStep(inputs.AsSpan(b * batch * net.InputSize, batch * net.InputSize), labels.AsSpan(b * batch, batch), batch, optimizer);
            });
            return steps * batch;
        }

        double sgd = Train(new Sgd(0.01f));
        double adam = Train(new Adam(1e-4f));

        net.Initialize(1);
        var output = new float[Workload.InferenceBatch * net.OutputSize];
        var samples = Normal(random, Workload.InferenceBatch * net.InputSize);
        double single = Harness.CallsPerSecond(i =>
            net.Predict(samples.AsSpan(i % Workload.InferenceBatch * net.InputSize, net.InputSize), output.AsSpan(0, net.OutputSize)));
        double batched = Harness.CallsPerSecond(_ => net.Predict(samples, output, Workload.InferenceBatch)) * Workload.InferenceBatch;
        return new Figures(sgd, adam, 1e6 / single, batched);
    }

    /// <summary>Runs every measurement of <paramref name="workload"/> once with short trials and discards the figures.</summary>
    public static void WarmUp(Workload workload)
    {
        var (trials, trial, warmup) = (Harness.Trials, Harness.TrialSeconds, Harness.WarmupSeconds);
        (Harness.Trials, Harness.TrialSeconds, Harness.WarmupSeconds) = (1, 0.2, 0.5);
        try
        {
            Measure(workload, 1);
        }
        finally
        {
            (Harness.Trials, Harness.TrialSeconds, Harness.WarmupSeconds) = (trials, trial, warmup);
        }
    }

    private static float[] Normal(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)random.NextGaussian();
        return values;
    }
}

internal static class RandomExtensions
{
    public static double NextGaussian(this Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
