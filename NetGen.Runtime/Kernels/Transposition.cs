using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace NetGen
{
    /// <summary>
    /// The transposed copy of a dense kernel that backward's δ·Wᵀ reads (refreshed once per step): 8 × 8
    /// blocks through AVX registers, scalar 16 × 16 blocks for the edges, shared out over the
    /// <see cref="WorkerTeam"/> by blocks of 16 source columns, as <see cref="ParallelGemm"/> shares products.
    /// Every element is one copy, so the result is the same whatever the number of threads.
    /// </summary>
    internal static unsafe class Transposition
    {
        /// <summary>
        /// Below this many elements a transposition stays on one thread. Not a constant only because
        /// ThreadingTests set it to 0 to force every split: a test seam that nothing else writes.
        /// </summary>
        internal static long MinimumParallelTranspose = 1L << 18;

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
            int parts = ParallelGemm.Parts(threads, (long)rows * columns, MinimumParallelTranspose);
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
    }
}
