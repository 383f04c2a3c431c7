using System;
using System.Numerics;

namespace NetGen
{
    /// <summary>
    /// The matrix-vector product of batch-1 inference on the <see cref="Vector{T}"/> path (CPUs without
    /// AVX-512, NativeAOT binaries compiled for x86-64-v3, and wherever <see cref="KernelChoice"/> picks the
    /// 256-bit kernels): the same blocking as <c>MatrixVector512</c>, whole rows of R in blocks
    /// of <see cref="DepthBlock"/>, the column sums in a stack buffer, each column one FMA chain over
    /// k in order from zero (bit-identical to the register-only tiles of <see cref="Gemm"/>).
    /// </summary>
    internal static unsafe class MatrixVector
    {
        private const int DepthBlock = 8;

        /// <summary>Vectors per group: 8 independent FMA chains, enough to cover two pipes' latency.</summary>
        private const int GroupVectors = 8;

        /// <summary>Columns whose sums are kept at once, on the stack (as <c>MatrixVector512</c>, and for the same reason).</summary>
        private const int ChunkColumns = 1024;

        /// <summary>
        /// Computes the columns [colStart, colStart + w), w the largest multiple of 8 vectors that fits
        /// before <paramref name="colEnd"/>, hands them to the epilogue, and returns colStart + w.
        /// </summary>
        public static int Multiply<TEpilogue>(float* left, int depthStride, float* right, int rightStride, int depth, int row, int colStart, int colEnd, in TEpilogue epilogue)
            where TEpilogue : struct, IGemmEpilogue
        {
            int group = GroupVectors * Vector<float>.Count;
            int width = (colEnd - colStart) / group * group;
            if (width == 0) return colStart;
            // ChunkColumns is a multiple of every group width (8 vectors of 4, 8 or 16 lanes).
            float* sums = stackalloc float[ChunkColumns];
            int w = Vector<float>.Count;
            for (int chunk = colStart; chunk < colStart + width; chunk += ChunkColumns)
            {
                int columns = Math.Min(ChunkColumns, colStart + width - chunk);
                new Span<float>(sums, columns).Clear();
                for (int k0 = 0; k0 < depth; k0 += DepthBlock)
                {
                    int count = Math.Min(DepthBlock, depth - k0);
                    float* block = right + (nint)k0 * rightStride + chunk;
                    float* x = left + (nint)k0 * depthStride;
                    for (int j = 0; j < columns; j += group)
                        Group(x, depthStride, block + j, rightStride, count, sums + j);
                }
                for (int j = 0; j < columns; j += w)
                    epilogue.Store(row, chunk + j, VectorMath.Load(ref sums[j]));
            }
            return colStart + width;
        }

        private static void Group(float* x, int depthStride, float* r, int rightStride, int count, float* sums)
        {
            int w = Vector<float>.Count;
            var c0 = VectorMath.Load(ref sums[0]);
            var c1 = VectorMath.Load(ref sums[w]);
            var c2 = VectorMath.Load(ref sums[2 * w]);
            var c3 = VectorMath.Load(ref sums[3 * w]);
            var c4 = VectorMath.Load(ref sums[4 * w]);
            var c5 = VectorMath.Load(ref sums[5 * w]);
            var c6 = VectorMath.Load(ref sums[6 * w]);
            var c7 = VectorMath.Load(ref sums[7 * w]);
            for (nint k = 0, xk = 0; k < count; k++, xk += depthStride, r += rightStride)
            {
                var v = new Vector<float>(x[xk]);
                c0 = VectorMath.MultiplyAdd(v, VectorMath.Load(ref r[0]), c0);
                c1 = VectorMath.MultiplyAdd(v, VectorMath.Load(ref r[w]), c1);
                c2 = VectorMath.MultiplyAdd(v, VectorMath.Load(ref r[2 * w]), c2);
                c3 = VectorMath.MultiplyAdd(v, VectorMath.Load(ref r[3 * w]), c3);
                c4 = VectorMath.MultiplyAdd(v, VectorMath.Load(ref r[4 * w]), c4);
                c5 = VectorMath.MultiplyAdd(v, VectorMath.Load(ref r[5 * w]), c5);
                c6 = VectorMath.MultiplyAdd(v, VectorMath.Load(ref r[6 * w]), c6);
                c7 = VectorMath.MultiplyAdd(v, VectorMath.Load(ref r[7 * w]), c7);
            }
            VectorMath.Store(c0, ref sums[0]);
            VectorMath.Store(c1, ref sums[w]);
            VectorMath.Store(c2, ref sums[2 * w]);
            VectorMath.Store(c3, ref sums[3 * w]);
            VectorMath.Store(c4, ref sums[4 * w]);
            VectorMath.Store(c5, ref sums[5 * w]);
            VectorMath.Store(c6, ref sums[6 * w]);
            VectorMath.Store(c7, ref sums[7 * w]);
        }
    }
}
