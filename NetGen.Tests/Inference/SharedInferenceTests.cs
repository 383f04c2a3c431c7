using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Inference;

/// <summary>
/// Issue 14 item 2: one instance, many threads. Predict (single and batched) and Evaluate on a shared
/// instance give, bit for bit, what sequential calls on an identical instance give, with any number of
/// threads (8, and more than this machine's cores), on networks with batch norm (folded on the first
/// call, which every thread races to), dropout layers, layers wide enough for the parallel kernels and
/// the thread's scratch, and a tiny one.
/// </summary>
public class SharedInferenceTests
{
    private const int Samples = 24;
    private static readonly int[] BatchSizes = { 1, 5, 13, Samples };

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in Names)
            foreach (int threads in new[] { 8, 3 * Environment.ProcessorCount + 1 })
                data.Add(name, threads);
        return data;
    }

    internal static readonly string[] Names =
    {
        nameof(StageBatchNormNet), nameof(StageDropoutNet), nameof(WideThreadingNet), nameof(WideInferenceNet), nameof(TinyInferenceNet), nameof(PerLayerRegressionNet),
    };

    internal static INetwork Create(string name) => name switch
    {
        nameof(StageBatchNormNet) => new StageBatchNormNet(),
        nameof(StageDropoutNet) => new StageDropoutNet(),
        nameof(WideThreadingNet) => new WideThreadingNet(),
        nameof(WideInferenceNet) => new WideInferenceNet(),
        nameof(TinyInferenceNet) => new TinyInferenceNet(),
        nameof(PerLayerRegressionNet) => new PerLayerRegressionNet(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown network."),
    };

    /// <summary>Inputs and valid targets for <see cref="Samples"/> samples.</summary>
    internal static (float[] Inputs, float[] Targets) Data(INetwork network)
    {
        var random = new NetGenRandom(17);
        var inputs = new float[Samples * network.InputSize];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextNormal();
        var targets = new float[Samples * network.TargetSize];
        for (int i = 0; i < targets.Length; i++)
            targets[i] = network.Loss == Loss.SoftmaxCrossEntropy ? random.NextInt(network.OutputSize) : (float)random.NextUniform(0.1, 0.9);
        return (inputs, targets);
    }

    /// <summary>Moves the batch-norm statistics off their initial values, so the fold is not trivial.</summary>
    private static INetwork Trained(string name)
    {
        var network = Create(name);
        var (inputs, targets) = Data(network);
        var optimizer = new Sgd(0.05f);
        for (int step = 0; step < 3; step++) network.TrainStep(inputs, targets, Samples, optimizer);
        return network;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SharedInstanceGivesSequentialBits(string name, int threads)
    {
        var reference = Trained(name);
        var shared = Trained(name); // trained, never predicted: every thread races to fold batch norm first
        var (inputs, targets) = Data(reference);
        var expected = Expected(reference, inputs, targets);

        int mismatches = 0;
        int calls = 0;
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(thread => new Thread(() =>
        {
            var output = new float[reference.OutputSize];
            var outputs = new float[Samples * reference.OutputSize];
            start.SignalAndWait();
            for (int round = 0; round < 20; round++)
            {
                // Each thread walks the samples from its own offset, so different calls overlap.
                for (int k = 0; k < Samples; k++)
                {
                    int sample = (k + thread + round) % Samples;
                    shared.Predict(inputs.AsSpan(sample * reference.InputSize, reference.InputSize), output);
                    if (!SameBits(output, expected.Single[sample])) Interlocked.Increment(ref mismatches);
                    Interlocked.Increment(ref calls);
                }
                int batch = BatchSizes[(thread + round) % BatchSizes.Length];
                shared.Predict(inputs, outputs, batch);
                if (!SameBits(outputs.AsSpan(0, batch * reference.OutputSize), expected.Batched[batch])) Interlocked.Increment(ref mismatches);
                float loss = shared.Evaluate(inputs, targets, outputs, batch);
                if (BitConverter.SingleToInt32Bits(loss) != BitConverter.SingleToInt32Bits(expected.Loss[batch])
                    || !SameBits(outputs.AsSpan(0, batch * reference.OutputSize), expected.Evaluated[batch])) Interlocked.Increment(ref mismatches);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        Assert.Equal(threads * 20 * Samples, calls);
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void ReadingParametersWhilePredictingChangesNothing()
    {
        // Reading Parameters, State or a layer view marks the fold stale (the caller might write through
        // the span); the refold that follows finds the same values and writes nothing under running calls.
        var reference = Trained(nameof(StageBatchNormNet));
        var shared = (StageBatchNormNet)Trained(nameof(StageBatchNormNet));
        var (inputs, targets) = Data(reference);
        var expected = Expected(reference, inputs, targets);
        int mismatches = 0;
        bool done = false;
        var reader = new Thread(() =>
        {
            float sum = 0;
            while (!Volatile.Read(ref done)) sum += shared.Parameters[0] + shared.State[0] + shared.Layer0.Weights[0];
            GC.KeepAlive(sum);
        });
        reader.Start();
        var workers = Enumerable.Range(0, 8).Select(thread => new Thread(() =>
        {
            var output = new float[StageBatchNormNet.OutputSize];
            for (int round = 0; round < 200; round++)
            {
                int sample = (round + thread) % Samples;
                shared.Predict(inputs.AsSpan(sample * StageBatchNormNet.InputSize, StageBatchNormNet.InputSize), output);
                if (!SameBits(output, expected.Single[sample])) Interlocked.Increment(ref mismatches);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        Volatile.Write(ref done, true);
        reader.Join();
        Assert.Equal(0, mismatches);
    }

    internal sealed record Results(float[][] Single, Dictionary<int, float[]> Batched, Dictionary<int, float[]> Evaluated, Dictionary<int, float> Loss);

    /// <summary>What sequential calls on one thread give.</summary>
    internal static Results Expected(INetwork network, float[] inputs, float[] targets)
    {
        var single = new float[Samples][];
        for (int sample = 0; sample < Samples; sample++)
        {
            single[sample] = new float[network.OutputSize];
            network.Predict(inputs.AsSpan(sample * network.InputSize, network.InputSize), single[sample]);
        }
        var batched = new Dictionary<int, float[]>();
        var evaluated = new Dictionary<int, float[]>();
        var loss = new Dictionary<int, float>();
        foreach (int batch in BatchSizes)
        {
            batched[batch] = new float[batch * network.OutputSize];
            network.Predict(inputs, batched[batch], batch);
            evaluated[batch] = new float[batch * network.OutputSize];
            loss[batch] = network.Evaluate(inputs, targets, evaluated[batch], batch);
        }
        return new Results(single, batched, evaluated, loss);
    }

    internal static bool SameBits(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        if (actual.Length != expected.Length) return false;
        for (int i = 0; i < actual.Length; i++)
            if (BitConverter.SingleToInt32Bits(actual[i]) != BitConverter.SingleToInt32Bits(expected[i])) return false;
        return true;
    }
}
