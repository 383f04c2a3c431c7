using System;

namespace NetGen
{
    /// <summary>
    /// A window on a network's input normalization (<see cref="NormalizationAttribute"/>): the per-feature
    /// mean and variance it subtracts and divides by, kept in the network's <see cref="INetwork.State"/>
    /// (its first 2·features + 1 values: mean, variance, then the count). Writes go straight to the network.
    /// </summary>
    public readonly struct NormalizationView
    {
        private readonly float[] _state;

        /// <summary>Creates a view of the normalization statistics at the start of <paramref name="state"/>.</summary>
        /// <param name="state">The network's state buffer.</param>
        /// <param name="features">The network's input size.</param>
        /// <exception cref="ArgumentException">The buffer is shorter than the statistics of <paramref name="features"/> features.</exception>
        public NormalizationView(float[] state, int features)
        {
            if (state is null) throw new ArgumentNullException(nameof(state));
            if (features < 1 || state.Length < LayerLayout.NormalizationStateCount(features))
                throw new ArgumentException($"The state buffer ({state.Length} values) cannot hold the normalization of {features} features.", nameof(state));
            _state = state;
            Features = features;
        }

        /// <summary>Number of features (the network's input size).</summary>
        public int Features { get; }

        /// <summary>The mean subtracted from each feature (0 until adapted).</summary>
        public Span<float> Mean => _state.AsSpan(0, Features);

        /// <summary>The population variance of each feature (1 until adapted); features are divided by max(√variance, 1e-7).</summary>
        public Span<float> Variance => _state.AsSpan(Features, Features);

        /// <summary>How many rows the statistics were adapted on (0: never adapted; stored as a float, exact up to 2²⁴).</summary>
        public float Count => _state[2 * Features];

        /// <summary>Whether <see cref="INetwork.Adapt"/> (or a loaded checkpoint) has set the statistics.</summary>
        public bool IsAdapted => Count > 0;

        /// <summary>Offset of the mean in the state buffer.</summary>
        internal static int MeanOffset => 0;

        /// <summary>Offset of the variance in the state buffer.</summary>
        internal int VarianceOffset => Features;

        /// <summary>Offset of the count in the state buffer.</summary>
        internal int CountOffset => 2 * Features;
    }
}
