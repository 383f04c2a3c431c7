using System;
using System.Collections.Generic;

namespace NetGen
{
    /// <summary>
    /// An optimizer's mutable state, kept in one place: its named per-parameter buffers (allocated on
    /// the first step), its step count, and their export to and import from an
    /// <see cref="OptimizerState"/> with its checks. Each optimizer only lists its buffers.
    /// </summary>
    internal sealed class OptimizerBuffers
    {
        private readonly string _kind;
        private readonly BufferSlot[] _slots;
        private readonly float[]?[] _values;

        /// <summary>Creates the state of a <paramref name="kind"/> optimizer with <paramref name="slots"/>, in export order.</summary>
        public OptimizerBuffers(string kind, params BufferSlot[] slots)
        {
            _kind = kind;
            _slots = slots;
            _values = new float[]?[slots.Length];
        }

        /// <summary>Number of steps taken (or imported).</summary>
        public long StepCount { get; private set; }

        /// <summary>
        /// Starts a step over <paramref name="length"/> parameters: allocates the buffers in use on the
        /// first step (checking their length on later ones), then t ← t + 1.
        /// </summary>
        public void Begin(int length)
        {
            for (int i = 0; i < _slots.Length; i++)
                if (_slots[i].InUse) OptimizerGuard.Buffer(ref _values[i], _slots[i].IsScalar ? 1 : length, _slots[i].Initial);
            StepCount++;
        }

        /// <summary>
        /// Starts a step of <see cref="IOptimizer.Step"/>: checks that <paramref name="parameters"/> and
        /// <paramref name="gradients"/> have one length, then <see cref="Begin(int)"/>; returns the length.
        /// </summary>
        public int Begin(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            OptimizerGuard.SameLength(parameters, gradients);
            Begin(parameters.Length);
            return parameters.Length;
        }

        /// <summary>Values [start, start + length) of buffer <paramref name="slot"/>, or an empty span when it is not in use.</summary>
        public Span<float> Range(int slot, int start, int length) => _slots[slot].InUse ? _values[slot].AsSpan(start, length) : default;

        /// <summary>The one value of scalar buffer <paramref name="slot"/>; valid after <see cref="Begin(int)"/>.</summary>
        public ref float Scalar(int slot) => ref _values[slot]![0];

        /// <summary>Copies the step count and the buffers allocated so far out.</summary>
        public OptimizerState Export()
        {
            var buffers = new Dictionary<string, float[]>(StringComparer.Ordinal);
            for (int i = 0; i < _slots.Length; i++)
                if (_values[i] is { } values) buffers.Add(_slots[i].Name, values);
            return new OptimizerState(_kind, StepCount, buffers);
        }

        /// <summary>
        /// Replaces the state with a copy of <paramref name="state"/>, which must come from an optimizer
        /// of the same kind whose options use the same buffers (see <see cref="OptimizerState"/>'s checks).
        /// </summary>
        public void Import(OptimizerState state)
        {
            if (state is null) throw new ArgumentNullException(nameof(state));
            var expected = new List<string>(_slots.Length);
            var scalars = new List<string>();
            foreach (var slot in _slots)
            {
                if (!slot.InUse) continue;
                expected.Add(slot.Name);
                if (slot.IsScalar) scalars.Add(slot.Name);
            }
            bool present = state.Validate(_kind, expected.ToArray(), scalars.ToArray()) >= 0;
            for (int i = 0; i < _slots.Length; i++)
                _values[i] = present && _slots[i].InUse ? state.Copy(_slots[i].Name) : null;
            StepCount = state.StepCount;
        }
    }
}
