using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace NetGen
{
    /// <summary>
    /// Shares the dense layers' matrix products out over the <see cref="WorkerTeam"/>: each thread
    /// takes a block of columns of C (cut at multiples of 16, so every vector tail stays where it is in
    /// the single-threaded product) or a block of rows (multiples of 4), whichever moves fewer bytes
    /// between cores. No thread adds into another's output and every element is the same FMA chain as
    /// in the serial product, so the results are bit-identical whatever the number of threads: there
    /// is no reduction to order. Products too small to repay the hand-over stay on the calling thread.
    /// </summary>
    internal static unsafe class ParallelGemm
    {
        /// <summary>
        /// Below this many multiply-adds (2M, ~10 µs on one core) a product stays on one thread. Handing
        /// over costs little, but each thread then writes its half of the output into its own cache and
        /// the next layer reads both halves: on the S and D workloads (0.3-0.5M FMAs per product)
        /// splitting made training up to 2× slower; M's and L's products gain (docs/PERFORMANCE.md).
        /// </summary>
        internal static long MinimumParallelWork = 1L << 21;

        /// <summary>The number of rows a product of fewer rows is costed as (see where Multiply counts the work).</summary>
        private const int MatrixVectorRows = 16;

        /// <summary>Below this many elements a transposition stays on one thread.</summary>
        internal static long MinimumParallelTranspose = 1L << 18;

        private struct MultiplyJob<TEpilogue>
            where TEpilogue : struct, IGemmEpilogue
        {
            public float* Left;
            public int RowStride;
            public int DepthStride;
            public float* Right;
            public int RightStride;
            public int Rows;
            public int Columns;
            public int Depth;
            public bool SplitRows;
            public TEpilogue Epilogue;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Multiply<TEpilogue>(float* left, int rowStride, int depthStride, float* right, int m, int n, int depth, in TEpilogue epilogue, int threads)
            where TEpilogue : struct, IGemmEpilogue
            => Multiply(left, rowStride, depthStride, right, n, m, n, depth, epilogue, threads);

        /// <summary>C[m × n] = L·R with R's rows <paramref name="rightStride"/> ≥ n floats apart.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Multiply<TEpilogue>(float* left, int rowStride, int depthStride, float* right, int rightStride, int m, int n, int depth, in TEpilogue epilogue, int threads)
            where TEpilogue : struct, IGemmEpilogue
        {
            // A product of a few rows (batch-1 inference) is bound by streaming R from L3 or memory, not
            // by its multiply-adds, and each core brings its own bandwidth and its own L2: count every
            // element of R as at least 16 multiply-adds, so that M's first layer (784 × 256, 0.8 MB)
            // and L's layers split while S's and D's (at most 0.06 MB) stay on one core.
            int parts = Parts(threads, (long)Math.Max(m, MatrixVectorRows) * n * depth, MinimumParallelWork);
            bool splitRows = false;
            if (parts > 1)
            {
                // Cut where the fewest bytes cross between cores. A column split has each core read all
                // of L and its half of R, and leaves the next layer to read half of C from the other
                // core's cache; a row split (4 rows at a time, the kernels' tile height) has each core
                // read half of L and all of R, and keeps each core's rows of C where the next row-split
                // product reads them. Rows win when L and C outweigh R: large-batch inference, narrow
                // layers, weight gradients (L = Xᵀ with a row per input); columns when the weights
                // dominate (training M and L at batch 64-128, matrix-vector products).
                bool rowsCheaper = (long)m * (depth + n) > (long)depth * n;
                splitRows = (rowsCheaper && m >= 4 * parts) || (n + 15) / 16 < parts;
                if (splitRows) parts = Math.Min(parts, (m + 3) / 4);
            }
            if (parts <= 1)
            {
                Gemm.Multiply(left, rowStride, depthStride, right, rightStride, 0, m, 0, n, depth, epilogue);
                return;
            }
            var job = new MultiplyJob<TEpilogue>
            {
                Left = left, RowStride = rowStride, DepthStride = depthStride, Right = right, RightStride = rightStride,
                Rows = m, Columns = n, Depth = depth, SplitRows = splitRows, Epilogue = epilogue,
            };
            WorkerTeam.Run(&RunMultiply<TEpilogue>, Unsafe.AsPointer(ref job), parts);
        }

        private static void RunMultiply<TEpilogue>(void* arguments, int part, int parts)
            where TEpilogue : struct, IGemmEpilogue
        {
            ref var job = ref Unsafe.AsRef<MultiplyJob<TEpilogue>>(arguments);
            if (job.SplitRows)
            {
                var (start, end) = WorkerTeam.Range(job.Rows, 4, part, parts);
                Gemm.Multiply(job.Left, job.RowStride, job.DepthStride, job.Right, job.RightStride, start, end, 0, job.Columns, job.Depth, job.Epilogue);
            }
            else
            {
                var (start, end) = WorkerTeam.Range(job.Columns, 16, part, parts);
                Gemm.Multiply(job.Left, job.RowStride, job.DepthStride, job.Right, job.RightStride, 0, job.Rows, start, end, job.Depth, job.Epilogue);
            }
        }

        private struct TransposeJob
        {
            public float* Source;
            public float* Destination;
            public int Rows;
            public int Columns;
            public int DestinationStride;
        }

        /// <summary>
        /// destination[c·destinationStride + r] = source[r·columns + c]: the [columns × rows] transpose,
        /// its rows destinationStride ≥ rows floats apart.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Transpose(float* source, float* destination, int rows, int columns, int destinationStride, int threads)
        {
            var job = new TransposeJob { Source = source, Destination = destination, Rows = rows, Columns = columns, DestinationStride = destinationStride };
            int parts = Parts(threads, (long)rows * columns, MinimumParallelTranspose);
            WorkerTeam.Run(&RunTranspose, Unsafe.AsPointer(ref job), parts);
        }

        private static void RunTranspose(void* arguments, int part, int parts)
        {
            ref var job = ref Unsafe.AsRef<TransposeJob>(arguments);
            var (start, end) = WorkerTeam.Range(job.Columns, 16, part, parts);
            Transpose(job.Source, job.Destination, job.Rows, job.Columns, job.DestinationStride, start, end);
        }

        /// <summary>Columns [colStart, colEnd) of the source become rows of the destination, in 16 × 16 blocks.</summary>
        private static void Transpose(float* source, float* destination, int rows, int columns, int stride, int colStart, int colEnd)
        {
            int fullRows = rows & ~7;
            int fullColumnsEnd = colStart + ((colEnd - colStart) & ~7);
            if (Avx.IsSupported && fullRows > 0 && fullColumnsEnd > colStart)
            {
                // 8 × 8 blocks through registers (unpack, shuffle, lane permute), then the edges.
                for (int r = 0; r < fullRows; r += 8)
                    for (int c = colStart; c < fullColumnsEnd; c += 8)
                        Transpose8x8(source + (long)r * columns + c, columns, destination + (long)c * stride + r, stride);
                TransposeScalar(source, destination, columns, stride, fullRows, rows, colStart, colEnd);
                TransposeScalar(source, destination, columns, stride, 0, fullRows, fullColumnsEnd, colEnd);
                return;
            }
            TransposeScalar(source, destination, columns, stride, 0, rows, colStart, colEnd);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Transpose8x8(float* source, int sourceStride, float* destination, int destinationStride)
        {
            var r0 = Avx.LoadVector256(source);
            var r1 = Avx.LoadVector256(source + sourceStride);
            var r2 = Avx.LoadVector256(source + 2 * sourceStride);
            var r3 = Avx.LoadVector256(source + 3 * sourceStride);
            var r4 = Avx.LoadVector256(source + 4 * sourceStride);
            var r5 = Avx.LoadVector256(source + 5 * sourceStride);
            var r6 = Avx.LoadVector256(source + 6 * sourceStride);
            var r7 = Avx.LoadVector256(source + 7 * sourceStride);
            var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);
            var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
            var t4 = Avx.UnpackLow(r4, r5); var t5 = Avx.UnpackHigh(r4, r5);
            var t6 = Avx.UnpackLow(r6, r7); var t7 = Avx.UnpackHigh(r6, r7);
            var s0 = Avx.Shuffle(t0, t2, 0x44); var s1 = Avx.Shuffle(t0, t2, 0xEE);
            var s2 = Avx.Shuffle(t1, t3, 0x44); var s3 = Avx.Shuffle(t1, t3, 0xEE);
            var s4 = Avx.Shuffle(t4, t6, 0x44); var s5 = Avx.Shuffle(t4, t6, 0xEE);
            var s6 = Avx.Shuffle(t5, t7, 0x44); var s7 = Avx.Shuffle(t5, t7, 0xEE);
            Avx.Store(destination, Avx.Permute2x128(s0, s4, 0x20));
            Avx.Store(destination + destinationStride, Avx.Permute2x128(s1, s5, 0x20));
            Avx.Store(destination + 2 * destinationStride, Avx.Permute2x128(s2, s6, 0x20));
            Avx.Store(destination + 3 * destinationStride, Avx.Permute2x128(s3, s7, 0x20));
            Avx.Store(destination + 4 * destinationStride, Avx.Permute2x128(s0, s4, 0x31));
            Avx.Store(destination + 5 * destinationStride, Avx.Permute2x128(s1, s5, 0x31));
            Avx.Store(destination + 6 * destinationStride, Avx.Permute2x128(s2, s6, 0x31));
            Avx.Store(destination + 7 * destinationStride, Avx.Permute2x128(s3, s7, 0x31));
        }

        /// <summary>Rows [rowStart, rowEnd) × columns [colStart, colEnd) of the source, one value at a time, in 16 × 16 blocks.</summary>
        private static void TransposeScalar(float* source, float* destination, int columns, int stride, int rowStart, int rowEnd, int colStart, int colEnd)
        {
            const int Block = 16;
            for (int r0 = rowStart; r0 < rowEnd; r0 += Block)
            {
                int r1 = Math.Min(r0 + Block, rowEnd);
                for (int c0 = colStart; c0 < colEnd; c0 += Block)
                {
                    int c1 = Math.Min(c0 + Block, colEnd);
                    for (int r = r0; r < r1; r++)
                    {
                        float* from = source + (long)r * columns;
                        for (int c = c0; c < c1; c++) destination[(long)c * stride + r] = from[c];
                    }
                }
            }
        }

        /// <summary>
        /// One part per allowed thread. More parts than processors is harmless (the team's threads
        /// claim parts until none is left) and lets tests check every partition on any machine.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int Parts(int threads, long work, long minimum) => threads <= 1 || work < minimum ? 1 : threads;
    }
}
