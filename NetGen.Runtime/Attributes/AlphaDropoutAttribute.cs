using System;

namespace NetGen
{
    /// <summary>
    /// Alpha dropout for SELU networks (Klambauer et al. 2017; Keras <c>AlphaDropout</c>, PyTorch
    /// <c>nn.AlphaDropout</c>): dropped units are set to SELU's negative saturation value and an affine
    /// correction keeps the mean and variance, so self-normalization survives. Off at inference.
    /// Placed like <see cref="DropoutAttribute"/>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class AlphaDropoutAttribute : Attribute
    {
        /// <summary>Declares alpha dropout.</summary>
        /// <param name="rate">Probability of dropping a unit, in [0, 1).</param>
        public AlphaDropoutAttribute(double rate) => Rate = rate;

        /// <summary>Probability of dropping a unit.</summary>
        public double Rate { get; }
    }
}
