using System;

namespace NetGen
{
    /// <summary>Network-wide activation of the hidden layers (the output layer's follows the loss).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class ActivationAttribute : Attribute
    {
        /// <summary>Sets the hidden layers' activation.</summary>
        public ActivationAttribute(Act activation) => Activation = activation;

        /// <summary>The activation.</summary>
        public Act Activation { get; }

        /// <summary>Slope or scale of Leaky ReLU (default 0.01) and ELU (default 1.0).</summary>
        public double Alpha { get; set; }
    }
}
