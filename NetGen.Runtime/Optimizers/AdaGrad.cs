using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen
{
    /// <summary>
    /// AdaGrad (Duchi et al. 2011) as <c>torch.optim.Adagrad</c> of PyTorch 1.13 without learning-rate
    /// decay: g ← g + λθ; s ← s + g²; θ ← θ − η·g / (√s + ε). Defaults follow PyTorch: η 0.01
    /// (Keras: 0.001), initial accumulator 0 (Keras: 0.1), ε 1e-10 (Keras: 1e-7), weight decay 0.
    /// Keras 3 also adds ε inside the square root, √(s + ε), where NetGen and PyTorch use √s + ε.
    /// </summary>
    public sealed class AdaGrad : IOptimizer
    {
        private const int Sum = 0;
        private readonly OptimizerBuffers _state;

        /// <summary>Creates the optimizer.</summary>
        /// <param name="learningRate">η, default 0.01.</param>
        /// <param name="initialAccumulatorValue">Starting value of every squared-gradient accumulator, default 0.</param>
        /// <param name="epsilon">ε, added to √s, default 1e-10.</param>
        /// <param name="weightDecay">λ, L2 penalty added to the gradient as λθ, default 0.</param>
        public AdaGrad(float learningRate = 0.01f, float initialAccumulatorValue = 0f, float epsilon = 1e-10f, float weightDecay = 0f)
        {
            LearningRate = OptimizerGuard.LearningRate(learningRate, nameof(learningRate));
            InitialAccumulatorValue = OptimizerGuard.NonNegative(initialAccumulatorValue, nameof(initialAccumulatorValue));
            Epsilon = OptimizerGuard.NonNegative(epsilon, nameof(epsilon));
            WeightDecay = OptimizerGuard.NonNegative(weightDecay, nameof(weightDecay));
            _state = new OptimizerBuffers("AdaGrad", new BufferSlot("sum", Initial: initialAccumulatorValue));
        }

        /// <inheritdoc />
        public float LearningRate { get; set; }

        /// <summary>The value every accumulator starts from.</summary>
        public float InitialAccumulatorValue { get; }

        /// <summary>ε, added to the square root of the accumulator.</summary>
        public float Epsilon { get; }

        /// <summary>λ, the L2 penalty added to the gradient.</summary>
        public float WeightDecay { get; }

        /// <inheritdoc />
        public long StepCount => _state.StepCount;

        /// <inheritdoc />
        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            int n = _state.Begin(parameters, gradients);
            UpdateDriver.Run(parameters, gradients, _state.Range(Sum, 0, n), default, default, new Rule(-LearningRate, Epsilon, WeightDecay));
        }

        /// <inheritdoc />
        public OptimizerState ExportState() => _state.Export();

        /// <inheritdoc />
        public void ImportState(OptimizerState state) => _state.Import(state);

        /// <summary>The update of one vector of parameters and their squared-gradient sums.</summary>
        private readonly struct Rule : IUpdateRule
        {
            private readonly Vector<float> _minusRate, _epsilon;
            private readonly L2Penalty _weightDecay;

            public Rule(float minusRate, float epsilon, float weightDecay)
            {
                _minusRate = new Vector<float>(minusRate);
                _epsilon = new Vector<float>(epsilon);
                _weightDecay = new L2Penalty(weightDecay);
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public void Update(ref float p, ref float g, ref float s, ref float unused1, ref float unused2)
            {
                var theta = VectorMath.Load(ref p);
                var grad = VectorMath.Load(ref g);
                grad = _weightDecay.Apply(theta, grad);
                var sum = VectorMath.Load(ref s) + grad * grad;
                VectorMath.Store(sum, ref s);
                VectorMath.Store(theta + _minusRate * grad / (Vector.SquareRoot(sum) + _epsilon), ref p);
            }
        }
    }
}
