using System;

namespace NetGen
{
    /// <summary>
    /// Batch normalization (Ioffe and Szegedy 2015). In the compact form (<see cref="LayersAttribute"/>)
    /// it applies to every hidden layer; in the per-layer form it applies to the <see cref="DenseAttribute"/>
    /// written just before it. Defaults follow Keras's <c>BatchNormalization</c>: momentum 0.99,
    /// epsilon 1e-3, with gamma and beta. PyTorch's <c>BatchNorm1d(momentum=m)</c> is Keras momentum 1 − m.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class BatchNormAttribute : Attribute
    {
        /// <summary>Before (default) or after the activation.</summary>
        public BatchNormPlacement Placement { get; set; } = BatchNormPlacement.BeforeActivation;

        /// <summary>Weight of the old value in the moving averages, in (0, 1) (Keras default 0.99; PyTorch's 0.1 is 0.9 here).</summary>
        public double Momentum { get; set; } = 0.99;

        /// <summary>Added to the variance before the square root, &gt; 0 (Keras default 1e-3; PyTorch's is 1e-5).</summary>
        public double Epsilon { get; set; } = 1e-3;

        /// <summary>Whether to learn the shift beta (Keras <c>center</c>, default true).</summary>
        public bool Center { get; set; } = true;

        /// <summary>Whether to learn the scale gamma (Keras <c>scale</c>, default true).</summary>
        public bool Scale { get; set; } = true;
    }
}
