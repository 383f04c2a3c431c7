using System;

namespace NetGen
{
    /// <summary>
    /// What Adam and AdamW share — their checked hyperparameters, the first and second moments, the
    /// AMSGrad maximum and the step count — with their step, export and import. The two optimizers
    /// differ only in how weight decay enters: L2 in the gradient, or decoupled.
    /// </summary>
    internal sealed class AdamMoments
    {
        private const int FirstMoment = 0, SecondMoment = 1, SecondMomentMax = 2;
        private readonly OptimizerBuffers _state;
        private readonly bool _decoupled;

        /// <summary>Checks the hyperparameters (in the order, and with the names, of the optimizers' constructors).</summary>
        public AdamMoments(string kind, float learningRate, float beta1, float beta2, float epsilon, float weightDecay, bool amsGrad, bool decoupled)
        {
            LearningRate = OptimizerGuard.LearningRate(learningRate, nameof(learningRate));
            Beta1 = OptimizerGuard.UnitInterval(beta1, nameof(beta1));
            Beta2 = OptimizerGuard.UnitInterval(beta2, nameof(beta2));
            Epsilon = OptimizerGuard.NonNegative(epsilon, nameof(epsilon));
            WeightDecay = OptimizerGuard.NonNegative(weightDecay, nameof(weightDecay));
            AmsGrad = amsGrad;
            _decoupled = decoupled;
            _state = new OptimizerBuffers(kind, new BufferSlot("exp_avg"), new BufferSlot("exp_avg_sq"), new BufferSlot("max_exp_avg_sq", InUse: amsGrad));
        }

        /// <summary>η, which schedules may change between steps.</summary>
        public float LearningRate;

        /// <summary>β₁, β₂, ε and λ: λ is added to the gradient as λθ (Adam) or scales θ by 1 − ηλ (AdamW, decoupled).</summary>
        public readonly float Beta1, Beta2, Epsilon, WeightDecay;

        public readonly bool AmsGrad;

        public long StepCount => _state.StepCount;

        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            int n = _state.Begin(parameters, gradients);
            StepRange(parameters, gradients, 0, n);
        }

        /// <summary>Starts a step over <paramref name="length"/> parameters: the moment buffers, then t ← t + 1.</summary>
        public void Begin(int length) => _state.Begin(length);

        /// <summary>Updates parameters [start, start + length) of the step begun; disjoint ranges may run on different threads.</summary>
        public void StepRange(Span<float> parameters, ReadOnlySpan<float> gradients, int start, int length)
        {
            AdamKernel.Step(parameters.Slice(start, length), gradients.Slice(start, length), _state.Range(FirstMoment, start, length),
                _state.Range(SecondMoment, start, length), _state.Range(SecondMomentMax, start, length),
                StepCount, LearningRate, Beta1, Beta2, Epsilon, l2: _decoupled ? 0f : WeightDecay, decoupledDecay: _decoupled ? WeightDecay : 0f);
        }

        public OptimizerState Export() => _state.Export();

        public void Import(OptimizerState state) => _state.Import(state);
    }
}
