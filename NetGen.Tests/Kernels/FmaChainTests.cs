using System;
using NetGen.Generated;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// What makes the kernel choice free (docs/PERFORMANCE.md, "Which kernel runs"): every element of every
/// product is one fused multiply-add chain over the depth, in order, from zero, whichever kernel, tile,
/// packing or matrix-vector path computes it. The expected values here are that chain written out with
/// <see cref="MathF.FusedMultiplyAdd"/>, compared bit for bit; CI runs this class with the AVX-512 kernels,
/// with NETGEN_KERNELS=256 and DOTNET_EnableAVX512=0, and at 4 and 16 lanes.
/// </summary>
public class FmaChainTests
{
    [Theory]
    [InlineData(96, 130, 150)]   // xᵀ·δ packed: interleaved L (128 rows in 4-row tiles) and 2 leftover rows
    [InlineData(128, 70, 64)]    // 68 tiled rows + 2, exactly 64 columns
    [InlineData(300, 40, 70)]    // deep by the batch, 40 rows
    [InlineData(13, 17, 33)]     // unpacked
    public void Weight_gradients_are_one_fma_chain_per_element(int batch, int inputs, int units)
    {
        if (!System.Runtime.Intrinsics.X86.Fma.IsSupported) return; // without FMA the kernels multiply then add (README)
        var x = Random(batch * inputs, 11);
        var delta = Random(batch * units, 12);
        var gw = new float[inputs * units];
        DenseKernels.WeightGradients(x, delta, gw, Span<float>.Empty, batch, inputs, units);
        for (int i = 0; i < inputs; i++)
            for (int j = 0; j < units; j++)
            {
                float sum = 0f;
                for (int r = 0; r < batch; r++) sum = MathF.FusedMultiplyAdd(x[r * inputs + i], delta[r * units + j], sum);
                Assert.Equal(BitConverter.SingleToInt32Bits(sum), BitConverter.SingleToInt32Bits(gw[i * units + j]));
            }
    }

    [Theory]
    [InlineData(1, 300, 260)]    // matrix-vector: whole 128-column (or 8-vector) groups, then the rest
    [InlineData(1, 1024, 1024)]  // L's hidden layers at batch 1
    [InlineData(20, 300, 100)]   // packed strips, 4-row tiles
    [InlineData(70, 100, 130)]   // ≥ 64 rows, depth 64-255, 2 leftover rows
    [InlineData(6, 40, 60)]      // unpacked
    public void Forward_products_are_one_fma_chain_per_element(int batch, int inputs, int units)
    {
        if (!System.Runtime.Intrinsics.X86.Fma.IsSupported) return;
        var x = Random(batch * inputs, 13);
        var w = Random(inputs * units, 14);
        var z = new float[batch * units];
        DenseKernels.Forward(x, w, ReadOnlySpan<float>.Empty, Span<float>.Empty, z, batch, inputs, units, default(LinearActivation));
        for (int r = 0; r < batch; r++)
            for (int j = 0; j < units; j++)
            {
                float sum = 0f;
                for (int k = 0; k < inputs; k++) sum = MathF.FusedMultiplyAdd(x[r * inputs + k], w[k * units + j], sum);
                Assert.Equal(BitConverter.SingleToInt32Bits(sum), BitConverter.SingleToInt32Bits(z[r * units + j]));
            }
    }

    [Theory]
    [InlineData(32, 300, 260)]   // δ·Wᵀ packed, depth 260
    [InlineData(1, 1024, 1024)]  // one row
    public void Input_gradients_are_one_fma_chain_per_element(int batch, int inputs, int units)
    {
        if (!System.Runtime.Intrinsics.X86.Fma.IsSupported) return;
        var delta = Random(batch * units, 15);
        var w = Random(inputs * units, 16);
        var wt = new float[DenseKernels.TransposedKernelLength(inputs, units)];
        var dx = new float[batch * inputs];
        DenseKernels.InputGradients(delta, w, wt, dx, batch, inputs, units);
        for (int r = 0; r < batch; r++)
            for (int i = 0; i < inputs; i++)
            {
                float sum = 0f;
                for (int u = 0; u < units; u++) sum = MathF.FusedMultiplyAdd(delta[r * units + u], w[i * units + u], sum);
                Assert.Equal(BitConverter.SingleToInt32Bits(sum), BitConverter.SingleToInt32Bits(dx[r * inputs + i]));
            }
    }

    private static float[] Random(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}
