using System;

namespace NetGen
{
    /// <summary>
    /// Adam with decoupled weight decay (Loshchilov and Hutter 2019), as <c>torch.optim.AdamW</c> of
    /// PyTorch 1.13: θ ← θ·(1 − ηλ), then the <see cref="Adam"/> update without L2 in the gradient.
    /// Defaults follow PyTorch: η 0.001, β₁ 0.9, β₂ 0.999, ε 1e-8 (Keras: 1e-7), weight decay 0.01
    /// (Keras: 0.004), no AMSGrad. Keras adds ε to √v before bias correction; see <see cref="Adam"/>.
    /// </summary>
    public sealed class AdamW : IOptimizer, IPartitionedOptimizer
    {
        private readonly AdamMoments _moments;

        /// <summary>Creates the optimizer.</summary>
        /// <param name="learningRate">η, default 0.001.</param>
        /// <param name="beta1">β₁, decay of the first moment, default 0.9.</param>
        /// <param name="beta2">β₂, decay of the second moment, default 0.999.</param>
        /// <param name="epsilon">ε, added to the bias-corrected √v, default 1e-8 (PyTorch).</param>
        /// <param name="weightDecay">λ, decoupled decay: each step multiplies θ by 1 − ηλ; default 0.01 (PyTorch).</param>
        /// <param name="amsGrad">Normalize by the running maximum of v, default false.</param>
        public AdamW(float learningRate = 0.001f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0.01f, bool amsGrad = false)
            => _moments = new AdamMoments("AdamW", learningRate, beta1, beta2, epsilon, weightDecay, amsGrad, decoupled: true);

        /// <inheritdoc />
        public float LearningRate { get => _moments.LearningRate; set => _moments.LearningRate = value; }

        /// <inheritdoc cref="Adam.Beta1" />
        public float Beta1 => _moments.Beta1;

        /// <inheritdoc cref="Adam.Beta2" />
        public float Beta2 => _moments.Beta2;

        /// <inheritdoc cref="Adam.Epsilon" />
        public float Epsilon => _moments.Epsilon;

        /// <summary>λ, the decoupled weight decay; each step scales θ by 1 − ηλ before the Adam update.</summary>
        public float WeightDecay => _moments.WeightDecay;

        /// <inheritdoc cref="Adam.AmsGrad" />
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
