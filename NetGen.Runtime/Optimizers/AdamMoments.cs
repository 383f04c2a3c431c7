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
        private readonly string _kind;
        private readonly bool _amsGrad;
        private float[]? _expAvg, _expAvgSq, _maxExpAvgSq;

        public AdamMoments(string kind, bool amsGrad)
        {
            _kind = kind;
            _amsGrad = amsGrad;
        }

        public long StepCount { get; private set; }

        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients, float learningRate, float beta1, float beta2, float epsilon,
            float coupledDecay, float decoupledDecay)
        {
            OptimizerGuard.SameLength(parameters, gradients);
            Begin(parameters.Length);
            StepRange(parameters, gradients, 0, parameters.Length, learningRate, beta1, beta2, epsilon, coupledDecay, decoupledDecay);
        }

        /// <summary>Starts a step over <paramref name="length"/> parameters: the moment buffers, then t ← t + 1.</summary>
        public void Begin(int length)
        {
            OptimizerGuard.Buffer(ref _expAvg, length);
            OptimizerGuard.Buffer(ref _expAvgSq, length);
            if (_amsGrad) OptimizerGuard.Buffer(ref _maxExpAvgSq, length);
            StepCount++;
        }

        /// <summary>Updates parameters [start, start + length) of the step begun; disjoint ranges may run on different threads.</summary>
        public void StepRange(Span<float> parameters, ReadOnlySpan<float> gradients, int start, int length, float learningRate, float beta1, float beta2, float epsilon,
            float coupledDecay, float decoupledDecay)
        {
            AdamKernel.Step(parameters.Slice(start, length), gradients.Slice(start, length), _expAvg.AsSpan(start, length), _expAvgSq.AsSpan(start, length),
                _amsGrad ? _maxExpAvgSq.AsSpan(start, length) : default, StepCount, learningRate, beta1, beta2, epsilon, coupledDecay, decoupledDecay);
        }

        public OptimizerState Export()
            => new OptimizerState(_kind, StepCount, OptimizerGuard.Existing(("exp_avg", _expAvg), ("exp_avg_sq", _expAvgSq), ("max_exp_avg_sq", _maxExpAvgSq)));

        public void Import(OptimizerState state)
        {
            if (state is null) throw new ArgumentNullException(nameof(state));
            var names = _amsGrad ? new[] { "exp_avg", "exp_avg_sq", "max_exp_avg_sq" } : new[] { "exp_avg", "exp_avg_sq" };
            bool present = state.Validate(_kind, names) >= 0;
            _expAvg = present ? state.Copy("exp_avg") : null;
            _expAvgSq = present ? state.Copy("exp_avg_sq") : null;
            _maxExpAvgSq = present && _amsGrad ? state.Copy("max_exp_avg_sq") : null;
            StepCount = state.StepCount;
        }
    }
}
