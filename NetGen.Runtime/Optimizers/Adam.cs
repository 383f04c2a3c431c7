using System;

namespace NetGen
{
    /// <summary>
    /// Adam (Kingma and Ba 2015) with optional AMSGrad and L2 weight decay added to the gradient, as
    /// <c>torch.optim.Adam</c> of PyTorch 1.13: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
    /// θ ← θ − η/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε). Defaults follow PyTorch: η 0.001, β₁ 0.9, β₂ 0.999,
    /// ε 1e-8 (Keras: 1e-7), no AMSGrad, weight decay 0. Keras also places ε differently: it adds ε
    /// to √v before bias correction (the paper's ε̂), so its ε is effectively ε·√(1−β₂ᵗ) here.
    /// </summary>
    public sealed class Adam : IOptimizer, IPartitionedOptimizer
    {
        private readonly AdamMoments _moments;

        /// <summary>Creates the optimizer.</summary>
        /// <param name="learningRate">η, default 0.001.</param>
        /// <param name="beta1">β₁, decay of the first moment, default 0.9.</param>
        /// <param name="beta2">β₂, decay of the second moment, default 0.999.</param>
        /// <param name="epsilon">ε, added to the bias-corrected √v, default 1e-8 (PyTorch).</param>
        /// <param name="weightDecay">λ, L2 penalty added to the gradient as λθ, default 0.</param>
        /// <param name="amsGrad">Normalize by the running maximum of v (Reddi et al. 2018), default false.</param>
        public Adam(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f, bool amsGrad = false)
            => _moments = new AdamMoments("Adam", learningRate, beta1, beta2, epsilon, weightDecay, amsGrad, decoupled: false);

        /// <inheritdoc />
        public float LearningRate { get => _moments.LearningRate; set => _moments.LearningRate = value; }

        /// <summary>β₁, the decay rate of the first-moment estimate.</summary>
        public float Beta1 => _moments.Beta1;

        /// <summary>β₂, the decay rate of the second-moment estimate.</summary>
        public float Beta2 => _moments.Beta2;

        /// <summary>ε, added to the bias-corrected square root of the second moment.</summary>
        public float Epsilon => _moments.Epsilon;

        /// <summary>λ, the L2 penalty added to the gradient (coupled weight decay; see <see cref="AdamW"/> for decoupled).</summary>
        public float WeightDecay => _moments.WeightDecay;

        /// <summary>Whether the AMSGrad variant is used.</summary>
        public bool AmsGrad => _moments.AmsGrad;

        /// <inheritdoc />
        public long StepCount => _moments.StepCount;

        /// <inheritdoc />
        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients) => _moments.Step(parameters, gradients);

        void IPartitionedOptimizer.BeginStep(int length) => _moments.Begin(length);

        void IPartitionedOptimizer.StepRange(Span<float> parameters, ReadOnlySpan<float> gradients, int start, int length)
            => _moments.StepRange(parameters, gradients, start, length);

        /// <inheritdoc />
        public OptimizerState ExportState() => _moments.Export();

        /// <inheritdoc />
        public void ImportState(OptimizerState state) => _moments.Import(state);
    }
}
