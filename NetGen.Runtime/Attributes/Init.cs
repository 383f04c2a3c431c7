// This file is compiled into both NetGen.Runtime and NetGen.Generator (see Act.cs); the
// generator's copy is internal so that it never clashes with the runtime's public one.
namespace NetGen
{
    /// <summary>
    /// Weight initializers, each defined exactly as Keras 3 defines it
    /// (keras/src/initializers/random_initializers.py and constant_initializers.py).
    /// </summary>
#if NETGEN_GENERATOR
    internal enum Init
#else
    public enum Init
#endif
    {
        /// <summary>Keras default for kernels: variance scaling, scale 1, fan_avg, uniform: U(−√(6/(fan_in+fan_out)), +…).</summary>
        GlorotUniform = 0,
        /// <summary>Variance scaling, scale 1, fan_avg, truncated normal.</summary>
        GlorotNormal = 1,
        /// <summary>Variance scaling, scale 2, fan_in, uniform.</summary>
        HeUniform = 2,
        /// <summary>Variance scaling, scale 2, fan_in, truncated normal.</summary>
        HeNormal = 3,
        /// <summary>Variance scaling, scale 1, fan_in, uniform.</summary>
        LeCunUniform = 4,
        /// <summary>Variance scaling, scale 1, fan_in, truncated normal (what SELU needs).</summary>
        LeCunNormal = 5,
        /// <summary>General variance scaling: set Scale, Mode and Distribution.</summary>
        VarianceScaling = 6,
        /// <summary>N(Mean, StdDev²), untruncated; Keras defaults mean 0, stddev 0.05. The chapter's "naive" init is StdDev = 1.</summary>
        RandomNormal = 7,
        /// <summary>All zeros (Keras default for biases).</summary>
        Zeros = 8,
        /// <summary>All ones.</summary>
        Ones = 9,
        /// <summary>Every value equal to Value.</summary>
        Constant = 10,
    }

    /// <summary>Which fan a variance-scaling initializer divides its scale by.</summary>
#if NETGEN_GENERATOR
    internal enum FanMode
#else
    public enum FanMode
#endif
    {
        /// <summary>Number of inputs to the layer (Keras <c>fan_in</c>, the Keras default).</summary>
        FanIn = 0,
        /// <summary>Number of units of the layer (<c>fan_out</c>).</summary>
        FanOut = 1,
        /// <summary>(fan_in + fan_out) / 2 (<c>fan_avg</c>).</summary>
        FanAvg = 2,
    }

    /// <summary>The distribution a variance-scaling initializer draws from.</summary>
#if NETGEN_GENERATOR
    internal enum Distribution
#else
    public enum Distribution
#endif
    {
        /// <summary>Normal truncated at two standard deviations, stddev = √scale / 0.87962566103423978 (the Keras default).</summary>
        TruncatedNormal = 0,
        /// <summary>Normal with stddev = √scale.</summary>
        UntruncatedNormal = 1,
        /// <summary>Uniform on [−√(3·scale), √(3·scale)].</summary>
        Uniform = 2,
    }
}
