using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen
{
    /// <summary>
    /// A snapshot of an optimizer's mutable state: which optimizer made it, how many steps it has
    /// taken, and its named per-parameter buffers (moments, accumulators, momentum). Hyperparameters
    /// are not part of it; an optimizer imports a state made by one of the same kind and options.
    /// </summary>
    public sealed class OptimizerState
    {
        private readonly Dictionary<string, float[]> _buffers;

        /// <summary>Creates a state; the buffers are copied.</summary>
        /// <param name="kind">The optimizer kind, e.g. <c>"Adam"</c>.</param>
        /// <param name="stepCount">Number of steps taken so far.</param>
        /// <param name="buffers">Named buffers; empty before the first step.</param>
        public OptimizerState(string kind, long stepCount, IReadOnlyDictionary<string, float[]> buffers)
        {
            if (string.IsNullOrEmpty(kind)) throw new ArgumentException("The optimizer kind must be named.", nameof(kind));
            if (stepCount < 0) throw new ArgumentOutOfRangeException(nameof(stepCount), stepCount, "The step count cannot be negative.");
            if (buffers is null) throw new ArgumentNullException(nameof(buffers));
            Kind = kind;
            StepCount = stepCount;
            _buffers = new Dictionary<string, float[]>(StringComparer.Ordinal);
            foreach (var pair in buffers)
            {
                if (pair.Value is null) throw new ArgumentException($"Buffer '{pair.Key}' is null.", nameof(buffers));
                _buffers.Add(pair.Key, (float[])pair.Value.Clone());
            }
        }

        /// <summary>The optimizer kind that made the state, e.g. <c>"Adam"</c>.</summary>
        public string Kind { get; }

        /// <summary>Number of steps taken when the state was exported.</summary>
        public long StepCount { get; }

        /// <summary>The named buffers. The arrays belong to this state; importing copies them.</summary>
        public IReadOnlyDictionary<string, float[]> Buffers => _buffers;

        /// <summary>Names of the buffers in ordinal order.</summary>
        public IReadOnlyList<string> BufferNames => _buffers.Keys.OrderBy(name => name, StringComparer.Ordinal).ToArray();

        /// <summary>
        /// Checks that the state fits an optimizer of <paramref name="kind"/> whose buffers are
        /// <paramref name="expectedNames"/>: the kind matches; either no step was taken and there are
        /// no buffers, or every expected buffer is present, none other, and all have one length
        /// (names listed in <paramref name="scalarNames"/> must have length 1 instead).
        /// Returns the common buffer length, or −1 for an empty state.
        /// </summary>
        internal int Validate(string kind, string[] expectedNames, string[]? scalarNames = null)
        {
            if (!string.Equals(Kind, kind, StringComparison.Ordinal))
                throw new ArgumentException($"The state was exported by a '{Kind}' optimizer and cannot be imported into a '{kind}' optimizer.", "state");
            if (_buffers.Count == 0)
            {
                if (StepCount != 0 && expectedNames.Length != 0)
                    throw new ArgumentException($"The state records {StepCount} steps but has none of the buffers {string.Join(", ", expectedNames)}.", "state");
                return -1;
            }
            foreach (var name in _buffers.Keys)
                if (Array.IndexOf(expectedNames, name) < 0)
                    throw new ArgumentException($"Unexpected buffer '{name}' for a '{kind}' optimizer with these options; expected {string.Join(", ", expectedNames)}.", "state");
            int length = -1;
            foreach (var name in expectedNames)
            {
                if (!_buffers.TryGetValue(name, out var buffer))
                    throw new ArgumentException($"Missing buffer '{name}' for a '{kind}' optimizer with these options.", "state");
                if (scalarNames is not null && Array.IndexOf(scalarNames, name) >= 0)
                {
                    if (buffer.Length != 1)
                        throw new ArgumentException($"Buffer '{name}' must hold exactly 1 value, not {buffer.Length}.", "state");
                    continue;
                }
                if (length < 0) length = buffer.Length;
                else if (buffer.Length != length)
                    throw new ArgumentException($"Buffer '{name}' has length {buffer.Length}, but the other buffers have length {length}.", "state");
            }
            return length;
        }

        /// <summary>Copies buffer <paramref name="name"/> into a new array.</summary>
        internal float[] Copy(string name) => (float[])_buffers[name].Clone();
    }
}
