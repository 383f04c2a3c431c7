using System;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>
/// Runs the allocation tests alone. While a background GC runs, GC.GetAllocatedBytesForCurrentThread
/// can jump by a few kilobytes on a thread that allocates nothing (seen on .NET 10 in this suite: a
/// loop of pure float arithmetic "allocated" 7 KB while other tests allocated in parallel; not once in
/// 30 runs with DOTNET_gcConcurrent=0). With no test running beside them, nothing starts a GC during a measurement.
/// </summary>
[CollectionDefinition(nameof(AllocationTests), DisableParallelization = true)]
public class AllocationTestsRunAlone;

/// <summary>
/// The hot paths allocate nothing once the workspaces exist: after one warm-up call, training
/// steps, single-sample and batched inference and evaluation add zero bytes to this thread's
/// allocation counter over many calls.
/// </summary>
[Collection(nameof(AllocationTests))]
public class AllocationTests
{
    private const int Calls = 100;
    private const int BatchSize = 13; // three 4-row tiles and a leftover row

    // Plain dense stacks, and stacks with batch norm (both placements), dropout, alpha dropout, penalties and max-norm.
    public static TheoryData<string> Networks() => new()
    {
        nameof(CompactDigitsNet), nameof(PerLayerRegressionNet), nameof(StageBatchNormNet), nameof(StageDropoutNet), nameof(StagePenaltyNet), nameof(FrozenBatchNormDropoutNet),
    };

    private static INetwork Create(string name) => name switch
    {
        nameof(CompactDigitsNet) => new CompactDigitsNet(),
        nameof(PerLayerRegressionNet) => new PerLayerRegressionNet(),
        nameof(StageBatchNormNet) => new StageBatchNormNet(),
        nameof(StageDropoutNet) => new StageDropoutNet(),
        nameof(StagePenaltyNet) => new StagePenaltyNet(),
        // A frozen batch-norm layer: inference-mode BN in training, snapshot and restore of frozen values.
        nameof(FrozenBatchNormDropoutNet) => Frozen(new FrozenBatchNormDropoutNet()),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown network."),
    };

    private static INetwork Frozen(INetwork network)
    {
        network.SetTrainable(0, false);
        return network;
    }

    /// <summary>A valid batch of <paramref name="batchSize"/> samples for the network's loss.</summary>
    private static (float[] Inputs, float[] Targets, float[] Outputs) Batch(INetwork network, int batchSize)
    {
        var random = new NetGenRandom(batchSize);
        var inputs = new float[batchSize * network.InputSize];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextNormal();
        var targets = new float[batchSize * network.TargetSize];
        for (int i = 0; i < targets.Length; i++)
            targets[i] = network.Loss == Loss.SoftmaxCrossEntropy ? random.NextInt(network.OutputSize) : (float)random.NextUniform(0.1, 0.9);
        return (inputs, targets, new float[batchSize * network.OutputSize]);
    }

    /// <summary>
    /// A blocking full collection before measuring, so that no background GC started by earlier
    /// tests' garbage is still running (see <see cref="AllocationTestsRunAlone"/>).
    /// </summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainStep_allocates_nothing_after_the_first_call(string name)
    {
        var network = Create(name);
        var (inputs, targets, _) = Batch(network, BatchSize);
        var optimizer = new Sgd(0.01f);
        network.TrainStep(inputs, targets, BatchSize, optimizer);

        Settle();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++) network.TrainStep(inputs, targets, BatchSize, optimizer);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ComputeGradients_with_input_gradients_allocates_nothing_after_the_first_call(string name)
    {
        var network = Create(name);
        var (inputs, targets, _) = Batch(network, BatchSize);
        var inputGradients = new float[inputs.Length];
        network.ComputeGradients(inputs, targets, BatchSize, inputGradients);

        Settle();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++) network.ComputeGradients(inputs, targets, BatchSize, inputGradients);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Single_sample_Predict_allocates_nothing_after_the_first_call(string name)
    {
        var network = Create(name);
        var (inputs, _, outputs) = Batch(network, 1);
        network.Predict(inputs.AsSpan(), outputs.AsSpan());

        Settle();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++) network.Predict(inputs.AsSpan(), outputs.AsSpan());
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Batched_Predict_allocates_nothing_after_the_first_call(string name)
    {
        var network = Create(name);
        var (inputs, _, outputs) = Batch(network, BatchSize);
        network.Predict(inputs, outputs, BatchSize);

        Settle();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++) network.Predict(inputs, outputs, BatchSize);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Evaluate_allocates_nothing_after_the_first_call(string name)
    {
        var network = Create(name);
        var (inputs, targets, outputs) = Batch(network, BatchSize);
        network.Evaluate(inputs, targets, outputs, BatchSize);
        network.Evaluate(inputs, targets, Span<float>.Empty, BatchSize);

        Settle();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++)
        {
            network.Evaluate(inputs, targets, outputs, BatchSize);
            network.Evaluate(inputs, targets, Span<float>.Empty, BatchSize);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Smaller_batches_after_a_larger_one_reuse_the_workspaces(string name)
    {
        // The workspaces grow to the largest batch seen and are then reused for every smaller one.
        var network = Create(name);
        const int largest = 32;
        var (inputs, targets, outputs) = Batch(network, largest);
        var optimizer = new Sgd(0.01f);
        network.TrainStep(inputs, targets, largest, optimizer);
        // Batch norm cannot train on one sample (it is an error by design), so its smallest training batch is 2.
        int smallestTraining = network.Layers.Any(l => l.BatchNorm is not null) ? 2 : 1;
        // Warm the code paths (a batch of one takes the matrix-vector kernel) without growing anything.
        foreach (int batch in new[] { BatchSize, 1 })
        {
            network.TrainStep(inputs, targets, Math.Max(batch, smallestTraining), optimizer);
            network.Predict(inputs, outputs, batch);
            network.Evaluate(inputs, targets, outputs, batch);
        }

        var batches = new[] { largest, BatchSize, 1 };

        Settle();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++)
        {
            foreach (int batch in batches)
            {
                network.TrainStep(inputs, targets, Math.Max(batch, smallestTraining), optimizer);
                network.Predict(inputs, outputs, batch);
                network.Evaluate(inputs, targets, outputs, batch);
            }
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}

[Network(Inputs = 9, Loss = Loss.SoftmaxCrossEntropy, Seed = 2)]
[Dense(12, Act.Relu, Init.HeNormal)]
[BatchNorm]
[Dense(8, Act.Tanh, MaxNorm = 2)]
[BatchNorm(Placement = BatchNormPlacement.AfterActivation)]
[Dropout(0.3)]
[Dense(4)]
public partial class FrozenBatchNormDropoutNet;
