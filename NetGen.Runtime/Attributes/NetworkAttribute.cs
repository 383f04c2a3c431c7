using System;

namespace NetGen
{
    /// <summary>
    /// Marks a <c>partial</c> class as a compiled dense network. The NetGen generator reads this
    /// attribute and the layer attributes beside it, validates them, and emits the network's code.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class NetworkAttribute : Attribute
    {
        /// <summary>Number of input features (required, ≥ 1).</summary>
        public int Inputs { get; set; }

        /// <summary>The training loss; it also picks the output activation. Default: mean squared error.</summary>
        public Loss Loss { get; set; } = Loss.MeanSquaredError;

        /// <summary>
        /// Seed used by the parameterless constructor. When it is not set, that constructor draws a
        /// fresh seed, as Keras and PyTorch do for an unseeded model.
        /// </summary>
        public int Seed { get; set; }
    }
}
