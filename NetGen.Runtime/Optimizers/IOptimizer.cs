using System;

namespace NetGen
{
    /// <summary>Updates a flat parameter buffer from its gradient, in one pass.</summary>
    public interface IOptimizer
    {
        /// <summary>The current learning rate.</summary>
        float LearningRate { get; set; }

        /// <summary>Applies one update. Both spans have the same length and layout.</summary>
        void Step(Span<float> parameters, ReadOnlySpan<float> gradients);
    }
}
