using System;
using System.Runtime.InteropServices;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>
/// Reproducibility of generated networks: the seed alone fixes the initial parameters, and the same
/// seed and data give bit-identical parameters after SGD training, whatever else the instance did.
/// </summary>
public class DeterminismTests
{
    private const int Steps = 50;
    private const int BatchSize = 13; // three 4-row tiles and a leftover row
    private const int DataSeed = 2718;

    public static TheoryData<string> Networks() => new() { nameof(CompactDigitsNet), nameof(PerLayerRegressionNet) };

    private static INetwork Create(string name) => name switch
    {
        nameof(CompactDigitsNet) => new CompactDigitsNet(),
        nameof(PerLayerRegressionNet) => new PerLayerRegressionNet(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown network."),
    };

    private static INetwork Create(string name, int seed) => name switch
    {
        nameof(CompactDigitsNet) => new CompactDigitsNet(seed),
        nameof(PerLayerRegressionNet) => new PerLayerRegressionNet(seed),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown network."),
    };

    /// <summary>The Seed each network declares in SmokeNetworks.cs.</summary>
    private static int DeclaredSeed(string name) => name == nameof(CompactDigitsNet) ? 42 : 1;

    /// <summary>
    /// Trains <see cref="Steps"/> SGD steps on batches drawn from a generator seeded with
    /// <paramref name="dataSeed"/>: normal inputs, and class indices or targets in (0, 1) as the loss needs.
    /// Returns the losses.
    /// </summary>
    private static float[] Train(INetwork network, int dataSeed) => TrainSideBySide(new[] { network }, dataSeed)[0];

    /// <summary>
    /// As <see cref="Train"/>, for networks of one type stepped in turn on each batch, each with its
    /// own optimizer, so that state shared between instances would make their runs differ.
    /// </summary>
    private static float[][] TrainSideBySide(INetwork[] networks, int dataSeed)
    {
        var shape = networks[0];
        var random = new NetGenRandom(dataSeed);
        var optimizers = Array.ConvertAll(networks, _ => new Sgd(0.05f));
        var inputs = new float[BatchSize * shape.InputSize];
        var targets = new float[BatchSize * shape.TargetSize];
        var losses = Array.ConvertAll(networks, _ => new float[Steps]);
        for (int step = 0; step < Steps; step++)
        {
            for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextNormal();
            for (int i = 0; i < targets.Length; i++)
                targets[i] = shape.Loss == Loss.SoftmaxCrossEntropy ? random.NextInt(shape.OutputSize) : (float)random.NextUniform(0.1, 0.9);
            for (int n = 0; n < networks.Length; n++)
                losses[n][step] = networks[n].TrainStep(inputs, targets, BatchSize, optimizers[n]);
        }
        return losses;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void The_same_seed_and_data_give_bit_identical_parameters_after_training(string name)
    {
        var first = Create(name);
        var second = Create(name);
        var initial = first.Parameters.ToArray();

        var losses = TrainSideBySide(new[] { first, second }, DataSeed);

        AssertTrainingMovedParameters(initial, first.Parameters, losses[0]);
        AssertBitIdentical(losses[0], losses[1], "loss of step");
        AssertBitIdentical(first.Parameters, second.Parameters, "parameter");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Earlier_calls_with_other_batch_sizes_do_not_change_the_training_result(string name)
    {
        var fresh = Create(name);
        var used = Create(name);
        // Grow the workspaces beyond the training batch and leave other values in them; training
        // must depend on neither the capacity nor stale contents.
        var random = new NetGenRandom(99);
        const int large = 40;
        var inputs = new float[large * used.InputSize];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)(3 * random.NextNormal());
        var targets = new float[large * used.TargetSize]; // class 0, or 0 for regression: valid for both losses
        var outputs = new float[large * used.OutputSize];
        used.Predict(inputs, outputs, large);
        used.Evaluate(inputs, targets, outputs, 3);
        used.Predict(inputs.AsSpan(0, used.InputSize), outputs.AsSpan(0, used.OutputSize));
        used.ComputeGradients(inputs, targets, 2, new float[2 * used.InputSize]);

        var losses = TrainSideBySide(new[] { fresh, used }, DataSeed);

        AssertBitIdentical(losses[0], losses[1], "loss of step");
        AssertBitIdentical(fresh.Parameters, used.Parameters, "parameter");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void The_parameterless_constructor_draws_from_the_declared_seed(string name)
    {
        AssertBitIdentical(Create(name, DeclaredSeed(name)).Parameters, Create(name).Parameters, "parameter");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void A_different_seed_gives_different_kernels_and_the_same_zero_biases(string name)
    {
        int seed = DeclaredSeed(name);
        foreach (int other in new[] { seed + 1, -seed, 123_456_789 })
        {
            var a = Create(name, seed);
            var b = Create(name, other);
            foreach (var layer in a.Layers)
            {
                var kernelA = a.Parameters.Slice(layer.KernelOffset, layer.Inputs * layer.Units);
                var kernelB = b.Parameters.Slice(layer.KernelOffset, layer.Inputs * layer.Units);
                // Independent continuous draws rounded to float coincide with probability ~1e-7 each.
                int equal = 0;
                for (int i = 0; i < kernelA.Length; i++)
                    if (BitConverter.SingleToInt32Bits(kernelA[i]) == BitConverter.SingleToInt32Bits(kernelB[i])) equal++;
                Assert.True(equal <= kernelA.Length / 100, $"seeds {seed} and {other}: {equal} of {kernelA.Length} weights of layer {layer.Index} are identical");
                // Biases are Keras's zeros whatever the seed.
                if (layer.HasBias)
                {
                    Assert.True(a.Parameters.Slice(layer.BiasOffset, layer.Units).IndexOfAnyExcept(0f) < 0, $"layer {layer.Index} bias is not zero");
                    Assert.True(b.Parameters.Slice(layer.BiasOffset, layer.Units).IndexOfAnyExcept(0f) < 0, $"layer {layer.Index} bias is not zero");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Initialize_on_a_trained_network_restores_the_freshly_constructed_parameters(string name)
    {
        foreach (int seed in new[] { DeclaredSeed(name), 8675309 })
        {
            var network = Create(name);
            var initial = network.Parameters.ToArray();
            var losses = Train(network, DataSeed);
            AssertTrainingMovedParameters(initial, network.Parameters, losses);

            network.Initialize(seed);

            AssertBitIdentical(Create(name, seed).Parameters, network.Parameters, $"parameter (seed {seed})");
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Training_again_after_Initialize_repeats_the_first_run_bit_for_bit(string name)
    {
        var network = Create(name);
        var firstLosses = Train(network, DataSeed);
        var firstParameters = network.Parameters.ToArray();

        network.Initialize(DeclaredSeed(name));
        var secondLosses = Train(network, DataSeed);

        AssertBitIdentical(firstLosses, secondLosses, "loss of step");
        AssertBitIdentical(firstParameters, network.Parameters, "parameter");
    }

    [Fact]
    public void Initialization_draws_layer_by_layer_kernel_then_bias_from_one_stream()
    {
        // PerLayerRegressionNet, seed 1: 7 → 17 Glorot uniform (the default) + bias,
        // 17 → 3 LeCun normal + bias, 3 → 2 Glorot uniform without bias; offsets written out by hand.
        var random = new NetGenRandom(1);
        var expected = new float[PerLayerRegressionNet.ParameterCount];
        new InitializerSpec(Init.GlorotUniform).Fill(expected.AsSpan(0, 7 * 17), 7, 17, random);
        new InitializerSpec(Init.Zeros).Fill(expected.AsSpan(119, 17), 7, 17, random);
        new InitializerSpec(Init.LeCunNormal).Fill(expected.AsSpan(136, 17 * 3), 17, 3, random);
        new InitializerSpec(Init.Zeros).Fill(expected.AsSpan(187, 3), 17, 3, random);
        new InitializerSpec(Init.GlorotUniform).Fill(expected.AsSpan(190, 3 * 2), 3, 2, random);
        Assert.Equal(196, PerLayerRegressionNet.ParameterCount);

        AssertBitIdentical(expected, new PerLayerRegressionNet().Parameters, "parameter");
    }

    /// <summary>Guards the comparisons above: a network that did not train would make them vacuous.</summary>
    private static void AssertTrainingMovedParameters(ReadOnlySpan<float> before, ReadOnlySpan<float> after, float[] losses)
    {
        foreach (float loss in losses) Assert.True(float.IsFinite(loss), $"training diverged: loss {loss}");
        int changed = 0;
        for (int i = 0; i < before.Length; i++)
            if (BitConverter.SingleToInt32Bits(before[i]) != BitConverter.SingleToInt32Bits(after[i])) changed++;
        Assert.True(changed > before.Length / 2, $"training changed only {changed} of {before.Length} parameters");
    }

    private static void AssertBitIdentical(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var expectedBits = MemoryMarshal.Cast<float, int>(expected);
        var actualBits = MemoryMarshal.Cast<float, int>(actual);
        for (int i = 0; i < expectedBits.Length; i++)
            if (expectedBits[i] != actualBits[i])
                Assert.Fail($"{what} {i}: expected {expected[i]:R} (0x{expectedBits[i]:X8}), got {actual[i]:R} (0x{actualBits[i]:X8})");
    }
}
