using System;

namespace NetGen
{
    /// <summary>
    /// The state Adam and AdamW share — first and second moments, the AMSGrad maximum and the step
    /// count — with their step, export and import. The two optimizers differ only in how weight
    /// decay enters (L2 in the gradient, or decoupled), which <see cref="Step"/> takes as arguments.
    /// </summary>
    internal sealed class AdamMoments
    {
        private const int FirstMoment = 0, SecondMoment = 1, SecondMomentMax = 2;
        private readonly OptimizerBuffers _state;

        public AdamMoments(string kind, bool amsGrad)
            => _state = new OptimizerBuffers(kind, new BufferSlot("exp_avg"), new BufferSlot("exp_avg_sq"), new BufferSlot("max_exp_avg_sq", InUse: amsGrad));

        public long StepCount => _state.StepCount;

        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients, float learningRate, float beta1, float beta2, float epsilon,
            float coupledDecay, float decoupledDecay)
        {
            OptimizerGuard.SameLength(parameters, gradients);
            Begin(parameters.Length);
            StepRange(parameters, gradients, 0, parameters.Length, learningRate, beta1, beta2, epsilon, coupledDecay, decoupledDecay);
        }

        /// <summary>Starts a step over <paramref name="length"/> parameters: the moment buffers, then t ← t + 1.</summary>
        public void Begin(int length) => _state.Begin(length);

        /// <summary>Updates parameters [start, start + length) of the step begun; disjoint ranges may run on different threads.</summary>
        public void StepRange(Span<float> parameters, ReadOnlySpan<float> gradients, int start, int length, float learningRate, float beta1, float beta2, float epsilon,
            float coupledDecay, float decoupledDecay)
        {
            AdamKernel.Step(parameters.Slice(start, length), gradients.Slice(start, length), _state.Range(FirstMoment, start, length),
                _state.Range(SecondMoment, start, length), _state.Range(SecondMomentMax, start, length),
                StepCount, learningRate, beta1, beta2, epsilon, coupledDecay, decoupledDecay);
        }

        public OptimizerState Export() => _state.Export();

        public void Import(OptimizerState state) => _state.Import(state);
    }
}
