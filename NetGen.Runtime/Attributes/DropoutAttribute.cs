using System;

namespace NetGen
{
    /// <summary>
    /// Inverted dropout on a layer's output (Keras <c>Dropout</c>, PyTorch <c>nn.Dropout</c>): in
    /// training each unit is zeroed with probability <see cref="Rate"/> and the survivors are scaled by
    /// 1 / (1 − rate); at inference it does nothing. In the compact form it follows every hidden
    /// layer; in the per-layer form it follows the <see cref="DenseAttribute"/> written just before it.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class DropoutAttribute : Attribute
    {
        /// <summary>Declares dropout.</summary>
        /// <param name="rate">Probability of dropping a unit, in [0, 1).</param>
        public DropoutAttribute(double rate) => Rate = rate;

        /// <summary>Probability of dropping a unit.</summary>
        public double Rate { get; }
    }
}
