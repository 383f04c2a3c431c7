using System;
using NetGen.Generated;
using Xunit;

namespace NetGen.Tests.Numerics;

/// <summary>
/// The dense kernels against a double-precision definition on shapes large enough to take every path
/// of the products (packed 64-column strips when depth ≥ 256 and ≥ 16 rows, 4 × 4/4 × 2/masked tiles,
/// leftover rows, the matrix-vector tiles), and batched against row-by-row results bit for bit: every
/// output element is the same FMA chain whichever path computes it.
/// </summary>
public class DenseKernelTests
{
    private static float[] Random(int count, int seed)
    {
        var random = new NetGenRandom(seed);
        var values = new float[count];
        for (int i = 0; i < values.Length; i++) values[i] = (float)random.NextNormal();
        return values;
    }

    private static void AssertClose(double expected, float actual, double scale)
        => Assert.True(Math.Abs(expected - actual) <= 1e-5 * scale + 1e-6, $"expected {expected}, got {actual}");

    [Theory]
    [InlineData(37, 300, 150)]   // packed strips (2 × 64 columns) then a 22-wide tail (16 + a masked 6); 37 = 9 tiles + 1 row
    [InlineData(20, 784, 260)]   // packed strips and a 4-wide tail
    [InlineData(13, 64, 128)]    // unpacked 4 × 4 tiles
    [InlineData(5, 257, 10)]     // output-layer shape: masked tile only
    [InlineData(33, 100, 100)]   // D's layers: 64 + 32 + a masked 4, and a leftover row
    [InlineData(9, 70, 47)]      // no 64-column tile: 32 + a masked 15
    [InlineData(6, 40, 60)]      // 32 + 16 + a masked 12
    [InlineData(10, 90, 113)]    // 64 + 32 + 16 + a masked 1
    [InlineData(3, 50, 250)]     // batch-1: 128, 64, 32, 16 and a masked 10; batched: 192 + 32 + 16 + a masked 10
    [InlineData(70, 100, 130)]   // ≥ 64 rows, depth 64-255: packed strips (2 × 64) and a masked 2
    public void Forward_matches_the_definition_and_row_by_row_results(int batch, int inputs, int units)
    {
        var x = Random(batch * inputs, 1);
        var w = Random(inputs * units, 2);
        var b = Random(units, 3);
        var z = new float[batch * units];
        var a = new float[batch * units];
        DenseKernels.Forward(x, w, b, z, a, batch, inputs, units, default(ReluActivation));
        var zRow = new float[units];
        var aRow = new float[units];
        for (int r = 0; r < batch; r++)
        {
            DenseKernels.Forward(x.AsSpan(r * inputs, inputs), w, b, zRow, aRow, 1, inputs, units, default(ReluActivation));
            Assert.Equal(zRow, z.AsSpan(r * units, units).ToArray());
            for (int j = 0; j < units; j++)
            {
                double sum = b[j], scale = Math.Abs(b[j]);
                for (int k = 0; k < inputs; k++)
                {
                    sum += (double)x[r * inputs + k] * w[k * units + j];
                    scale += Math.Abs((double)x[r * inputs + k] * w[k * units + j]);
                }
                AssertClose(sum, z[r * units + j], scale);
                Assert.Equal(Math.Max(0f, z[r * units + j]), a[r * units + j]);
            }
        }
    }

    [Theory]
    [InlineData(32, 300, 260)]   // δ·Wᵀ with depth 260: packed
    [InlineData(7, 33, 17)]
    [InlineData(32, 100, 100)]   // D's layers
    public void Input_gradients_match_the_definition(int batch, int inputs, int units)
    {
        var delta = Random(batch * units, 4);
        var w = Random(inputs * units, 5);
        var transposed = new float[DenseKernels.TransposedKernelLength(inputs, units)];
        var dx = new float[batch * inputs];
        DenseKernels.InputGradients(delta, w, transposed, dx, batch, inputs, units);
        for (int r = 0; r < batch; r++)
            for (int i = 0; i < inputs; i++)
            {
                double sum = 0, scale = 0;
                for (int j = 0; j < units; j++)
                {
                    sum += (double)delta[r * units + j] * w[i * units + j];
                    scale += Math.Abs((double)delta[r * units + j] * w[i * units + j]);
                }
                AssertClose(sum, dx[r * inputs + i], scale);
            }
    }

    [Theory]
    [InlineData(300, 40, 70)]    // xᵀ·δ with depth (the batch) 300 and 40 rows: packed
    [InlineData(13, 17, 33)]
    [InlineData(32, 100, 100)]   // D's layers, over a transposed view of x
    [InlineData(96, 130, 150)]   // xᵀ·δ with 130 rows and depth 96: packed (≥ 64 rows, depth ≥ 64)
    public void Weight_gradients_match_the_definition(int batch, int inputs, int units)
    {
        var x = Random(batch * inputs, 6);
        var delta = Random(batch * units, 7);
        var gw = new float[inputs * units];
        var gb = new float[units];
        DenseKernels.WeightGradients(x, delta, gw, gb, batch, inputs, units);
        for (int i = 0; i < inputs; i++)
            for (int j = 0; j < units; j++)
            {
                double sum = 0, scale = 0;
                for (int r = 0; r < batch; r++)
                {
                    sum += (double)x[r * inputs + i] * delta[r * units + j];
                    scale += Math.Abs((double)x[r * inputs + i] * delta[r * units + j]);
                }
                AssertClose(sum, gw[i * units + j], scale);
            }
        for (int j = 0; j < units; j++)
        {
            double sum = 0, scale = 0;
            for (int r = 0; r < batch; r++) { sum += delta[r * units + j]; scale += Math.Abs(delta[r * units + j]); }
            AssertClose(sum, gb[j], scale);
        }
    }
}
