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
            int n = parameters.Length;
            var m = OptimizerGuard.Buffer(ref _expAvg, n);
            var v = OptimizerGuard.Buffer(ref _expAvgSq, n);
            Span<float> vMax = _amsGrad ? OptimizerGuard.Buffer(ref _maxExpAvgSq, n) : default;
            StepCount++;
            AdamKernel.Step(parameters, gradients, m, v, vMax, StepCount, learningRate, beta1, beta2, epsilon, coupledDecay, decoupledDecay);
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
