using System;
using NetGen.Generated;
using Xunit;

namespace NetGen.Tests.Inference;

/// <summary>
/// The exact calls of issue 14 item 1: a batch of (1 &lt;&lt; 26) + 1 on a 64 → 64 → 64 network, whose
/// size × 64 wraps to 64 in 32-bit arithmetic. Every public entry point refuses it with an exception
/// that names the batch size and the limit, before any buffer is sized or any kernel runs (so a
/// regression fails here as an assertion, not as a crash).
/// </summary>
public class OverflowTests
{
    private const int WrappingBatch = (1 << 26) + 1;
    private static readonly int Limit = Array.MaxLength / 64;

    public static TheoryData<string> EntryPoints() => new()
    {
        "Predict", "PredictWithDropout", "Evaluate", "ComputeGradients", "ComputeGradientsWithInputGradients", "TrainStep",
    };

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public void WrappingBatchIsRefused(string entryPoint)
    {
        var network = new Overflow64Net();
        AssertRefused(() => Call(network, entryPoint, WrappingBatch));
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public void WrappingBatchIsRefusedThroughTheInterface(string entryPoint)
    {
        INetwork network = new Overflow64Net();
        AssertRefused(() => Call(network, entryPoint, WrappingBatch));
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public void OneMoreThanTheLimitIsRefused(string entryPoint)
    {
        INetwork network = new Overflow64Net();
        AssertRefused(() => Call(network, entryPoint, Limit + 1), Limit + 1);
    }

    [Fact]
    public void TheRefusedCallLeavesTheNetworkUsable()
    {
        var network = new Overflow64Net();
        var reference = new Overflow64Net();
        Assert.Throws<ArgumentOutOfRangeException>(() => network.Predict(new float[64], new float[64], WrappingBatch));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.TrainStep(new float[64], new float[64], WrappingBatch, new Sgd(0.1f)));
        var input = new float[64];
        for (int i = 0; i < input.Length; i++) input[i] = i / 64f;
        var output = new float[64];
        var expected = new float[64];
        network.Predict(input, output);
        reference.Predict(input, expected);
        Assert.Equal(expected, output);
    }

    [Fact]
    public void KernelsRefuseAShapeWhoseProductWraps()
    {
        var kernel = new float[64 * 64];
        Assert.Throws<ArgumentException>("input", () => DenseKernels.Forward(new float[64], kernel, default, default, new float[64], WrappingBatch, 64, 64, default(LinearActivation)));
        Assert.Throws<ArgumentException>(() => BatchNormKernels.ApplyAffine(new float[64], new float[64], new float[64], new float[64], WrappingBatch, 64));
        Assert.Throws<ArgumentOutOfRangeException>(() => Losses.MeanSquaredError(new float[64], new float[64], default, WrappingBatch, 64));
    }

    // Generic over the network type: called with the concrete class (its own public members, which users
    // call) and with INetwork; the generated members implement the interface implicitly.
    private static void Call<TNetwork>(TNetwork network, string entryPoint, int batchSize) where TNetwork : INetwork
    {
        var inputs = new float[64];
        var outputs = new float[64];
        switch (entryPoint)
        {
            case "Predict": network.Predict(inputs, outputs, batchSize); break;
            case "PredictWithDropout": network.PredictWithDropout(inputs, outputs, batchSize); break;
            case "Evaluate": network.Evaluate(inputs, outputs, outputs, batchSize); break;
            case "ComputeGradients": network.ComputeGradients(inputs, outputs, batchSize); break;
            case "ComputeGradientsWithInputGradients": network.ComputeGradients(inputs, outputs, batchSize, new float[64]); break;
            case "TrainStep": network.TrainStep(inputs, outputs, batchSize, new Sgd(0.1f)); break;
            default: throw new ArgumentOutOfRangeException(nameof(entryPoint), entryPoint, "Unknown entry point.");
        }
    }

    private static void AssertRefused(Action call, int batchSize = WrappingBatch)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>("batchSize", call);
        Assert.Contains(batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
        Assert.Contains(Limit.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }
}
