using System.Numerics;

namespace NetGen
{
    /// <summary>
    /// Register-blocked matrix products behind the dense layers. Every finished sum goes to an
    /// epilogue struct, so bias, activation and stores are fused into the single write.
    /// </summary>
    internal static unsafe class Gemm
    {
        /// <summary>Whether the products below go to <c>Gemm512</c> (see <see cref="KernelChoice"/>).</summary>
        public static bool UsesAvx512
        {
#if NET10_0_OR_GREATER
            get => Gemm512.IsSupported;
#else
            get => false;
#endif
        }

        /// <summary>
        /// The block [rowStart, rowEnd) × [colStart, colEnd) of C = L·R, R row-major with its rows
        /// <paramref name="rightStride"/> floats apart. Element (r, k) of L is at
        /// <c>left[r·leftRowStride + k·leftDepthStride]</c>, so L may be a transposed view. Each element
        /// is computed exactly as in the whole product, so blocks may be shared out between threads (cut
        /// columns at multiples of 16 so the vector tails stay where they are). Without AVX-512, tiles of
        /// 4 rows × 2 vectors keep 8 independent accumulators in registers, enough to cover the FMA
        /// latency of two pipes; the loop walks the depth broadcasting one L value per row. Products with
        /// enough rows to share the copy read R from packed strips first (<see cref="PackedGemm"/>).
        /// </summary>
        public static void Multiply<TEpilogue>(float* left, int leftRowStride, int leftDepthStride, float* right, int rightStride,
            int rowStart, int rowEnd, int colStart, int colEnd, int depth, in TEpilogue epilogue)
            where TEpilogue : struct, IGemmEpilogue
        {
#if NET10_0_OR_GREATER
            if (Gemm512.IsSupported)
            {
                Gemm512.Multiply(left, leftRowStride, leftDepthStride, right, rightStride, rowStart, rowEnd, colStart, colEnd, depth, epilogue);
                return;
            }
#endif
            if (PackedGemm.ShouldPack(rowEnd - rowStart, depth))
            {
                colStart = PackedGemm.Multiply(left, leftRowStride, leftDepthStride, right, rightStride, rowStart, rowEnd, colStart, colEnd, depth, epilogue);
                if (colStart == colEnd) return;
            }
            int width = Vector<float>.Count;
            int row = rowStart;
            for (; row + 4 <= rowEnd; row += 4)
            {
                float* l0 = left + row * leftRowStride;
                float* l1 = l0 + leftRowStride;
                float* l2 = l1 + leftRowStride;
                float* l3 = l2 + leftRowStride;
                int col = colStart;
                for (; col + 2 * width <= colEnd; col += 2 * width)
                    Tile4x2(l0, leftRowStride, leftDepthStride, right + col, rightStride, depth, row, col, epilogue);
                for (; col + width <= colEnd; col += width)
                {
                    Vector<float> c0 = default, c1 = default, c2 = default, c3 = default;
                    float* r = right + col;
                    for (int k = 0, lk = 0; k < depth; k++, lk += leftDepthStride, r += rightStride)
                    {
                        var r0 = VectorMath.Load(ref r[0]);
                        c0 = VectorMath.MultiplyAdd(new Vector<float>(l0[lk]), r0, c0);
                        c1 = VectorMath.MultiplyAdd(new Vector<float>(l1[lk]), r0, c1);
                        c2 = VectorMath.MultiplyAdd(new Vector<float>(l2[lk]), r0, c2);
                        c3 = VectorMath.MultiplyAdd(new Vector<float>(l3[lk]), r0, c3);
                    }
                    epilogue.Store(row, col, c0);
                    epilogue.Store(row + 1, col, c1);
                    epilogue.Store(row + 2, col, c2);
                    epilogue.Store(row + 3, col, c3);
                }
                for (; col < colEnd; col++)
                {
                    float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
                    float* r = right + col;
                    for (int k = 0, lk = 0; k < depth; k++, lk += leftDepthStride, r += rightStride)
                    {
                        float rk = *r;
                        s0 = VectorMath.MultiplyAdd(l0[lk], rk, s0);
                        s1 = VectorMath.MultiplyAdd(l1[lk], rk, s1);
                        s2 = VectorMath.MultiplyAdd(l2[lk], rk, s2);
                        s3 = VectorMath.MultiplyAdd(l3[lk], rk, s3);
                    }
                    epilogue.Store(row, col, s0);
                    epilogue.Store(row + 1, col, s1);
                    epilogue.Store(row + 2, col, s2);
                    epilogue.Store(row + 3, col, s3);
                }
            }
            for (; row < rowEnd; row++)
                MultiplyRow(left + row * leftRowStride, leftDepthStride, right, row, rightStride, colStart, colEnd, depth, epilogue);
        }

        /// <summary>
        /// 4 rows × 2 vectors of C: 8 independent accumulators, enough to cover the FMA latency of two pipes.
        /// R's rows are <paramref name="rightStride"/> floats apart: the matrix itself, or a strip packed by
        /// <see cref="PackedGemm"/> (2 vectors apart). Every element is one FMA chain over k in order, from zero.
        /// </summary>
        internal static void Tile4x2<TEpilogue>(float* l0, int rowStride, int depthStride, float* r, int rightStride, int depth, int row, int col, in TEpilogue epilogue)
            where TEpilogue : struct, IGemmEpilogue
        {
            int width = Vector<float>.Count;
            float* l1 = l0 + rowStride, l2 = l1 + rowStride, l3 = l2 + rowStride;
            Vector<float> c00 = default, c01 = default, c10 = default, c11 = default;
            Vector<float> c20 = default, c21 = default, c30 = default, c31 = default;
            for (nint k = 0, lk = 0; k < depth; k++, lk += depthStride, r += rightStride)
            {
                var r0 = VectorMath.Load(ref r[0]);
                var r1 = VectorMath.Load(ref r[width]);
                var x = new Vector<float>(l0[lk]);
                c00 = VectorMath.MultiplyAdd(x, r0, c00);
                c01 = VectorMath.MultiplyAdd(x, r1, c01);
                x = new Vector<float>(l1[lk]);
                c10 = VectorMath.MultiplyAdd(x, r0, c10);
                c11 = VectorMath.MultiplyAdd(x, r1, c11);
                x = new Vector<float>(l2[lk]);
                c20 = VectorMath.MultiplyAdd(x, r0, c20);
                c21 = VectorMath.MultiplyAdd(x, r1, c21);
                x = new Vector<float>(l3[lk]);
                c30 = VectorMath.MultiplyAdd(x, r0, c30);
                c31 = VectorMath.MultiplyAdd(x, r1, c31);
            }
            epilogue.Store(row, col, c00);
            epilogue.Store(row, col + width, c01);
            epilogue.Store(row + 1, col, c10);
            epilogue.Store(row + 1, col + width, c11);
            epilogue.Store(row + 2, col, c20);
            epilogue.Store(row + 2, col + width, c21);
            epilogue.Store(row + 3, col, c30);
            epilogue.Store(row + 3, col + width, c31);
        }

        /// <summary>
        /// One row of L times R: the rows left over by the 4-row tiles, and batch-1 inference on CPUs
        /// without AVX-512. <see cref="MatrixVector"/> takes the columns in whole 8-vector groups, streaming
        /// R by whole rows; the loops below take what is left, four, one and zero vectors at a time.
        /// </summary>
        private static void MultiplyRow<TEpilogue>(float* leftRow, int leftDepthStride, float* right, int row, int rightStride, int colStart, int colEnd, int depth, in TEpilogue epilogue)
            where TEpilogue : struct, IGemmEpilogue
        {
#if NET10_0_OR_GREATER
            if (Gemm512.IsSupported)
            {
                // Row stride 0: the kernels' row `row` of L is this very row.
                Gemm512.Multiply(leftRow, 0, leftDepthStride, right, rightStride, row, row + 1, colStart, colEnd, depth, epilogue);
                return;
            }
#endif
            int width = Vector<float>.Count;
            // A matrix-vector product streams R once: MatrixVector reads it by whole rows.
            int col = MatrixVector.Multiply(leftRow, leftDepthStride, right, rightStride, depth, row, colStart, colEnd, epilogue);
            for (; col + 4 * width <= colEnd; col += 4 * width)
            {
                Vector<float> c0 = default, c1 = default, c2 = default, c3 = default;
                float* r = right + col;
                for (int k = 0, lk = 0; k < depth; k++, lk += leftDepthStride, r += rightStride)
                {
                    var x = new Vector<float>(leftRow[lk]);
                    c0 = VectorMath.MultiplyAdd(x, VectorMath.Load(ref r[0]), c0);
                    c1 = VectorMath.MultiplyAdd(x, VectorMath.Load(ref r[width]), c1);
                    c2 = VectorMath.MultiplyAdd(x, VectorMath.Load(ref r[2 * width]), c2);
                    c3 = VectorMath.MultiplyAdd(x, VectorMath.Load(ref r[3 * width]), c3);
                }
                epilogue.Store(row, col, c0);
                epilogue.Store(row, col + width, c1);
                epilogue.Store(row, col + 2 * width, c2);
                epilogue.Store(row, col + 3 * width, c3);
            }
            for (; col + width <= colEnd; col += width)
            {
                Vector<float> c0 = default;
                float* r = right + col;
                for (int k = 0, lk = 0; k < depth; k++, lk += leftDepthStride, r += rightStride)
                    c0 = VectorMath.MultiplyAdd(new Vector<float>(leftRow[lk]), VectorMath.Load(ref r[0]), c0);
                epilogue.Store(row, col, c0);
            }
            for (; col < colEnd; col++)
            {
                float s = 0f;
                float* r = right + col;
                for (int k = 0, lk = 0; k < depth; k++, lk += leftDepthStride, r += rightStride)
                    s = VectorMath.MultiplyAdd(leftRow[lk], *r, s);
                epilogue.Store(row, col, s);
            }
        }
    }
}
