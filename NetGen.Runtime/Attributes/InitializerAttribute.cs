using System;

namespace NetGen
{
    /// <summary>
    /// Network-wide kernel initializer (Keras default when absent: Glorot uniform). The properties
    /// parameterize the initializers that take parameters and are ignored by the others.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class InitializerAttribute : Attribute
    {
        /// <summary>Sets the kernel initializer.</summary>
        public InitializerAttribute(Init initializer) => Initializer = initializer;

        /// <summary>The initializer.</summary>
        public Init Initializer { get; }

        /// <summary>Variance-scaling scale (default 1.0, as Keras).</summary>
        public double Scale { get; set; } = 1.0;

        /// <summary>Variance-scaling fan mode (default fan_in, as Keras).</summary>
        public FanMode Mode { get; set; }

        /// <summary>Variance-scaling distribution (default truncated normal, as Keras).</summary>
        public Distribution Distribution { get; set; }

        /// <summary>Mean of <see cref="Init.RandomNormal"/> (default 0).</summary>
        public double Mean { get; set; }

        /// <summary>Standard deviation of <see cref="Init.RandomNormal"/> (default 0.05, as Keras).</summary>
        public double StdDev { get; set; } = 0.05;

        /// <summary>Value of <see cref="Init.Constant"/>.</summary>
        public double Value { get; set; }
    }
}
