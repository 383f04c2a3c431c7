using System;

namespace NetGen
{
    /// <summary>
    /// One initializer with its parameters, defined exactly as Keras 3 defines it
    /// (keras/src/initializers/random_initializers.py, <c>VarianceScaling</c> and friends).
    /// </summary>
    /// <param name="Kind">Which initializer.</param>
    /// <param name="Scale">Variance-scaling scale (only for <see cref="Init.VarianceScaling"/>).</param>
    /// <param name="Mode">Variance-scaling fan mode (only for <see cref="Init.VarianceScaling"/>).</param>
    /// <param name="Distribution">Variance-scaling distribution (only for <see cref="Init.VarianceScaling"/>).</param>
    /// <param name="Mean">Mean of <see cref="Init.RandomNormal"/>.</param>
    /// <param name="StdDev">Standard deviation of <see cref="Init.RandomNormal"/>.</param>
    /// <param name="Value">Value of <see cref="Init.Constant"/>.</param>
    public readonly record struct InitializerSpec(
        Init Kind,
        double Scale = 1.0,
        FanMode Mode = FanMode.FanIn,
        Distribution Distribution = Distribution.TruncatedNormal,
        double Mean = 0.0,
        double StdDev = 0.05,
        double Value = 0.0)
    {
        /// <summary>Keras's correction so that a normal truncated at ±2σ has variance σ²: the standard deviation of such a unit normal.</summary>
        public const double TruncatedNormalCorrection = 0.87962566103423978;

        /// <summary>
        /// The variance-scaling triple (scale, mode, distribution) behind this initializer, or null
        /// for the ones that are not variance scaling.
        /// Glorot = (1, fan_avg), He = (2, fan_in), LeCun = (1, fan_in); "uniform" variants draw
        /// uniformly, "normal" variants from the truncated normal, as in Keras.
        /// </summary>
        public (double Scale, FanMode Mode, Distribution Distribution)? VarianceScalingParameters => Kind switch
        {
            Init.GlorotUniform => (1.0, FanMode.FanAvg, Distribution.Uniform),
            Init.GlorotNormal => (1.0, FanMode.FanAvg, Distribution.TruncatedNormal),
            Init.HeUniform => (2.0, FanMode.FanIn, Distribution.Uniform),
            Init.HeNormal => (2.0, FanMode.FanIn, Distribution.TruncatedNormal),
            Init.LeCunUniform => (1.0, FanMode.FanIn, Distribution.Uniform),
            Init.LeCunNormal => (1.0, FanMode.FanIn, Distribution.TruncatedNormal),
            Init.VarianceScaling => (Scale, Mode, Distribution),
            _ => null,
        };

        /// <summary>Fills <paramref name="values"/> (a kernel of shape [fanIn × fanOut], or a bias) from this initializer.</summary>
        public void Fill(Span<float> values, int fanIn, int fanOut, NetGenRandom random)
        {
            if (VarianceScalingParameters is var (scale, mode, distribution))
            {
                // Keras: scale /= max(1, fan), then the distribution's width follows from the variance.
                double fan = mode switch
                {
                    FanMode.FanIn => fanIn,
                    FanMode.FanOut => fanOut,
                    _ => (fanIn + fanOut) / 2.0,
                };
                double variance = scale / Math.Max(1.0, fan);
                switch (distribution)
                {
                    case Distribution.TruncatedNormal:
                        double truncatedStdDev = Math.Sqrt(variance) / TruncatedNormalCorrection;
                        for (int i = 0; i < values.Length; i++) values[i] = (float)random.NextTruncatedNormal(0.0, truncatedStdDev);
                        break;
                    case Distribution.UntruncatedNormal:
                        double stdDev = Math.Sqrt(variance);
                        for (int i = 0; i < values.Length; i++) values[i] = (float)(stdDev * random.NextNormal());
                        break;
                    default:
                        double limit = Math.Sqrt(3.0 * variance);
                        for (int i = 0; i < values.Length; i++) values[i] = (float)random.NextUniform(-limit, limit);
                        break;
                }
                return;
            }
            switch (Kind)
            {
                case Init.RandomNormal:
                    for (int i = 0; i < values.Length; i++) values[i] = (float)(Mean + StdDev * random.NextNormal());
                    break;
                case Init.Zeros:
                    values.Clear();
                    break;
                case Init.Ones:
                    values.Fill(1f);
                    break;
                case Init.Constant:
                    values.Fill((float)Value);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown initializer.");
            }
        }
    }
}
