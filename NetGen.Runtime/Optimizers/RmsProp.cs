using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen
{
    /// <summary>
    /// RMSprop (Hinton, Coursera lecture 6e) as <c>torch.optim.RMSprop</c> of PyTorch 1.13:
    /// g ← g + λθ; s ← αs + (1−α)g²; with <see cref="Centered"/> also ḡ ← αḡ + (1−α)g and
    /// d ← √(s − ḡ²) + ε, else d ← √s + ε; then with momentum b ← μb + g/d, θ ← θ − ηb, else θ ← θ − ηg/d.
    /// Defaults follow PyTorch: η 0.01 (Keras: 0.001), α 0.99 (Keras's rho: 0.9), ε 1e-8 (Keras: 1e-7),
    /// momentum 0, not centered, weight decay 0. Keras differs in form too: it adds ε inside the square
    /// root, √(s + ε), and keeps η inside the momentum buffer (b ← μb + ηg/d, θ ← θ − b).
    /// </summary>
    public sealed class RmsProp : IOptimizer
    {
        private const int SquareAverage = 0, GradientAverage = 1, Velocity = 2;
        private readonly OptimizerBuffers _state;

        /// <summary>Creates the optimizer.</summary>
        /// <param name="learningRate">η, default 0.01.</param>
        /// <param name="alpha">α (Keras's rho), decay of the mean square, default 0.99.</param>
        /// <param name="epsilon">ε, added to the root mean square, default 1e-8.</param>
        /// <param name="momentum">μ in [0, 1), default 0 (no momentum buffer).</param>
        /// <param name="centered">Normalize by the estimated variance instead of the mean square, default false.</param>
        /// <param name="weightDecay">λ, L2 penalty added to the gradient as λθ, default 0.</param>
        public RmsProp(float learningRate = 0.01f, float alpha = 0.99f, float epsilon = 1e-8f, float momentum = 0f, bool centered = false, float weightDecay = 0f)
        {
            LearningRate = OptimizerGuard.LearningRate(learningRate, nameof(learningRate));
            Alpha = OptimizerGuard.UnitInterval(alpha, nameof(alpha));
            Epsilon = OptimizerGuard.NonNegative(epsilon, nameof(epsilon));
            Momentum = OptimizerGuard.UnitInterval(momentum, nameof(momentum));
            Centered = centered;
            WeightDecay = OptimizerGuard.NonNegative(weightDecay, nameof(weightDecay));
            _state = new OptimizerBuffers("RmsProp",
                new BufferSlot("square_avg"), new BufferSlot("grad_avg", InUse: centered), new BufferSlot("momentum_buffer", InUse: momentum != 0f));
        }

        /// <inheritdoc />
        public float LearningRate { get; set; }

        /// <summary>α, the decay rate of the mean square (Keras calls it rho).</summary>
        public float Alpha { get; }

        /// <summary>ε, added to the root mean square.</summary>
        public float Epsilon { get; }

        /// <summary>μ, the momentum factor; 0 means no momentum buffer.</summary>
        public float Momentum { get; }

        /// <summary>Whether the mean gradient is subtracted (centered RMSprop, Graves 2013).</summary>
        public bool Centered { get; }

        /// <summary>λ, the L2 penalty added to the gradient.</summary>
        public float WeightDecay { get; }

        /// <inheritdoc />
        public long StepCount => _state.StepCount;

        /// <inheritdoc />
        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            int n = _state.Begin(parameters, gradients);
            var rule = new Rule(Alpha, (float)(1.0 - OptimizerGuard.Widen(Alpha)), Epsilon, Momentum, -LearningRate, WeightDecay, Centered);
            UpdateDriver.Run(parameters, gradients, _state.Range(SquareAverage, 0, n), _state.Range(GradientAverage, 0, n), _state.Range(Velocity, 0, n), rule);
        }

        /// <inheritdoc />
        public OptimizerState ExportState() => _state.Export();

        /// <inheritdoc />
        public void ImportState(OptimizerState state) => _state.Import(state);

        /// <summary>The update of one vector of parameters; the mean gradient only when centered, the velocity only with momentum.</summary>
        private readonly struct Rule : IUpdateRule
        {
            private readonly Vector<float> _alpha, _oneMinusAlpha, _epsilon, _momentum, _minusRate;
            private readonly bool _centered, _hasMomentum;
            private readonly L2Penalty _weightDecay;

            public Rule(float alpha, float oneMinusAlpha, float epsilon, float momentum, float minusRate, float weightDecay, bool centered)
            {
                _alpha = new Vector<float>(alpha);
                _oneMinusAlpha = new Vector<float>(oneMinusAlpha);
                _epsilon = new Vector<float>(epsilon);
                _momentum = new Vector<float>(momentum);
                _minusRate = new Vector<float>(minusRate);
                _weightDecay = new L2Penalty(weightDecay);
                _centered = centered;
                _hasMomentum = momentum != 0f;
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public void Update(ref float p, ref float g, ref float s, ref float a, ref float b)
            {
                var theta = VectorMath.Load(ref p);
                var grad = VectorMath.Load(ref g);
                grad = _weightDecay.Apply(theta, grad);
                var square = VectorMath.Load(ref s) * _alpha + _oneMinusAlpha * grad * grad;
                VectorMath.Store(square, ref s);
                if (_centered)
                {
                    var mean = VectorMath.MultiplyAdd(grad, _oneMinusAlpha, VectorMath.Load(ref a) * _alpha);
                    VectorMath.Store(mean, ref a);
                    square -= mean * mean;
                }
                var denominator = Vector.SquareRoot(square) + _epsilon;
                if (_hasMomentum)
                {
                    var velocity = VectorMath.Load(ref b) * _momentum + grad / denominator;
                    VectorMath.Store(velocity, ref b);
                    VectorMath.Store(VectorMath.MultiplyAdd(velocity, _minusRate, theta), ref p);
                }
                else
                {
                    VectorMath.Store(theta + _minusRate * grad / denominator, ref p);
                }
            }
        }
    }
}
