using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen
{
    /// <summary>
    /// Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay, in
    /// PyTorch's formulation (<c>torch.optim.SGD</c>, dampening 0):
    /// g ← g + λθ; v ← μv + g; θ ← θ − η·v, or θ ← θ − η·(g + μv) with Nesterov.
    /// Defaults: learning rate 0.01 (Keras's default; PyTorch 1.13 has none), momentum 0, no Nesterov,
    /// weight decay 0 (both frameworks). Keras writes momentum as v ← μv − ηg, θ ← θ + v, which is the
    /// same update while the learning rate is constant, and its <c>weight_decay</c> is decoupled.
    /// </summary>
    public sealed class Sgd : IOptimizer, IPartitionedOptimizer
    {
        private const int Velocity = 0;
        private readonly OptimizerBuffers _state;

        /// <summary>Creates the optimizer.</summary>
        /// <param name="learningRate">η, default 0.01.</param>
        /// <param name="momentum">μ in [0, 1), default 0 (no momentum buffer).</param>
        /// <param name="nesterov">Use Nesterov momentum (needs μ &gt; 0), default false.</param>
        /// <param name="weightDecay">λ, the L2 penalty added to the gradient, default 0.</param>
        public Sgd(float learningRate = 0.01f, float momentum = 0f, bool nesterov = false, float weightDecay = 0f)
        {
            LearningRate = OptimizerGuard.LearningRate(learningRate, nameof(learningRate));
            Momentum = OptimizerGuard.UnitInterval(momentum, nameof(momentum));
            if (nesterov && momentum == 0f)
                throw new ArgumentException("Nesterov momentum needs a positive momentum.", nameof(nesterov));
            Nesterov = nesterov;
            WeightDecay = OptimizerGuard.NonNegative(weightDecay, nameof(weightDecay));
            _state = new OptimizerBuffers("Sgd", new BufferSlot("momentum_buffer", InUse: momentum != 0f));
        }

        /// <inheritdoc />
        public float LearningRate { get; set; }

        /// <summary>The momentum factor μ; 0 means plain SGD.</summary>
        public float Momentum { get; }

        /// <summary>Whether the update uses Nesterov momentum, g + μv.</summary>
        public bool Nesterov { get; }

        /// <summary>The L2 weight decay λ added to the gradient as λθ.</summary>
        public float WeightDecay { get; }

        /// <inheritdoc />
        public long StepCount => _state.StepCount;

        /// <inheritdoc />
        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            int n = _state.Begin(parameters, gradients);
            ((IPartitionedOptimizer)this).StepRange(parameters, gradients, 0, n);
        }

        void IPartitionedOptimizer.BeginStep(int length) => _state.Begin(length);

        void IPartitionedOptimizer.StepRange(Span<float> allParameters, ReadOnlySpan<float> allGradients, int start, int n)
            => UpdateDriver.Run(allParameters.Slice(start, n), allGradients.Slice(start, n), _state.Range(Velocity, start, n), default, default,
                new Rule(-LearningRate, Momentum, WeightDecay, Nesterov));

        /// <inheritdoc />
        public OptimizerState ExportState() => _state.Export();

        /// <inheritdoc />
        public void ImportState(OptimizerState state) => _state.Import(state);

        /// <summary>The update of one vector of parameters; the velocity buffer is used only with momentum.</summary>
        private readonly struct Rule : IUpdateRule
        {
            private readonly Vector<float> _minusRate, _momentum;
            private readonly bool _hasMomentum, _nesterov;
            private readonly L2Penalty _weightDecay;

            public Rule(float minusRate, float momentum, float weightDecay, bool nesterov)
            {
                _minusRate = new Vector<float>(minusRate);
                _momentum = new Vector<float>(momentum);
                _weightDecay = new L2Penalty(weightDecay);
                _hasMomentum = momentum != 0f;
                _nesterov = nesterov;
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public void Update(ref float p, ref float g, ref float v, ref float unused1, ref float unused2)
            {
                var theta = VectorMath.Load(ref p);
                var grad = VectorMath.Load(ref g);
                grad = _weightDecay.Apply(theta, grad);
                if (_hasMomentum)
                {
                    var velocity = VectorMath.Load(ref v) * _momentum + grad;
                    VectorMath.Store(velocity, ref v);
                    grad = _nesterov ? VectorMath.MultiplyAdd(velocity, _momentum, grad) : velocity;
                }
                VectorMath.Store(VectorMath.MultiplyAdd(grad, _minusRate, theta), ref p);
            }
        }
    }
}
