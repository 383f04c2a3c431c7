using System;

namespace NetGen
{
    /// <summary>
    /// Network-wide kernel regularization and constraint, for every layer that does not set its own
    /// (Keras's <c>kernel_regularizer=L1L2(l1, l2)</c> and <c>kernel_constraint=MaxNorm(max_value)</c>).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class RegularizationAttribute : Attribute
    {
        /// <summary>L1 factor: adds l1·Σ|w| to the loss (default 0).</summary>
        public double L1 { get; set; }

        /// <summary>L2 factor: adds l2·Σw² to the loss (default 0; Keras's <c>L2()</c> default is 0.01).</summary>
        public double L2 { get; set; }

        /// <summary>Max-norm constraint on each unit's incoming weight vector, applied after every update (0 = none; Keras's <c>MaxNorm()</c> default is 2).</summary>
        public double MaxNorm { get; set; }
    }
}
