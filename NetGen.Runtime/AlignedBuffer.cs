using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace NetGen.Generated
{
    /// <summary>
    /// A float buffer whose first value sits on a 64-byte boundary (a cache line, one AVX-512 vector) and
    /// stays there: the generated networks keep their parameters, gradients and folded inference weights
    /// in these.
    /// </summary>
    /// <remarks>
    /// A plain <c>float[]</c> starts wherever the GC put it, 8-byte aligned, and moves when the heap is
    /// compacted. Read from L3 or memory, unaligned 64-byte vector loads each touch two cache lines: on a
    /// Zen 4 core batch-1 inference of the L workload (three 1024-wide layers, 11.7 MB) took 200-214 µs
    /// with the weights 16-56 bytes off a line and 153 µs aligned (docs/PERFORMANCE.md). So the array is
    /// allocated on the pinned object heap, where it never moves, 15 floats longer than asked, and the
    /// buffer starts at the first aligned value in it. Layers whose widths are multiples of 16 then have
    /// every kernel row aligned.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct AlignedBuffer
    {
        private const int Alignment = 64;
        private readonly float[] _array;
        private readonly int _start;

        private AlignedBuffer(float[] array, int start, int length)
        {
            _array = array;
            _start = start;
            Length = length;
        }

        /// <summary>The number of values.</summary>
        public int Length { get; }

        /// <summary>A zeroed buffer of <paramref name="length"/> values, the first on a 64-byte boundary.</summary>
        public static unsafe AlignedBuffer Allocate(int length)
        {
            if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), length, "A buffer length cannot be negative.");
            const int pad = Alignment / sizeof(float) - 1;
            if (length > int.MaxValue - pad) throw new ArgumentOutOfRangeException(nameof(length), length, "The buffer would exceed the largest array .NET allocates.");
            var array = GC.AllocateArray<float>(length + pad, pinned: true);
            long address = (long)Unsafe.AsPointer(ref array[0]);
            int start = (int)((Alignment - address % Alignment) % Alignment / sizeof(float));
            return new AlignedBuffer(array, start, length);
        }

        /// <summary>All the values.</summary>
        public Span<float> Span => new Span<float>(_array, _start, Length);

        /// <summary>All the values, as memory (for views that outlive a call).</summary>
        public Memory<float> Memory => new Memory<float>(_array, _start, Length);

        /// <summary>Values [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>).</summary>
        public Span<float> Slice(int start, int length)
        {
            if ((uint)start > (uint)Length || (uint)length > (uint)(Length - start)) throw new ArgumentOutOfRangeException(nameof(start));
            return new Span<float>(_array, _start + start, length);
        }

        /// <summary>All the values, as a span.</summary>
        public static implicit operator Span<float>(AlignedBuffer buffer) => buffer.Span;

        /// <summary>All the values, read-only.</summary>
        public static implicit operator ReadOnlySpan<float>(AlignedBuffer buffer) => buffer.Span;
    }
}
