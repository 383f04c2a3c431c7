using Xunit;

namespace NetGen.Tests.Numerics;

/// <summary>
/// Backward's Wᵀ copy: 8 × 8 register blocks plus scalar edges must give exactly the transpose for
/// every shape, including ones with no full block and ones with edges on both sides.
/// </summary>
public class TransposeTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 7)]
    [InlineData(8, 8)]
    [InlineData(9, 8)]
    [InlineData(8, 17)]
    [InlineData(17, 33)]
    [InlineData(64, 128)]
    [InlineData(100, 100)]
    [InlineData(784, 37)]
    public unsafe void Transpose_matches_the_definition(int rows, int columns)
    {
        var source = new float[rows * columns];
        for (int i = 0; i < source.Length; i++) source[i] = i + 0.5f;
        var destination = new float[rows * columns];
        fixed (float* s = source, d = destination)
            ParallelGemm.Transpose(s, d, rows, columns, threads: 1);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                Assert.Equal(source[r * columns + c], destination[c * rows + r]);
    }
}
