using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen
{
    /// <summary>
    /// The packed part of <see cref="Gemm"/>'s <see cref="Vector{T}"/> path (CPUs without AVX-512,
    /// NativeAOT binaries for x86-64-v3, NETGEN_KERNELS=256). R's rows are usually a power of two floats
    /// apart (1024 for the L workload: 4 KB), so a 2-vector column strip read down the depth maps onto a
    /// few L1/L2 sets and is evicted before the next row tile reads it again: unpacked, the 4-row tiles
    /// ran 10-20× slower than the AVX-512 kernels on a 1024 × 1024 product at batch 128 (Zen 4), far
    /// more than the lane count explains. Each strip is copied once into a contiguous per-thread buffer
    /// that every row tile then streams from L1/L2, as <c>Gemm512</c> does.
    /// </summary>
    /// <remarks>
    /// The tiles are the unpacked path's: 4 rows × 2 vectors, every element one FMA chain over
    /// k = 0 … depth − 1 from zero, so packing changes where R is read from, never a result.
    /// </remarks>
    internal static unsafe class PackedGemm
    {
        /// <summary>
        /// Whether copying R's strips pays: the copy costs one pass over R and each strip then serves
        /// rows / 4 tiles. Deep products pay from 16 rows (the forward and δ·Wᵀ products of M and L).
        /// Shallow ones need more rows to share the copy: the weight gradients xᵀ·δ, 784-1024 rows
        /// deep only by the batch (64-128), ran 1.4-1.5× faster packed on the AVX-512 path (L: 1.99 → 1.31 ms
        /// per 1024 × 1024 gradient), while a 32-row forward product 64-128 deep ran 5-15 % slower packed.
        /// </summary>
        public static bool ShouldPack(int rows, int depth) => (rows >= 16 && depth >= 256) || (rows >= 64 && depth >= 64);

        [ThreadStatic]
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006", Justification = "Thread-static: t_ rather than s_, which the naming rules cannot tell apart.")]
        private static float[]? t_packBuffer;

        /// <summary>This thread's buffer for packed strips of R, pinned so its address is stable.</summary>
        public static float* Buffer(int length) => AtLeast(ref t_packBuffer, length);

        /// <summary>
        /// <paramref name="buffer"/>, grown to <paramref name="length"/> floats (at least 64 K) when shorter, on the pinned
        /// heap so that its address is stable: the thread's buffers grow on their first products and are reused after.
        /// </summary>
        private static float* AtLeast(ref float[]? buffer, int length)
        {
            if (buffer is null || buffer.Length < length)
                buffer = GC.AllocateUninitializedArray<float>(Math.Max(length, 64 * 1024), pinned: true);
            return (float*)Unsafe.AsPointer(ref buffer[0]);
        }

        /// <summary>
        /// Computes C's columns from <paramref name="colStart"/> in whole 2-vector strips, all rows, and
        /// returns the first column it left (fewer than two vectors remain) for the caller's unpacked loops.
        /// </summary>
        public static int Multiply<TEpilogue>(float* left, int rowStride, int depthStride, float* right, int rightStride,
            int rowStart, int rowEnd, int colStart, int colEnd, int depth, in TEpilogue epilogue)
            where TEpilogue : struct, IGemmEpilogue
        {
            int width = Vector<float>.Count;
            int strip = 2 * width;
            float* packed = Buffer(depth * strip);
            int tiledRows = (rowEnd - rowStart) & ~3;
            if (depthStride != 1 && tiledRows > 0)
            {
                // L is a transposed view (the weight gradient xᵀ·δ: consecutive depth steps 4 KB apart),
                // so a 4-row tile would take each step's 4 values from a new line in the same few cache
                // sets. Interleave the tiled rows once: lp[(t·depth + k)·4 + i] = L(rowStart + 4t + i, k),
                // and the tiles read 16 contiguous bytes per step.
                float* lp = LeftBuffer(tiledRows * depth);
                for (int t = 0; t < tiledRows; t += 4)
                {
                    float* src = left + (rowStart + t) * rowStride;
                    float* dst = lp + (nint)t * depth;
                    for (int k = 0; k < depth; k++, dst += 4)
                    {
                        float* s0 = src + (nint)k * depthStride;
                        dst[0] = s0[0];
                        dst[1] = s0[rowStride];
                        dst[2] = s0[2 * rowStride];
                        dst[3] = s0[3 * rowStride];
                    }
                }
                for (; colStart + strip <= colEnd; colStart += strip)
                {
                    PackStrip(right + colStart, rightStride, depth, packed);
                    for (int t = 0; t < tiledRows; t += 4)
                        Gemm.Tile4x2(lp + (nint)t * depth, 1, 4, packed, 2 * width, depth, rowStart + t, colStart, epilogue);
                    for (int row = rowStart + tiledRows; row < rowEnd; row++)
                        Tile1x2(left + row * rowStride, depthStride, packed, depth, row, colStart, epilogue);
                }
                return colStart;
            }
            for (; colStart + strip <= colEnd; colStart += strip)
            {
                PackStrip(right + colStart, rightStride, depth, packed);
                int row = rowStart;
                for (; row + 4 <= rowEnd; row += 4)
                    Gemm.Tile4x2(left + row * rowStride, rowStride, depthStride, packed, 2 * width, depth, row, colStart, epilogue);
                for (; row < rowEnd; row++)
                    Tile1x2(left + row * rowStride, depthStride, packed, depth, row, colStart, epilogue);
            }
            return colStart;
        }

        /// <summary>packed[k·2w + j] = r[k·rightStride + j] for j &lt; 2w (w = Vector&lt;float&gt;.Count).</summary>
        private static void PackStrip(float* r, int rightStride, int depth, float* packed)
        {
            int width = Vector<float>.Count;
            for (int k = 0; k < depth; k++, r += rightStride, packed += 2 * width)
            {
                VectorMath.Store(VectorMath.Load(ref r[0]), ref packed[0]);
                VectorMath.Store(VectorMath.Load(ref r[width]), ref packed[width]);
            }
        }

        [ThreadStatic]
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006", Justification = "Thread-static: t_ rather than s_, which the naming rules cannot tell apart.")]
        private static float[]? t_leftBuffer;

        /// <summary>This thread's buffer for L's interleaved rows, pinned.</summary>
        private static float* LeftBuffer(int length) => AtLeast(ref t_leftBuffer, length);

        private static void Tile1x2<TEpilogue>(float* l, int depthStride, float* r, int depth, int row, int col, in TEpilogue epilogue)
            where TEpilogue : struct, IGemmEpilogue
        {
            int width = Vector<float>.Count;
            Vector<float> c0 = default, c1 = default;
            for (nint k = 0, lk = 0; k < depth; k++, lk += depthStride, r += 2 * width)
            {
                var x = new Vector<float>(l[lk]);
                c0 = VectorMath.MultiplyAdd(x, VectorMath.Load(ref r[0]), c0);
                c1 = VectorMath.MultiplyAdd(x, VectorMath.Load(ref r[width]), c1);
            }
            epilogue.Store(row, col, c0);
            epilogue.Store(row, col + width, c1);
        }
    }
}
