using System.Numerics;

namespace NetGen
{
    /// <summary>
    /// What a matrix-product kernel does with each finished sum: the fused epilogue (bias,
    /// activation, stores). Implemented by structs so the kernel specializes on it.
    /// </summary>
    internal interface IGemmEpilogue
    {
        /// <summary>Consumes the finished sums of row <paramref name="row"/>, columns [col, col + Vector&lt;float&gt;.Count).</summary>
        void Store(int row, int col, Vector<float> sums);

        /// <summary>Consumes the finished sum of (row, col).</summary>
        void Store(int row, int col, float sum);
    }
}
