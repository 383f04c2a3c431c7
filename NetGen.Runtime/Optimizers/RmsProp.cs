using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
        private const string KindName = "RmsProp";
        private float[]? _squareAvg, _gradAvg, _momentumBuffer;

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
        public long StepCount { get; private set; }

        /// <inheritdoc />
        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            OptimizerGuard.SameLength(parameters, gradients);
            int n = parameters.Length;
            bool hasMomentum = Momentum != 0f;
            Span<float> square = OptimizerGuard.Buffer(ref _squareAvg, n);
            Span<float> mean = Centered ? OptimizerGuard.Buffer(ref _gradAvg, n) : default;
            Span<float> velocity = hasMomentum ? OptimizerGuard.Buffer(ref _momentumBuffer, n) : default;
            var c = new Coefficients(Alpha, (float)(1.0 - OptimizerGuard.Widen(Alpha)), Epsilon, Momentum, -LearningRate, WeightDecay, Centered, hasMomentum);
            ref float p = ref MemoryMarshal.GetReference(parameters);
            ref float g = ref MemoryMarshal.GetReference(gradients);
            ref float s = ref MemoryMarshal.GetReference(square);
            ref float a = ref Centered ? ref MemoryMarshal.GetReference(mean) : ref s;
            ref float b = ref hasMomentum ? ref MemoryMarshal.GetReference(velocity) : ref s;
            int width = Vector<float>.Count;
            int i = 0;
            for (; i <= n - width; i += width)
                Update(ref Unsafe.Add(ref p, i), ref Unsafe.Add(ref g, i), ref Unsafe.Add(ref s, i), ref Unsafe.Add(ref a, i), ref Unsafe.Add(ref b, i), c);
            if (i < n)
            {
                // Zero-padded copies of the tail run through the same vector code.
                Span<float> scratch = stackalloc float[5 * width];
                int rest = n - i;
                parameters.Slice(i).CopyTo(scratch);
                gradients.Slice(i).CopyTo(scratch.Slice(width));
                square.Slice(i).CopyTo(scratch.Slice(2 * width));
                if (Centered) mean.Slice(i).CopyTo(scratch.Slice(3 * width));
                if (hasMomentum) velocity.Slice(i).CopyTo(scratch.Slice(4 * width));
                Update(ref scratch[0], ref scratch[width], ref scratch[2 * width], ref scratch[3 * width], ref scratch[4 * width], c);
                scratch.Slice(0, rest).CopyTo(parameters.Slice(i));
                scratch.Slice(2 * width, rest).CopyTo(square.Slice(i));
                if (Centered) scratch.Slice(3 * width, rest).CopyTo(mean.Slice(i));
                if (hasMomentum) scratch.Slice(4 * width, rest).CopyTo(velocity.Slice(i));
            }
            StepCount++;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Update(ref float p, ref float g, ref float s, ref float a, ref float b, in Coefficients c)
        {
            var theta = VectorMath.Load(ref p);
            var grad = VectorMath.Load(ref g);
            if (c.HasWeightDecay) grad = VectorMath.MultiplyAdd(theta, c.WeightDecay, grad);
            var square = VectorMath.Load(ref s) * c.Alpha + c.OneMinusAlpha * grad * grad;
            VectorMath.Store(square, ref s);
            if (c.Centered)
            {
                var mean = VectorMath.MultiplyAdd(grad, c.OneMinusAlpha, VectorMath.Load(ref a) * c.Alpha);
                VectorMath.Store(mean, ref a);
                square -= mean * mean;
            }
            var denominator = Vector.SquareRoot(square) + c.Epsilon;
            if (c.HasMomentum)
            {
                var velocity = VectorMath.Load(ref b) * c.Momentum + grad / denominator;
                VectorMath.Store(velocity, ref b);
                VectorMath.Store(VectorMath.MultiplyAdd(velocity, c.MinusRate, theta), ref p);
            }
            else
            {
                VectorMath.Store(theta + c.MinusRate * grad / denominator, ref p);
            }
        }

        /// <inheritdoc />
        public OptimizerState ExportState()
            => new OptimizerState(KindName, StepCount, OptimizerGuard.Existing(("square_avg", _squareAvg), ("grad_avg", _gradAvg), ("momentum_buffer", _momentumBuffer)));

        /// <inheritdoc />
        public void ImportState(OptimizerState state)
        {
            if (state is null) throw new ArgumentNullException(nameof(state));
            var names = new System.Collections.Generic.List<string> { "square_avg" };
            if (Centered) names.Add("grad_avg");
            if (Momentum != 0f) names.Add("momentum_buffer");
            bool present = state.Validate(KindName, names.ToArray()) >= 0;
            _squareAvg = present ? state.Copy("square_avg") : null;
            _gradAvg = present && Centered ? state.Copy("grad_avg") : null;
            _momentumBuffer = present && Momentum != 0f ? state.Copy("momentum_buffer") : null;
            StepCount = state.StepCount;
        }

        private readonly struct Coefficients
        {
            public Coefficients(float alpha, float oneMinusAlpha, float epsilon, float momentum, float minusRate, float weightDecay, bool centered, bool hasMomentum)
            {
                Alpha = new Vector<float>(alpha);
                OneMinusAlpha = new Vector<float>(oneMinusAlpha);
                Epsilon = new Vector<float>(epsilon);
                Momentum = new Vector<float>(momentum);
                MinusRate = new Vector<float>(minusRate);
                WeightDecay = new Vector<float>(weightDecay);
                HasWeightDecay = weightDecay != 0f;
                Centered = centered;
                HasMomentum = hasMomentum;
            }

            public Vector<float> Alpha { get; }
            public Vector<float> OneMinusAlpha { get; }
            public Vector<float> Epsilon { get; }
            public Vector<float> Momentum { get; }
            public Vector<float> MinusRate { get; }
            public Vector<float> WeightDecay { get; }
            public bool HasWeightDecay { get; }
            public bool Centered { get; }
            public bool HasMomentum { get; }
        }
    }
}
