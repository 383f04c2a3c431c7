using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
        private const string KindName = "Sgd";
        private float[]? _momentumBuffer;

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
        public long StepCount { get; private set; }

        /// <inheritdoc />
        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            OptimizerGuard.SameLength(parameters, gradients);
            ((IPartitionedOptimizer)this).BeginStep(parameters.Length);
            ((IPartitionedOptimizer)this).StepRange(parameters, gradients, 0, parameters.Length);
        }

        void IPartitionedOptimizer.BeginStep(int length)
        {
            if (Momentum != 0f) OptimizerGuard.Buffer(ref _momentumBuffer, length);
            StepCount++;
        }

        void IPartitionedOptimizer.StepRange(Span<float> allParameters, ReadOnlySpan<float> allGradients, int start, int n)
        {
            var parameters = allParameters.Slice(start, n);
            var gradients = allGradients.Slice(start, n);
            var c = new Coefficients(-LearningRate, Momentum, WeightDecay, Nesterov);
            bool hasMomentum = Momentum != 0f;
            Span<float> velocity = hasMomentum ? _momentumBuffer.AsSpan(start, n) : default;
            ref float p = ref MemoryMarshal.GetReference(parameters);
            ref float g = ref MemoryMarshal.GetReference(gradients);
            ref float v = ref hasMomentum ? ref MemoryMarshal.GetReference(velocity) : ref p;
            int width = Vector<float>.Count;
            int i = 0;
            for (; i <= n - width; i += width)
                Update(ref Unsafe.Add(ref p, i), ref Unsafe.Add(ref g, i), ref Unsafe.Add(ref v, i), hasMomentum, c);
            if (i < n)
            {
                // The tail goes through the same vector code on zero-padded copies, so every element
                // sees the same arithmetic wherever it sits.
                Span<float> scratch = stackalloc float[3 * width];
                parameters.Slice(i).CopyTo(scratch);
                gradients.Slice(i).CopyTo(scratch.Slice(width));
                if (hasMomentum) velocity.Slice(i).CopyTo(scratch.Slice(2 * width));
                Update(ref scratch[0], ref scratch[width], ref scratch[2 * width], hasMomentum, c);
                scratch.Slice(0, n - i).CopyTo(parameters.Slice(i));
                if (hasMomentum) scratch.Slice(2 * width, n - i).CopyTo(velocity.Slice(i));
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Update(ref float p, ref float g, ref float v, bool hasMomentum, in Coefficients c)
        {
            var theta = VectorMath.Load(ref p);
            var grad = VectorMath.Load(ref g);
            if (c.HasWeightDecay) grad = VectorMath.MultiplyAdd(theta, c.WeightDecay, grad);
            if (hasMomentum)
            {
                var velocity = VectorMath.Load(ref v) * c.Momentum + grad;
                VectorMath.Store(velocity, ref v);
                grad = c.Nesterov ? VectorMath.MultiplyAdd(velocity, c.Momentum, grad) : velocity;
            }
            VectorMath.Store(VectorMath.MultiplyAdd(grad, c.MinusRate, theta), ref p);
        }

        /// <inheritdoc />
        public OptimizerState ExportState()
            => new OptimizerState(KindName, StepCount, OptimizerGuard.Existing(("momentum_buffer", _momentumBuffer)));

        /// <inheritdoc />
        public void ImportState(OptimizerState state)
        {
            if (state is null) throw new ArgumentNullException(nameof(state));
            int length = state.Validate(KindName, Momentum != 0f ? new[] { "momentum_buffer" } : Array.Empty<string>());
            _momentumBuffer = length >= 0 ? state.Copy("momentum_buffer") : null;
            StepCount = state.StepCount;
        }

        private readonly struct Coefficients
        {
            public Coefficients(float minusRate, float momentum, float weightDecay, bool nesterov)
            {
                MinusRate = new Vector<float>(minusRate);
                Momentum = new Vector<float>(momentum);
                WeightDecay = new Vector<float>(weightDecay);
                HasWeightDecay = weightDecay != 0f;
                Nesterov = nesterov;
            }

            public Vector<float> MinusRate { get; }
            public Vector<float> Momentum { get; }
            public Vector<float> WeightDecay { get; }
            public bool HasWeightDecay { get; }
            public bool Nesterov { get; }
        }
    }
}
