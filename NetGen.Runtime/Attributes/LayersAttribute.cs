using System;

namespace NetGen
{
    /// <summary>
    /// Compact form: the units of every dense layer, hidden layers first and the output layer last.
    /// The hidden layers take their activation from <see cref="ActivationAttribute"/> and their
    /// kernels from <see cref="InitializerAttribute"/>; the output layer's activation follows the loss.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class LayersAttribute : Attribute
    {
        /// <summary>Declares the layers.</summary>
        /// <param name="units">Units per layer, input side first; the last is the output size.</param>
        public LayersAttribute(params int[] units) => Units = units;

        /// <summary>Units per layer, input side first.</summary>
        public int[] Units { get; }

        /// <summary>Whether every layer adds a bias (Keras <c>use_bias</c>, default true).</summary>
        public bool UseBias { get; set; } = true;
    }
}
