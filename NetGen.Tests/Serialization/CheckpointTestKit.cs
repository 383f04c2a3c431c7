using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetGen.Tests.Numerics;
using Xunit;

namespace NetGen.Tests.Serialization;

/// <summary>A network's and optimizer's complete values at one moment, compared bit for bit.</summary>
public sealed record TrainingSnapshot(float[] Parameters, float[] State, OptimizerState? Optimizer)
{
    public static TrainingSnapshot Of(INetwork network, IOptimizer? optimizer)
        => new(network.Parameters.ToArray(), network.State.ToArray(), optimizer?.ExportState());

    public void Restore(INetwork network, IOptimizer? optimizer)
    {
        Parameters.CopyTo(network.Parameters);
        State.CopyTo(network.State);
        if (Optimizer is not null) optimizer!.ImportState(Optimizer);
    }

    /// <summary>Whether <paramref name="network"/> and <paramref name="optimizer"/> hold exactly these values.</summary>
    public bool Matches(INetwork network, IOptimizer? optimizer)
        => SameBits(Parameters, network.Parameters) && SameBits(State, network.State)
           && (Optimizer is null || SameState(Optimizer, optimizer!.ExportState()));

    public void AssertMatches(INetwork network, IOptimizer? optimizer)
    {
        CheckpointTestKit.AssertBits(Parameters, network.Parameters);
        CheckpointTestKit.AssertBits(State, network.State);
        if (Optimizer is not null) Assert.True(SameState(Optimizer, optimizer!.ExportState()), "optimizer state differs");
    }

    private static bool SameBits(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
        => System.Runtime.InteropServices.MemoryMarshal.AsBytes(expected).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(actual));

    private static bool SameState(OptimizerState expected, OptimizerState actual)
        => expected.Kind == actual.Kind && expected.StepCount == actual.StepCount
           && expected.BufferNames.SequenceEqual(actual.BufferNames)
           && expected.BufferNames.All(name => SameBits(expected.Buffers[name], actual.Buffers[name]));
}

public static class CheckpointTestKit
{
    public const int Batch = 8;

    public static IOptimizer CreateOptimizer(string kind) => kind switch
    {
        "adam" => new Adam(0.01f),
        "amsgrad" => new Adam(0.01f, amsGrad: true),
        "adamw" => new AdamW(0.01f),
        "nadam" => new Nadam(0.01f),
        "sgd-momentum" => new Sgd(0.05f, momentum: 0.9f, nesterov: true),
        "rmsprop-centered" => new RmsProp(0.01f, momentum: 0.5f, centered: true),
        "adagrad" => new AdaGrad(0.05f),
        "adamax" => new AdaMax(0.01f),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Training steps <paramref name="first"/> to <paramref name="last"/> (inclusive), each on its own reproducible batch.</summary>
    public static void Train(INetwork network, IOptimizer optimizer, int first, int last)
    {
        for (int step = first; step <= last; step++)
        {
            var (inputs, targets) = GradientNetworkCatalog.Batch(network, Batch, seed: 1000 + step);
            network.TrainStep(inputs, targets, Batch, optimizer);
        }
    }

    public static byte[] Save(INetwork network, IOptimizer? optimizer = null, TrainingPosition? position = null)
    {
        using var stream = new MemoryStream();
        Checkpoint.Save(stream, network, optimizer, position);
        return stream.ToArray();
    }

    public static void AssertBits(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]), $"element {i}: expected {expected[i]:R}, found {actual[i]:R}");
    }

    /// <summary>A unique scratch directory under the test's temporary folder.</summary>
    public static string ScratchDirectory()
    {
        string directory = Path.Combine(Path.GetTempPath(), "netgen-checkpoints-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }
}
