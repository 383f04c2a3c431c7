using System;

namespace NetGen
{
    /// <summary>
    /// An optimizer whose update is element-wise, so disjoint ranges of the parameters can be updated
    /// on different threads (<see cref="Generated.OptimizerSteps"/>): <see cref="BeginStep"/> once on the calling
    /// thread (state buffers, step count), then <see cref="StepRange"/> for each range. Each element
    /// gets exactly the arithmetic of a whole <see cref="IOptimizer.Step"/>.
    /// </summary>
    internal interface IPartitionedOptimizer
    {
        void BeginStep(int length);

        void StepRange(Span<float> parameters, ReadOnlySpan<float> gradients, int start, int length);
    }
}
