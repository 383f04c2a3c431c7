using System;
using System.Runtime.CompilerServices;

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
        /// Not a constant only because ThreadingTests set it to 0 to force every split: a test seam that
        /// nothing else writes.
        /// </summary>
        internal static long MinimumParallelWork = 1L << 21;

        /// <summary>The number of rows a product of fewer rows is costed as (see where Multiply counts the work).</summary>
        private const int MatrixVectorRows = 16;

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

        /// <summary>
        /// One part per allowed thread, for products and for <see cref="Transposition"/>. More parts than
        /// processors is harmless (the team's threads claim parts until none is left) and lets tests check
        /// every partition on any machine.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static int Parts(int threads, long work, long minimum) => threads <= 1 || work < minimum ? 1 : threads;
    }
}
