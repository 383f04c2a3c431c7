using System;
using NetGen.Generated;
using Xunit;

namespace NetGen.Tests.Inference;

/// <summary>
/// Size checks compute their products without overflow: a batch whose size times a row width passes
/// <see cref="int.MaxValue"/> is refused by the guards, before any buffer is sized or kernel runs.
/// </summary>
public class OverflowGuardTests
{
    // (1 << 26) + 1 rows of 64 values: 2^32 + 64 values, which wraps to 64 in 32-bit arithmetic.
    private const int WrappingBatch = (1 << 26) + 1;

    [Fact]
    public void InputsWhoseProductWrapsAreRefused()
        => Assert.Throws<ArgumentException>("inputs", () => NetworkGuards.CheckInputs(new float[64], WrappingBatch, 64));

    [Fact]
    public void TargetsWhoseProductWrapsAreRefused()
        => Assert.Throws<ArgumentException>("targets", () => NetworkGuards.CheckBatch(Array.Empty<float>(), new float[64], WrappingBatch, 0, 64));

    [Fact]
    public void OutputsWhoseProductWrapsAreRefused()
    {
        Assert.Throws<ArgumentException>("outputs", () => NetworkGuards.CheckOutputs(new float[64], WrappingBatch, 64));
        Assert.Throws<ArgumentException>("gradients", () => NetworkGuards.CheckOptional(new float[64], WrappingBatch, 64, "gradients"));
    }

    [Fact]
    public void TheBatchSizeLimitKeepsEveryBufferWithinOneArray()
    {
        int limit = NetworkGuards.MaxBatchSize(64);
        Assert.True((long)limit * 64 <= Array.MaxLength);
        Assert.True((long)(limit + 1) * 64 > Array.MaxLength);
        NetworkGuards.CheckBatchSize(limit, 64);
        Assert.Throws<ArgumentOutOfRangeException>("batchSize", () => NetworkGuards.CheckBatchSize(limit + 1, 64));
        Assert.Throws<ArgumentOutOfRangeException>("batchSize", () => NetworkGuards.CheckBatchSize(0, 64));
    }
}
