using System;
using System.Collections.Generic;

namespace NetGen
{
    /// <summary>
    /// An append-only list kept in fixed-size chunks, so growing it never copies what it holds: gathering n
    /// values and copying them into one exact array allocates about 2·n, where a doubling list allocates up to 4·n.
    /// </summary>
    internal sealed class ChunkedList<T>
    {
        private const int ChunkLength = 1 << 16;

        private readonly List<T[]> _chunks = new List<T[]>();
        private T[] _last = Array.Empty<T>();
        private int _inLast = ChunkLength;

        public long Count { get; private set; }

        public void Add(T value)
        {
            if (_inLast == ChunkLength)
            {
                _last = new T[ChunkLength];
                _chunks.Add(_last);
                _inLast = 0;
            }
            _last[_inLast++] = value;
            Count++;
        }

        /// <summary>The values in order, in one array of exactly <see cref="Count"/> elements (the caller keeps Count ≤ Array.MaxLength).</summary>
        public T[] ToArray()
        {
            var result = new T[Count];
            long offset = 0;
            foreach (var chunk in _chunks)
            {
                int length = (int)Math.Min(ChunkLength, Count - offset);
                Array.Copy(chunk, 0, result, offset, length);
                offset += length;
            }
            return result;
        }
    }
}
