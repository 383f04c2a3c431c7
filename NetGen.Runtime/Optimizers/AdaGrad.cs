using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
        private const string KindName = "AdaGrad";
        private float[]? _sum;

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
        public long StepCount { get; private set; }

        /// <inheritdoc />
        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            OptimizerGuard.SameLength(parameters, gradients);
            int n = parameters.Length;
            Span<float> sum = OptimizerGuard.Buffer(ref _sum, n, InitialAccumulatorValue);
            var c = new Coefficients(-LearningRate, Epsilon, WeightDecay);
            ref float p = ref MemoryMarshal.GetReference(parameters);
            ref float g = ref MemoryMarshal.GetReference(gradients);
            ref float s = ref MemoryMarshal.GetReference(sum);
            int width = Vector<float>.Count;
            int i = 0;
            for (; i <= n - width; i += width)
                Update(ref Unsafe.Add(ref p, i), ref Unsafe.Add(ref g, i), ref Unsafe.Add(ref s, i), c);
            if (i < n)
            {
                // Zero-padded copies of the tail run through the same vector code.
                Span<float> scratch = stackalloc float[3 * width];
                parameters.Slice(i).CopyTo(scratch);
                gradients.Slice(i).CopyTo(scratch.Slice(width));
                sum.Slice(i).CopyTo(scratch.Slice(2 * width));
                Update(ref scratch[0], ref scratch[width], ref scratch[2 * width], c);
                scratch.Slice(0, n - i).CopyTo(parameters.Slice(i));
                scratch.Slice(2 * width, n - i).CopyTo(sum.Slice(i));
            }
            StepCount++;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Update(ref float p, ref float g, ref float s, in Coefficients c)
        {
            var theta = VectorMath.Load(ref p);
            var grad = VectorMath.Load(ref g);
            if (c.HasWeightDecay) grad = VectorMath.MultiplyAdd(theta, c.WeightDecay, grad);
            var sum = VectorMath.Load(ref s) + grad * grad;
            VectorMath.Store(sum, ref s);
            VectorMath.Store(theta + c.MinusRate * grad / (Vector.SquareRoot(sum) + c.Epsilon), ref p);
        }

        /// <inheritdoc />
        public OptimizerState ExportState()
            => new OptimizerState(KindName, StepCount, OptimizerGuard.Existing(("sum", _sum)));

        /// <inheritdoc />
        public void ImportState(OptimizerState state)
        {
            if (state is null) throw new ArgumentNullException(nameof(state));
            _sum = state.Validate(KindName, new[] { "sum" }) >= 0 ? state.Copy("sum") : null;
            StepCount = state.StepCount;
        }

        private readonly struct Coefficients
        {
            public Coefficients(float minusRate, float epsilon, float weightDecay)
            {
                MinusRate = new Vector<float>(minusRate);
                Epsilon = new Vector<float>(epsilon);
                WeightDecay = new Vector<float>(weightDecay);
                HasWeightDecay = weightDecay != 0f;
            }

            public Vector<float> MinusRate { get; }
            public Vector<float> Epsilon { get; }
            public Vector<float> WeightDecay { get; }
            public bool HasWeightDecay { get; }
        }
    }
}
