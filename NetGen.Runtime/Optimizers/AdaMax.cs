using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen
{
    /// <summary>
    /// AdaMax, the infinity-norm variant of Adam (Kingma and Ba 2015, §7), as <c>torch.optim.Adamax</c>
    /// of PyTorch 1.13: g ← g + λθ; m ← β₁m + (1−β₁)g; u ← max(β₂u, |g| + ε);
    /// θ ← θ − η/(1−β₁ᵗ) · m/u. Defaults follow PyTorch: η 0.002 (Keras: 0.001), β₁ 0.9, β₂ 0.999,
    /// ε 1e-8 (Keras: 1e-7), weight decay 0. Keras adds ε to u in the update, m/(u + ε), rather than
    /// to |g| inside the maximum.
    /// </summary>
    public sealed class AdaMax : IOptimizer
    {
        private const int FirstMoment = 0, InfinityNorm = 1;
        private readonly OptimizerBuffers _state;

        /// <summary>Creates the optimizer.</summary>
        /// <param name="learningRate">η, default 0.002.</param>
        /// <param name="beta1">β₁, decay of the first moment, default 0.9.</param>
        /// <param name="beta2">β₂, decay of the infinity norm, default 0.999.</param>
        /// <param name="epsilon">ε, added to |g| inside the maximum, default 1e-8.</param>
        /// <param name="weightDecay">λ, L2 penalty added to the gradient as λθ, default 0.</param>
        public AdaMax(float learningRate = 0.002f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f)
        {
            LearningRate = OptimizerGuard.LearningRate(learningRate, nameof(learningRate));
            Beta1 = OptimizerGuard.UnitInterval(beta1, nameof(beta1));
            Beta2 = OptimizerGuard.UnitInterval(beta2, nameof(beta2));
            Epsilon = OptimizerGuard.NonNegative(epsilon, nameof(epsilon));
            WeightDecay = OptimizerGuard.NonNegative(weightDecay, nameof(weightDecay));
            _state = new OptimizerBuffers("AdaMax", new BufferSlot("exp_avg"), new BufferSlot("exp_inf"));
        }

        /// <inheritdoc />
        public float LearningRate { get; set; }

        /// <summary>β₁, the decay rate of the first-moment estimate.</summary>
        public float Beta1 { get; }

        /// <summary>β₂, the decay rate of the infinity norm.</summary>
        public float Beta2 { get; }

        /// <summary>ε, added to |g| inside the maximum.</summary>
        public float Epsilon { get; }

        /// <summary>λ, the L2 penalty added to the gradient.</summary>
        public float WeightDecay { get; }

        /// <inheritdoc />
        public long StepCount => _state.StepCount;

        /// <inheritdoc />
        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            int n = _state.Begin(parameters, gradients);
            double beta1 = OptimizerGuard.Widen(Beta1);
            var rule = new Rule(Beta1, (float)(1.0 - beta1), Beta2, Epsilon,
                (float)(-OptimizerGuard.Widen(LearningRate) / (1.0 - Math.Pow(beta1, StepCount))), WeightDecay);
            UpdateDriver.Run(parameters, gradients, _state.Range(FirstMoment, 0, n), _state.Range(InfinityNorm, 0, n), default, rule);
        }

        /// <inheritdoc />
        public OptimizerState ExportState() => _state.Export();

        /// <inheritdoc />
        public void ImportState(OptimizerState state) => _state.Import(state);

        /// <summary>The update of one vector of parameters, first moments and infinity norms.</summary>
        private readonly struct Rule : IUpdateRule
        {
            private readonly Vector<float> _beta1, _oneMinusBeta1, _beta2, _epsilon, _minusStepSize;
            private readonly L2Penalty _weightDecay;

            public Rule(float beta1, float oneMinusBeta1, float beta2, float epsilon, float minusStepSize, float weightDecay)
            {
                _beta1 = new Vector<float>(beta1);
                _oneMinusBeta1 = new Vector<float>(oneMinusBeta1);
                _beta2 = new Vector<float>(beta2);
                _epsilon = new Vector<float>(epsilon);
                _minusStepSize = new Vector<float>(minusStepSize);
                _weightDecay = new L2Penalty(weightDecay);
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public void Update(ref float p, ref float g, ref float m, ref float u, ref float unused)
            {
                var theta = VectorMath.Load(ref p);
                var grad = VectorMath.Load(ref g);
                grad = _weightDecay.Apply(theta, grad);
                var mean = VectorMath.MultiplyAdd(grad, _oneMinusBeta1, VectorMath.Load(ref m) * _beta1);
                var norm = Vector.Max(VectorMath.Load(ref u) * _beta2, Vector.Abs(grad) + _epsilon);
                VectorMath.Store(mean, ref m);
                VectorMath.Store(norm, ref u);
                VectorMath.Store(theta + _minusStepSize * mean / norm, ref p);
            }
        }
    }
}
