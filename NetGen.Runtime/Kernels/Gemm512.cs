#if NET10_0_OR_GREATER
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen
{
    /// <summary>
    /// The AVX-512 path of <see cref="Gemm"/>'s products: 16-lane <see cref="Vector512{T}"/>
    /// micro-kernels, used when the CPU has AVX-512F and <see cref="KernelChoice"/> finds that its core
    /// runs them at least as fast as the 256-bit ones, whatever width <see cref="Vector{T}"/> has
    /// (the JIT keeps <c>Vector&lt;float&gt;</c> at 8 lanes by default even on AVX-512 machines; on a
    /// core with a full 512-bit datapath, such as AMD Zen 5, that halves the FMA throughput).
    /// </summary>
    /// <remarks>
    /// C[rows × cols] = L · R over a sub-rectangle [rowStart, rowEnd) × [colStart, colEnd) of C.
    /// Element (r, k) of L is at <c>left[r·rowStride + k·depthStride]</c>; R is row-major with
    /// <c>rightStride</c> floats per row. Tiles of 4 rows × 4 vectors (64 columns) keep 16
    /// accumulators in the 32 zmm registers; each k step loads 4 vectors of R, broadcasts 4 values of
    /// L and issues 16 FMAs. Narrower tiles (2 and 1 vectors) take the leftover columns, the last one
    /// with a masked load (no reads past the row, no scalar loop), and single-row tiles the leftover
    /// rows. Every element of C is one FMA chain over k = 0 … depth − 1 starting from zero, whatever
    /// tile computes it, so a result never depends on how C is cut into tiles or shared between
    /// threads.
    /// </remarks>
    internal static unsafe class Gemm512
    {
        public static bool IsSupported
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => Avx512F.IsSupported && KernelChoice.Use512;
        }

        public static void Multiply<TEpilogue>(float* left, int rowStride, int depthStride, float* right, int rightStride,
            int rowStart, int rowEnd, int colStart, int colEnd, int depth, in TEpilogue epilogue)
            where TEpilogue : struct, IGemmEpilogue
        {
            // Cache blocking: the kernels sweep all rows of L for each 64-column strip of R, so the
            // strip (depth × 256 B) stays in L2 while the rows stream past it. When L's rows do not
            // fit in L2 beside the strip (784-1024-1024 layers at batch 128: 512 KB of rows), take
            // them in blocks of about 256 KB, re-reading each strip once per block instead.
            if (PackedGemm.ShouldPack(rowEnd - rowStart, depth) && colEnd - colStart >= 64)
            {
                // R's rows are 1-4 KB apart, a power-of-two stride that maps a 64-column strip onto a
                // sixteenth of L2's sets, so the strip cannot stay in L2 however small it is. Copy each
                // strip into a contiguous per-thread buffer first; every row tile then streams it from L2.
                float* packed = PackedGemm.Buffer(depth * 64);
                for (; colStart + 64 <= colEnd; colStart += 64)
                {
                    Pack(right + colStart, rightStride, depth, packed);
                    int row = rowStart;
                    for (; row + 4 <= rowEnd; row += 4)
                        Tile4x4(left + row * rowStride, rowStride, depthStride, packed, 64, depth, row, colStart, epilogue);
                    for (; row < rowEnd; row++)
                        Tile1x4(left + row * rowStride, depthStride, packed, 64, depth, row, colStart, epilogue);
                }
                if (colStart == colEnd) return;
            }
            int rowBlock = Math.Max(4, (L2RowBudget / Math.Max(1, depth)) & ~3);
            for (int block = rowStart; block < rowEnd; block += rowBlock)
                MultiplyBlock(left, rowStride, depthStride, right, rightStride, block, Math.Min(rowEnd, block + rowBlock), colStart, colEnd, depth, epilogue);
        }

        /// <summary>packed[k·64 + j] = right[k·rightStride + j] for j &lt; 64.</summary>
        private static void Pack(float* right, int rightStride, int depth, float* packed)
        {
            for (int k = 0; k < depth; k++, right += rightStride, packed += 64)
            {
                Vector512.Store(Vector512.Load(right), packed);
                Vector512.Store(Vector512.Load(right + 16), packed + 16);
                Vector512.Store(Vector512.Load(right + 32), packed + 32);
                Vector512.Store(Vector512.Load(right + 48), packed + 48);
            }
        }

        /// <summary>Floats of L's rows to keep in L2 at once (256 KB: a quarter of a Zen 4/5 core's L2).</summary>
        private const int L2RowBudget = 64 * 1024;

        private static void MultiplyBlock<TEpilogue>(float* left, int rowStride, int depthStride, float* right, int rightStride,
            int rowStart, int rowEnd, int colStart, int colEnd, int depth, in TEpilogue epilogue)
            where TEpilogue : struct, IGemmEpilogue
        {
            int col = colStart;
            if (rowEnd - rowStart == 1)
            {
                // Matrix-vector product (batch-1 inference): bound by streaming R, which is read once.
                col = MatrixVector512.Multiply(left + rowStart * rowStride, depthStride, right, rightStride, depth, rowStart, col, colEnd, epilogue);
            }
            for (; col + 64 <= colEnd; col += 64)
            {
                int row = rowStart;
                for (; row + 4 <= rowEnd; row += 4)
                    Tile4x4(left + row * rowStride, rowStride, depthStride, right + col, rightStride, depth, row, col, epilogue);
                for (; row < rowEnd; row++)
                    Tile1x4(left + row * rowStride, depthStride, right + col, rightStride, depth, row, col, epilogue);
            }
            for (; col + 32 <= colEnd; col += 32)
            {
                int row = rowStart;
                for (; row + 4 <= rowEnd; row += 4)
                    Tile4x2(left + row * rowStride, rowStride, depthStride, right + col, rightStride, depth, row, col, epilogue);
                for (; row < rowEnd; row++)
                {
                    Tile1x1(left + row * rowStride, depthStride, right + col, rightStride, depth, row, col, 16, epilogue);
                    Tile1x1(left + row * rowStride, depthStride, right + col + 16, rightStride, depth, row, col + 16, 16, epilogue);
                }
            }
            for (; col < colEnd; col += 16)
            {
                int count = Math.Min(16, colEnd - col);
                int row = rowStart;
                for (; row + 4 <= rowEnd; row += 4)
                    Tile4x1(left + row * rowStride, rowStride, depthStride, right + col, rightStride, depth, row, col, count, epilogue);
                for (; row < rowEnd; row++)
                    Tile1x1(left + row * rowStride, depthStride, right + col, rightStride, depth, row, col, count, epilogue);
            }
        }

        private static void Tile4x4<TEpilogue>(float* l, int rowStride, int depthStride, float* r, int rightStride, int depth, int row, int col, in TEpilogue epilogue)
            where TEpilogue : struct, IGemmEpilogue
        {
            Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default;
            Vector512<float> c10 = default, c11 = default, c12 = default, c13 = default;
            Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default;
            Vector512<float> c30 = default, c31 = default, c32 = default, c33 = default;
            float* l1 = l + rowStride, l2 = l1 + rowStride, l3 = l2 + rowStride;
            for (nint k = 0, lk = 0; k < depth; k++, lk += depthStride, r += rightStride)
            {
                var r0 = Vector512.Load(r);
                var r1 = Vector512.Load(r + 16);
                var r2 = Vector512.Load(r + 32);
                var r3 = Vector512.Load(r + 48);
                var x = Vector512.Create(l[lk]);
                c00 = Avx512F.FusedMultiplyAdd(x, r0, c00); c01 = Avx512F.FusedMultiplyAdd(x, r1, c01);
                c02 = Avx512F.FusedMultiplyAdd(x, r2, c02); c03 = Avx512F.FusedMultiplyAdd(x, r3, c03);
                x = Vector512.Create(l1[lk]);
                c10 = Avx512F.FusedMultiplyAdd(x, r0, c10); c11 = Avx512F.FusedMultiplyAdd(x, r1, c11);
                c12 = Avx512F.FusedMultiplyAdd(x, r2, c12); c13 = Avx512F.FusedMultiplyAdd(x, r3, c13);
                x = Vector512.Create(l2[lk]);
                c20 = Avx512F.FusedMultiplyAdd(x, r0, c20); c21 = Avx512F.FusedMultiplyAdd(x, r1, c21);
                c22 = Avx512F.FusedMultiplyAdd(x, r2, c22); c23 = Avx512F.FusedMultiplyAdd(x, r3, c23);
                x = Vector512.Create(l3[lk]);
                c30 = Avx512F.FusedMultiplyAdd(x, r0, c30); c31 = Avx512F.FusedMultiplyAdd(x, r1, c31);
                c32 = Avx512F.FusedMultiplyAdd(x, r2, c32); c33 = Avx512F.FusedMultiplyAdd(x, r3, c33);
            }
            Store(epilogue, row, col, c00); Store(epilogue, row, col + 16, c01); Store(epilogue, row, col + 32, c02); Store(epilogue, row, col + 48, c03);
            Store(epilogue, row + 1, col, c10); Store(epilogue, row + 1, col + 16, c11); Store(epilogue, row + 1, col + 32, c12); Store(epilogue, row + 1, col + 48, c13);
            Store(epilogue, row + 2, col, c20); Store(epilogue, row + 2, col + 16, c21); Store(epilogue, row + 2, col + 32, c22); Store(epilogue, row + 2, col + 48, c23);
            Store(epilogue, row + 3, col, c30); Store(epilogue, row + 3, col + 16, c31); Store(epilogue, row + 3, col + 32, c32); Store(epilogue, row + 3, col + 48, c33);
        }

        private static void Tile4x2<TEpilogue>(float* l, int rowStride, int depthStride, float* r, int rightStride, int depth, int row, int col, in TEpilogue epilogue)
            where TEpilogue : struct, IGemmEpilogue
        {
            Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default;
            Vector512<float> c20 = default, c21 = default, c30 = default, c31 = default;
            float* l1 = l + rowStride, l2 = l1 + rowStride, l3 = l2 + rowStride;
            for (nint k = 0, lk = 0; k < depth; k++, lk += depthStride, r += rightStride)
            {
                var r0 = Vector512.Load(r);
                var r1 = Vector512.Load(r + 16);
                var x = Vector512.Create(l[lk]);
                c00 = Avx512F.FusedMultiplyAdd(x, r0, c00); c01 = Avx512F.FusedMultiplyAdd(x, r1, c01);
                x = Vector512.Create(l1[lk]);
                c10 = Avx512F.FusedMultiplyAdd(x, r0, c10); c11 = Avx512F.FusedMultiplyAdd(x, r1, c11);
                x = Vector512.Create(l2[lk]);
                c20 = Avx512F.FusedMultiplyAdd(x, r0, c20); c21 = Avx512F.FusedMultiplyAdd(x, r1, c21);
                x = Vector512.Create(l3[lk]);
                c30 = Avx512F.FusedMultiplyAdd(x, r0, c30); c31 = Avx512F.FusedMultiplyAdd(x, r1, c31);
            }
            Store(epilogue, row, col, c00); Store(epilogue, row, col + 16, c01);
            Store(epilogue, row + 1, col, c10); Store(epilogue, row + 1, col + 16, c11);
            Store(epilogue, row + 2, col, c20); Store(epilogue, row + 2, col + 16, c21);
            Store(epilogue, row + 3, col, c30); Store(epilogue, row + 3, col + 16, c31);
        }

        /// <summary>4 rows × one vector of <paramref name="count"/> ≤ 16 columns (masked load when fewer).</summary>
        private static void Tile4x1<TEpilogue>(float* l, int rowStride, int depthStride, float* r, int rightStride, int depth, int row, int col, int count, in TEpilogue epilogue)
            where TEpilogue : struct, IGemmEpilogue
        {
            Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
            float* l1 = l + rowStride, l2 = l1 + rowStride, l3 = l2 + rowStride;
            var mask = Mask(count);
            for (nint k = 0, lk = 0; k < depth; k++, lk += depthStride, r += rightStride)
            {
                var r0 = Avx512F.MaskLoad(r, mask, Vector512<float>.Zero);
                c0 = Avx512F.FusedMultiplyAdd(Vector512.Create(l[lk]), r0, c0);
                c1 = Avx512F.FusedMultiplyAdd(Vector512.Create(l1[lk]), r0, c1);
                c2 = Avx512F.FusedMultiplyAdd(Vector512.Create(l2[lk]), r0, c2);
                c3 = Avx512F.FusedMultiplyAdd(Vector512.Create(l3[lk]), r0, c3);
            }
            Store(epilogue, row, col, c0, count);
            Store(epilogue, row + 1, col, c1, count);
            Store(epilogue, row + 2, col, c2, count);
            Store(epilogue, row + 3, col, c3, count);
        }

        /// <summary>
        /// One row × 64 columns: the matrix-vector product of batch-1 inference and the rows left over
        /// by the 4-row tiles. Four accumulators per column vector (k split by residue mod 4 would
        /// change the arithmetic, so instead four independent column vectors) cover the FMA latency.
        /// </summary>
        private static void Tile1x4<TEpilogue>(float* l, int depthStride, float* r, int rightStride, int depth, int row, int col, in TEpilogue epilogue)
            where TEpilogue : struct, IGemmEpilogue
        {
            Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
            for (nint k = 0, lk = 0; k < depth; k++, lk += depthStride, r += rightStride)
            {
                var x = Vector512.Create(l[lk]);
                c0 = Avx512F.FusedMultiplyAdd(x, Vector512.Load(r), c0);
                c1 = Avx512F.FusedMultiplyAdd(x, Vector512.Load(r + 16), c1);
                c2 = Avx512F.FusedMultiplyAdd(x, Vector512.Load(r + 32), c2);
                c3 = Avx512F.FusedMultiplyAdd(x, Vector512.Load(r + 48), c3);
            }
            Store(epilogue, row, col, c0); Store(epilogue, row, col + 16, c1);
            Store(epilogue, row, col + 32, c2); Store(epilogue, row, col + 48, c3);
        }

        private static void Tile1x1<TEpilogue>(float* l, int depthStride, float* r, int rightStride, int depth, int row, int col, int count, in TEpilogue epilogue)
            where TEpilogue : struct, IGemmEpilogue
        {
            Vector512<float> c0 = default;
            var mask = Mask(count);
            for (nint k = 0, lk = 0; k < depth; k++, lk += depthStride, r += rightStride)
                c0 = Avx512F.FusedMultiplyAdd(Vector512.Create(l[lk]), Avx512F.MaskLoad(r, mask, Vector512<float>.Zero), c0);
            Store(epilogue, row, col, c0, count);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> Mask(int count) =>
            Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();

        /// <summary>Hands 16 finished sums to the epilogue in <see cref="Vector{T}"/>-sized pieces.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void Store<TEpilogue>(in TEpilogue epilogue, int row, int col, Vector512<float> sums)
            where TEpilogue : struct, IGemmEpilogue
        {
            if (Vector<float>.Count == 16)
            {
                epilogue.Store(row, col, sums.AsVector());
            }
            else if (Vector<float>.Count == 8)
            {
                epilogue.Store(row, col, sums.GetLower().AsVector());
                epilogue.Store(row, col + 8, sums.GetUpper().AsVector());
            }
            else if (Vector<float>.Count == 4)
            {
                epilogue.Store(row, col, sums.GetLower().GetLower().AsVector());
                epilogue.Store(row, col + 4, sums.GetLower().GetUpper().AsVector());
                epilogue.Store(row, col + 8, sums.GetUpper().GetLower().AsVector());
                epilogue.Store(row, col + 12, sums.GetUpper().GetUpper().AsVector());
            }
            else
            {
                for (int j = 0; j < 16; j++) epilogue.Store(row, col + j, sums.GetElement(j));
            }
        }

        /// <summary>Hands the first <paramref name="count"/> sums to the epilogue one by one (the column tail).</summary>
        private static void Store<TEpilogue>(in TEpilogue epilogue, int row, int col, Vector512<float> sums, int count)
            where TEpilogue : struct, IGemmEpilogue
        {
            if (count == 16)
            {
                Store(epilogue, row, col, sums);
                return;
            }
            for (int j = 0; j < count; j++) epilogue.Store(row, col + j, sums.GetElement(j));
        }
    }
}
#endif
