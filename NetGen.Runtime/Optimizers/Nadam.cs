using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen
{
    /// <summary>
    /// Nadam, Adam with Nesterov momentum (Dozat 2016), as <c>torch.optim.NAdam</c> of PyTorch 1.13:
    /// μₜ = β₁(1 − ½·0.96^(tψ)); g ← g + λθ; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
    /// d = √(v/(1−β₂ᵗ)) + ε; θ ← θ − η(1−μₜ)/(1−∏μ)·g/d − ημₜ₊₁/(1−∏μ·μₜ₊₁)·m/d, where ∏μ is the
    /// running product μ₁…μₜ, kept in float as PyTorch does. Defaults follow PyTorch: η 0.002
    /// (Keras: 0.001), β₁ 0.9, β₂ 0.999, ε 1e-8 (Keras: 1e-7), momentum decay ψ 0.004, weight decay 0.
    /// Keras 3's schedule has no ψ, μₜ = β₁(1 − ½·0.96ᵗ); ε is placed as in Keras, after the square root.
    /// </summary>
    public sealed class Nadam : IOptimizer
    {
        private const int FirstMoment = 0, SecondMoment = 1, MuProduct = 2;
        private readonly OptimizerBuffers _state;

        /// <summary>Creates the optimizer.</summary>
        /// <param name="learningRate">η, default 0.002.</param>
        /// <param name="beta1">β₁, decay of the first moment, default 0.9.</param>
        /// <param name="beta2">β₂, decay of the second moment, default 0.999.</param>
        /// <param name="epsilon">ε, added to the bias-corrected √v, default 1e-8.</param>
        /// <param name="weightDecay">λ, L2 penalty added to the gradient as λθ, default 0.</param>
        /// <param name="momentumDecay">ψ, the momentum schedule's decay, default 0.004.</param>
        public Nadam(float learningRate = 0.002f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f, float momentumDecay = 0.004f)
        {
            LearningRate = OptimizerGuard.LearningRate(learningRate, nameof(learningRate));
            Beta1 = OptimizerGuard.UnitInterval(beta1, nameof(beta1));
            Beta2 = OptimizerGuard.UnitInterval(beta2, nameof(beta2));
            Epsilon = OptimizerGuard.NonNegative(epsilon, nameof(epsilon));
            WeightDecay = OptimizerGuard.NonNegative(weightDecay, nameof(weightDecay));
            MomentumDecay = OptimizerGuard.NonNegative(momentumDecay, nameof(momentumDecay));
            // ∏μ starts at 1 and is checkpointed as a one-value buffer beside the moments.
            _state = new OptimizerBuffers("Nadam",
                new BufferSlot("exp_avg"), new BufferSlot("exp_avg_sq"), new BufferSlot("mu_product", Initial: 1f, IsScalar: true));
        }

        /// <inheritdoc />
        public float LearningRate { get; set; }

        /// <summary>β₁, the decay rate of the first-moment estimate.</summary>
        public float Beta1 { get; }

        /// <summary>β₂, the decay rate of the second-moment estimate.</summary>
        public float Beta2 { get; }

        /// <summary>ε, added to the bias-corrected square root of the second moment.</summary>
        public float Epsilon { get; }

        /// <summary>λ, the L2 penalty added to the gradient.</summary>
        public float WeightDecay { get; }

        /// <summary>ψ, the decay of the momentum schedule μₜ = β₁(1 − ½·0.96^(tψ)).</summary>
        public float MomentumDecay { get; }

        /// <inheritdoc />
        public long StepCount => _state.StepCount;

        /// <inheritdoc />
        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            int n = _state.Begin(parameters, gradients);
            double step = StepCount;
            double beta1 = OptimizerGuard.Widen(Beta1), beta2 = OptimizerGuard.Widen(Beta2), decay = OptimizerGuard.Widen(MomentumDecay);
            double biasCorrection2 = 1.0 - Math.Pow(beta2, step);
            double mu = beta1 * (1.0 - 0.5 * Math.Pow(0.96, step * decay));
            double muNext = beta1 * (1.0 - 0.5 * Math.Pow(0.96, (step + 1) * decay));
            // PyTorch keeps the product in a float32 tensor; so do we, for parity over long runs.
            ref float muProduct = ref _state.Scalar(MuProduct);
            muProduct *= (float)mu;
            float muProductNext = muProduct * (float)mu * (float)muNext;
            double rate = OptimizerGuard.Widen(LearningRate);
            var rule = new Rule(Beta1, (float)(1.0 - beta1), Beta2, (float)(1.0 - beta2), (float)biasCorrection2, Epsilon,
                (float)(-rate * (1.0 - mu) / (1.0 - muProduct)), (float)(-rate * muNext / (1.0 - muProductNext)), WeightDecay);
            UpdateDriver.Run(parameters, gradients, _state.Range(FirstMoment, 0, n), _state.Range(SecondMoment, 0, n), default, rule);
        }

        /// <inheritdoc />
        public OptimizerState ExportState() => _state.Export();

        /// <inheritdoc />
        public void ImportState(OptimizerState state) => _state.Import(state);

        /// <summary>The update of one vector of parameters and their first and second moments.</summary>
        private readonly struct Rule : IUpdateRule
        {
            private readonly Vector<float> _beta1, _oneMinusBeta1, _beta2, _oneMinusBeta2, _biasCorrection2, _epsilon, _gradientStep, _momentStep;
            private readonly L2Penalty _weightDecay;

            public Rule(float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float biasCorrection2, float epsilon,
                float gradientStep, float momentStep, float weightDecay)
            {
                _beta1 = new Vector<float>(beta1);
                _oneMinusBeta1 = new Vector<float>(oneMinusBeta1);
                _beta2 = new Vector<float>(beta2);
                _oneMinusBeta2 = new Vector<float>(oneMinusBeta2);
                _biasCorrection2 = new Vector<float>(biasCorrection2);
                _epsilon = new Vector<float>(epsilon);
                _gradientStep = new Vector<float>(gradientStep);
                _momentStep = new Vector<float>(momentStep);
                _weightDecay = new L2Penalty(weightDecay);
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public void Update(ref float p, ref float g, ref float m, ref float v, ref float unused)
            {
                var theta = VectorMath.Load(ref p);
                var grad = VectorMath.Load(ref g);
                grad = _weightDecay.Apply(theta, grad);
                var mean = VectorMath.MultiplyAdd(grad, _oneMinusBeta1, VectorMath.Load(ref m) * _beta1);
                var square = VectorMath.Load(ref v) * _beta2 + _oneMinusBeta2 * grad * grad;
                VectorMath.Store(mean, ref m);
                VectorMath.Store(square, ref v);
                var denominator = Vector.SquareRoot(square / _biasCorrection2) + _epsilon;
                // Two separate roundings, as PyTorch's two addcdiv_ calls.
                theta += _gradientStep * grad / denominator;
                VectorMath.Store(theta + _momentStep * mean / denominator, ref p);
            }
        }
    }
}
