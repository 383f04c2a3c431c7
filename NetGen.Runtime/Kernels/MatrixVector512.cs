#if NET10_0_OR_GREATER
using System;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen
{
    /// <summary>
    /// The matrix-vector product of batch-1 inference on the AVX-512 path: y = x·R for one row x, where
    /// R (the layer's weights, megabytes for the L workload) comes from L3 or memory and is read exactly
    /// once, so the time is the time to stream R.
    /// </summary>
    /// <remarks>
    /// The earlier kernel walked R's whole depth for one 256-column strip at a time: 1 KB from each
    /// 4 KB row, then the next row, so each page was visited four times far apart and the prefetchers
    /// restarted on every row. This one takes R in blocks of <see cref="DepthBlock"/> whole rows (each row
    /// read from start to end while the block lasts, a handful of sequential streams) and keeps the sums
    /// of up to 1024 columns in a stack buffer that stays in L1 (4 KB), loading and storing
    /// each 128-column group once per block. Every column is still one FMA chain over k = 0 … depth − 1
    /// starting from zero (a float stored and reloaded is the same float), so the result is bit-identical
    /// to the register-only tiles.
    /// </remarks>
    internal static unsafe class MatrixVector512
    {
        /// <summary>Rows of R per pass over the columns: enough to amortize the sums' load and store (8 FMAs each).</summary>
        private const int DepthBlock = 8;

        /// <summary>Columns per group: 8 vectors, 8 independent FMA chains in flight (Zen 5 needs 8 to cover 2 pipes × 4 cycles).</summary>
        public const int GroupColumns = 128;

        /// <summary>
        /// Columns whose sums are kept at once: 4 KB on the stack, which stays in L1. A wider layer is taken in
        /// chunks of this many columns, each a full pass over R's depth (each column's chain is unchanged).
        /// </summary>
        /// <remarks>
        /// The sums live on the stack rather than in a per-thread array: a [ThreadStatic] buffer made a shared
        /// instance's concurrent Predict calls allocate (24 B to 8 KB once per caller thread, at the moment the
        /// JIT promoted the kernel to optimized code; SharedInferenceAllocationTests), and the stack costs nothing.
        /// </remarks>
        public const int ChunkColumns = 1024;

        /// <summary>
        /// Computes the columns [colStart, colStart + w) with w the largest multiple of <see cref="GroupColumns"/>
        /// that fits before <paramref name="colEnd"/>, hands them to the epilogue, and returns colStart + w.
        /// </summary>
        public static int Multiply<TEpilogue>(float* left, int depthStride, float* right, int rightStride, int depth, int row, int colStart, int colEnd, in TEpilogue epilogue)
            where TEpilogue : struct, IGemmEpilogue
        {
            int width = (colEnd - colStart) / GroupColumns * GroupColumns;
            if (width == 0) return colStart;
            float* sums = stackalloc float[ChunkColumns];
            for (int chunk = colStart; chunk < colStart + width; chunk += ChunkColumns)
            {
                int columns = Math.Min(ChunkColumns, colStart + width - chunk);
                new Span<float>(sums, columns).Clear();
                for (int k0 = 0; k0 < depth; k0 += DepthBlock)
                {
                    int count = Math.Min(DepthBlock, depth - k0);
                    float* block = right + (nint)k0 * rightStride + chunk;
                    float* x = left + (nint)k0 * depthStride;
                    for (int j = 0; j < columns; j += GroupColumns)
                        Group(x, depthStride, block + j, rightStride, count, sums + j);
                }
                for (int j = 0; j < columns; j += 16)
                    Gemm512.Store(epilogue, row, chunk + j, Vector512.Load(sums + j));
            }
            return colStart + width;
        }

        /// <summary>sums[0..128) += Σ over <paramref name="count"/> rows of x[k]·r[k, 0..128), one FMA per row and column, in row order.</summary>
        private static void Group(float* x, int depthStride, float* r, int rightStride, int count, float* sums)
        {
            var c0 = Vector512.Load(sums);
            var c1 = Vector512.Load(sums + 16);
            var c2 = Vector512.Load(sums + 32);
            var c3 = Vector512.Load(sums + 48);
            var c4 = Vector512.Load(sums + 64);
            var c5 = Vector512.Load(sums + 80);
            var c6 = Vector512.Load(sums + 96);
            var c7 = Vector512.Load(sums + 112);
            for (nint k = 0, xk = 0; k < count; k++, xk += depthStride, r += rightStride)
            {
                var v = Vector512.Create(x[xk]);
                c0 = Avx512F.FusedMultiplyAdd(v, Vector512.Load(r), c0);
                c1 = Avx512F.FusedMultiplyAdd(v, Vector512.Load(r + 16), c1);
                c2 = Avx512F.FusedMultiplyAdd(v, Vector512.Load(r + 32), c2);
                c3 = Avx512F.FusedMultiplyAdd(v, Vector512.Load(r + 48), c3);
                c4 = Avx512F.FusedMultiplyAdd(v, Vector512.Load(r + 64), c4);
                c5 = Avx512F.FusedMultiplyAdd(v, Vector512.Load(r + 80), c5);
                c6 = Avx512F.FusedMultiplyAdd(v, Vector512.Load(r + 96), c6);
                c7 = Avx512F.FusedMultiplyAdd(v, Vector512.Load(r + 112), c7);
            }
            Vector512.Store(c0, sums);
            Vector512.Store(c1, sums + 16);
            Vector512.Store(c2, sums + 32);
            Vector512.Store(c3, sums + 48);
            Vector512.Store(c4, sums + 64);
            Vector512.Store(c5, sums + 80);
            Vector512.Store(c6, sums + 96);
            Vector512.Store(c7, sums + 112);
        }
    }
}
#endif
