using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>
/// Parallel training and inference give bit-identical results whatever <see cref="INetwork.MaxThreads"/>
/// is: the kernels split products by output columns or rows and updates by parameter ranges, never
/// the sums themselves. The thresholds below which work stays on one thread are set to zero here, so
/// every product of these small networks is split (and 3 parts run even on a 2-core machine). Runs in
/// the non-parallel collection because the thresholds are process-wide.
/// </summary>
[Collection(nameof(AllocationTests))]
public class ThreadingTests
{
    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var network in new[] { nameof(WideThreadingNet), nameof(CompactDigitsNet), nameof(StageBatchNormNet), nameof(PerLayerRegressionNet) })
            foreach (var optimizer in new[] { "sgd", "momentum", "adam", "adamw", "rmsprop" })
                foreach (int batch in new[] { 13, 64 })
                    data.Add(network, optimizer, batch);
        return data;
    }

    private static INetwork Create(string name) => name switch
    {
        nameof(WideThreadingNet) => new WideThreadingNet(),
        nameof(CompactDigitsNet) => new CompactDigitsNet(),
        nameof(StageBatchNormNet) => new StageBatchNormNet(),
        nameof(PerLayerRegressionNet) => new PerLayerRegressionNet(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static IOptimizer Optimizer(string name) => name switch
    {
        "sgd" => new Sgd(0.05f),
        "momentum" => new Sgd(0.05f, momentum: 0.9f, nesterov: true, weightDecay: 1e-3f),
        "adam" => new Adam(1e-3f, amsGrad: true),
        "adamw" => new AdamW(1e-3f),
        "rmsprop" => new RmsProp(1e-3f), // not partitioned: steps on the calling thread
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Training_and_inference_are_bit_identical_for_1_2_and_3_threads(string network, string optimizer, int batch)
    {
        using var _ = ForceSplitting();
        var reference = Train(network, optimizer, batch, threads: 1);
        foreach (int threads in new[] { 2, 3 })
        {
            var run = Train(network, optimizer, batch, threads);
            Assert.Equal(reference.Parameters, run.Parameters);
            Assert.Equal(reference.State, run.State);
            Assert.Equal(reference.Gradients, run.Gradients);
            Assert.Equal(reference.Predictions, run.Predictions);
            Assert.Equal(reference.SinglePredictions, run.SinglePredictions);
            Assert.Equal(reference.Losses, run.Losses);
        }
    }

    [Fact]
    public void The_parallel_path_really_splits_and_matches_a_plain_serial_product()
    {
        // Guards the test above against comparing serial with serial: with the default thresholds a
        // 13-row batch of this network stays on one thread, with zero it is split; both agree bit for bit.
        var serial = Train(nameof(WideThreadingNet), "adam", 13, threads: 1);
        using (ForceSplitting())
        {
            long before = WorkerTeamDispatches();
            var split = Train(nameof(WideThreadingNet), "adam", 13, threads: 2);
            Assert.True(WorkerTeamDispatches() > before, "No product was split between threads.");
            Assert.Equal(serial.Parameters, split.Parameters);
        }
    }

    [Fact]
    public void Split_steps_and_predictions_allocate_nothing_on_any_thread()
    {
        using var _ = ForceSplitting();
        var network = new WideThreadingNet { MaxThreads = 2 };
        var optimizer = new Adam();
        const int batch = 64;
        var random = new NetGenRandom(5);
        var inputs = new float[batch * WideThreadingNet.InputSize];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextNormal();
        var targets = new float[batch];
        for (int i = 0; i < batch; i++) targets[i] = random.NextInt(WideThreadingNet.OutputSize);
        var outputs = new float[batch * WideThreadingNet.OutputSize];
        var sample = inputs.AsSpan(0, WideThreadingNet.InputSize);
        var sampleOutput = new float[WideThreadingNet.OutputSize];
        // Warm up past tiered compilation (call counting, OSR and the tier-1 rejit allocate on the
        // JIT's background thread, which a process-wide count would see), then let it finish.
        for (int i = 0; i < 300; i++)
        {
            network.TrainStep(inputs, targets, batch, optimizer);
            network.Predict(inputs, outputs, batch);
            network.Predict(inputs.AsSpan(0, WideThreadingNet.InputSize), sampleOutput);
        }
        System.Threading.Thread.Sleep(300);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        // This thread's count plus the workers' (the test runner's own threads allocate too, so a
        // process-wide count would measure xunit). One allocation per call would add kilobytes.
        long before = GC.GetAllocatedBytesForCurrentThread() + WorkerTeam.Shared.WorkerAllocatedBytes;
        long dispatches = WorkerTeam.Dispatches;
        for (int i = 0; i < 100; i++)
        {
            network.TrainStep(inputs, targets, batch, optimizer);
            network.Predict(inputs, outputs, batch);
            network.Predict(sample, sampleOutput);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() + WorkerTeam.Shared.WorkerAllocatedBytes - before;
        Assert.True(WorkerTeam.Dispatches > dispatches, "Nothing was split between threads.");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void MaxThreads_defaults_to_the_processor_count_and_rejects_zero()
    {
        var network = new CompactDigitsNet();
        Assert.Equal(Environment.ProcessorCount, network.MaxThreads);
        Assert.Throws<ArgumentOutOfRangeException>(() => network.MaxThreads = 0);
    }

    private sealed record Run(float[] Parameters, float[] State, float[] Gradients, float[] Predictions, float[] SinglePredictions, float[] Losses);

    private static Run Train(string name, string optimizerName, int batch, int threads)
    {
        var network = Create(name);
        network.MaxThreads = threads;
        var optimizer = Optimizer(optimizerName);
        var random = new NetGenRandom(batch + 1);
        var inputs = new float[batch * network.InputSize];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextNormal();
        var targets = new float[batch * network.TargetSize];
        for (int i = 0; i < targets.Length; i++)
            targets[i] = network.Loss == Loss.SoftmaxCrossEntropy ? random.NextInt(network.OutputSize) : (float)random.NextUniform(0.1, 0.9);
        var losses = new float[4];
        for (int step = 0; step < losses.Length; step++) losses[step] = network.TrainStep(inputs, targets, batch, optimizer);
        var predictions = new float[batch * network.OutputSize];
        network.Predict(inputs, predictions, batch);
        // Batch-1 prediction (matrix-vector products, split by columns) sample by sample.
        var single = new float[batch * network.OutputSize];
        for (int i = 0; i < batch; i++)
            network.Predict(inputs.AsSpan(i * network.InputSize, network.InputSize), single.AsSpan(i * network.OutputSize, network.OutputSize));
        return new Run(network.Parameters.ToArray(), network.State.ToArray(), network.Gradients.ToArray(), predictions, single, losses);
    }

    private static long WorkerTeamDispatches() => WorkerTeam.Dispatches;

    /// <summary>Sets every parallel threshold to zero until disposed.</summary>
    private static IDisposable ForceSplitting()
    {
        long work = ParallelGemm.MinimumParallelWork, transpose = Transposition.MinimumParallelTranspose;
        int update = OptimizerSteps.MinimumParallelParameters;
        ParallelGemm.MinimumParallelWork = 0;
        Transposition.MinimumParallelTranspose = 0;
        OptimizerSteps.MinimumParallelParameters = 0;
        return new Restore(() =>
        {
            ParallelGemm.MinimumParallelWork = work;
            Transposition.MinimumParallelTranspose = transpose;
            OptimizerSteps.MinimumParallelParameters = update;
        });
    }

    private sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
