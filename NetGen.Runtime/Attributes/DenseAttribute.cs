using System;

namespace NetGen
{
    /// <summary>
    /// Per-layer form: one fully connected layer. Repeat the attribute once per layer, in source
    /// order from the input side; the last one is the output layer. Anything a layer leaves unset
    /// falls back to the network-wide attributes, then to the Keras defaults.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class DenseAttribute : Attribute
    {
        /// <summary>A dense layer with the network-wide activation and initializer.</summary>
        public DenseAttribute(int units) => Units = units;

        /// <summary>A dense layer with its own activation.</summary>
        public DenseAttribute(int units, Act activation)
        {
            Units = units;
            Activation = activation;
        }

        /// <summary>A dense layer with its own activation and kernel initializer.</summary>
        public DenseAttribute(int units, Act activation, Init initializer)
        {
            Units = units;
            Activation = activation;
            Initializer = initializer;
        }

        /// <summary>Number of units (outputs) of the layer.</summary>
        public int Units { get; }

        /// <summary>The activation (Keras default: linear).</summary>
        public Act Activation { get; }

        /// <summary>The kernel initializer (Keras default: Glorot uniform).</summary>
        public Init Initializer { get; }

        /// <summary>Slope or scale of Leaky ReLU (default 0.01) and ELU (default 1.0).</summary>
        public double Alpha { get; set; }

        /// <summary>Whether the layer adds a bias (default true, except before batch normalization, where it is redundant and dropped).</summary>
        public bool UseBias { get; set; } = true;

        /// <summary>L1 kernel penalty factor, adds l1·Σ|w| to the loss (default: the network-wide [Regularization], else 0).</summary>
        public double L1 { get; set; }

        /// <summary>L2 kernel penalty factor, adds l2·Σw² to the loss (default: the network-wide [Regularization], else 0).</summary>
        public double L2 { get; set; }

        /// <summary>Max-norm constraint on each unit's incoming weights after every update (default: the network-wide [Regularization], else none).</summary>
        public double MaxNorm { get; set; }

        /// <summary>Variance-scaling scale (default 1.0).</summary>
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

        /// <summary>
        /// The bias initializer (default Zeros, as Keras). Any initializer works; a variance-scaling one
        /// sees fan_in = fan_out = units, as Keras computes the fans of a 1-D tensor (its Scale, Mode and
        /// Distribution are their defaults; RandomNormal uses mean 0, stddev 0.05).
        /// </summary>
        public Init BiasInitializer { get; set; } = Init.Zeros;

        /// <summary>Value of a <see cref="Init.Constant"/> bias initializer.</summary>
        public double BiasValue { get; set; }
    }
}
