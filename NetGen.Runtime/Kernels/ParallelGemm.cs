using System;
using System.Runtime.CompilerServices;

namespace NetGen
{
    /// <summary>
    /// Shares the dense layers' matrix products out over the <see cref="WorkerTeam"/>: each thread
    /// takes a block of columns of C (cut at multiples of 16, so every vector tail stays where it is in
    /// the single-threaded product) or, when C is too narrow, a block of rows. No thread adds into
    /// another's output and every element is the same FMA chain as in the serial product, so the
    /// results are bit-identical whatever the number of threads: there is no reduction to order.
    /// Products too small to repay the hand-over stay on the calling thread.
    /// </summary>
    internal static unsafe class ParallelGemm
    {
        /// <summary>
        /// Below this many multiply-adds a product stays on one thread: waking a worker and waiting for
        /// it costs about a microsecond, the time of ~100,000 FMAs on one core (measured with the
        /// NetGen.Benchmarks workloads; see docs/PERFORMANCE.md).
        /// </summary>
        internal static long MinimumParallelWork = 1L << 18;

        /// <summary>Below this many elements a transposition stays on one thread.</summary>
        internal static long MinimumParallelTranspose = 1L << 16;

        private struct MultiplyJob<TEpilogue>
            where TEpilogue : struct, IGemmEpilogue
        {
            public float* Left;
            public int RowStride;
            public int DepthStride;
            public float* Right;
            public int Rows;
            public int Columns;
            public int Depth;
            public bool SplitRows;
            public TEpilogue Epilogue;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Multiply<TEpilogue>(float* left, int rowStride, int depthStride, float* right, int m, int n, int depth, in TEpilogue epilogue, int threads)
            where TEpilogue : struct, IGemmEpilogue
        {
            int parts = Parts(threads, (long)m * n * depth, MinimumParallelWork);
            bool splitRows = false;
            if (parts > 1 && (n + 15) / 16 < parts)
            {
                // Too few column blocks: share rows instead (4 at a time, the kernels' tile height).
                splitRows = true;
                parts = Math.Min(parts, (m + 3) / 4);
            }
            if (parts <= 1)
            {
                Gemm.Multiply(left, rowStride, depthStride, right, n, 0, m, 0, n, depth, epilogue);
                return;
            }
            var job = new MultiplyJob<TEpilogue>
            {
                Left = left, RowStride = rowStride, DepthStride = depthStride, Right = right,
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
                Gemm.Multiply(job.Left, job.RowStride, job.DepthStride, job.Right, job.Columns, start, end, 0, job.Columns, job.Depth, job.Epilogue);
            }
            else
            {
                var (start, end) = WorkerTeam.Range(job.Columns, 16, part, parts);
                Gemm.Multiply(job.Left, job.RowStride, job.DepthStride, job.Right, job.Columns, 0, job.Rows, start, end, job.Depth, job.Epilogue);
            }
        }

        private struct TransposeJob
        {
            public float* Source;
            public float* Destination;
            public int Rows;
            public int Columns;
        }

        /// <summary>destination[c·rows + r] = source[r·columns + c]: the [columns × rows] transpose.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Transpose(float* source, float* destination, int rows, int columns, int threads)
        {
            var job = new TransposeJob { Source = source, Destination = destination, Rows = rows, Columns = columns };
            int parts = Parts(threads, (long)rows * columns, MinimumParallelTranspose);
            WorkerTeam.Run(&RunTranspose, Unsafe.AsPointer(ref job), parts);
        }

        private static void RunTranspose(void* arguments, int part, int parts)
        {
            ref var job = ref Unsafe.AsRef<TransposeJob>(arguments);
            var (start, end) = WorkerTeam.Range(job.Columns, 16, part, parts);
            Transpose(job.Source, job.Destination, job.Rows, job.Columns, start, end);
        }

        /// <summary>Columns [colStart, colEnd) of the source become rows of the destination, in 16 × 16 blocks.</summary>
        private static void Transpose(float* source, float* destination, int rows, int columns, int colStart, int colEnd)
        {
            const int Block = 16;
            for (int r0 = 0; r0 < rows; r0 += Block)
            {
                int r1 = Math.Min(r0 + Block, rows);
                for (int c0 = colStart; c0 < colEnd; c0 += Block)
                {
                    int c1 = Math.Min(c0 + Block, colEnd);
                    for (int r = r0; r < r1; r++)
                    {
                        float* from = source + (long)r * columns;
                        for (int c = c0; c < c1; c++) destination[(long)c * rows + r] = from[c];
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
