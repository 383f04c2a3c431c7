using System;

namespace NetGen
{
    /// <summary>
    /// Updates a flat parameter buffer from its gradient, in one pass. Implementations allocate their
    /// per-parameter state on the first <see cref="Step"/>, sized to the buffer, and allocate nothing
    /// afterwards; an optimizer instance serves one parameter buffer.
    /// </summary>
    public interface IOptimizer
    {
        /// <summary>The current learning rate.</summary>
        float LearningRate { get; set; }

        /// <summary>Number of steps taken so far (restored by <see cref="ImportState"/>).</summary>
        long StepCount { get; }

        /// <summary>Applies one update. Both spans have the same length and layout.</summary>
        void Step(Span<float> parameters, ReadOnlySpan<float> gradients);

        /// <summary>Copies the optimizer's mutable state (step count and buffers) out.</summary>
        OptimizerState ExportState();

        /// <summary>
        /// Replaces the optimizer's mutable state with a copy of <paramref name="state"/>, which must
        /// come from an optimizer of the same kind and options.
        /// </summary>
        /// <exception cref="ArgumentException">The kind, buffer names or buffer lengths do not fit.</exception>
        void ImportState(OptimizerState state);
    }
}
