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
    [InlineData(1024, 40)]
    public unsafe void Transpose_matches_the_definition(int rows, int columns)
    {
        var source = new float[rows * columns];
        for (int i = 0; i < source.Length; i++) source[i] = i + 0.5f;
        var destination = new float[rows * columns];
        fixed (float* s = source, d = destination)
            Transposition.Transpose(s, d, rows, columns, destinationStride: rows, threads: 1);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                Assert.Equal(source[r * columns + c], destination[c * rows + r]);
    }

    [Theory]
    [InlineData(100, 100)]
    [InlineData(1024, 24)]
    [InlineData(17, 9)]
    [InlineData(64, 3)]
    public unsafe void Transpose_into_padded_rows_fills_each_row_and_leaves_the_padding(int rows, int columns)
    {
        int stride = KernelLayout.TransposedStride(rows);
        Assert.True(stride >= rows && stride % 16 == 0 && stride / 16 % 2 == 1, $"stride {stride} for {rows} rows");
        var source = new float[rows * columns];
        for (int i = 0; i < source.Length; i++) source[i] = i + 0.5f;
        var destination = new float[columns * stride];
        System.Array.Fill(destination, -1f);
        foreach (int threads in new[] { 1, 2 })
        {
            fixed (float* s = source, d = destination)
                Transposition.Transpose(s, d, rows, columns, stride, threads);
            for (int c = 0; c < columns; c++)
            {
                for (int r = 0; r < rows; r++) Assert.Equal(source[r * columns + c], destination[c * stride + r]);
                for (int r = rows; r < stride; r++) Assert.Equal(-1f, destination[c * stride + r]);
            }
        }
    }

    [Theory]
    [InlineData(1024, 1040)]
    [InlineData(784, 784)]
    [InlineData(100, 112)]
    [InlineData(64, 80)]
    [InlineData(7, 16)]
    public void Transposed_rows_are_an_odd_number_of_cache_lines_apart(int inputs, int stride)
        => Assert.Equal(stride, KernelLayout.TransposedStride(inputs));
}
