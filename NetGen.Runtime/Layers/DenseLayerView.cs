using System;

namespace NetGen
{
    /// <summary>
    /// A typed window on one dense layer's slice of a network's parameter and gradient buffers,
    /// for inspection and import. Writes go straight to the network.
    /// </summary>
    public readonly struct DenseLayerView
    {
        private readonly float[] _parameters;
        private readonly float[] _gradients;

        /// <summary>Creates a view of <paramref name="layer"/> over the given buffers.</summary>
        public DenseLayerView(float[] parameters, float[] gradients, DenseLayerInfo layer)
        {
            _parameters = parameters;
            _gradients = gradients;
            Info = layer;
        }

        /// <summary>The layer's shape and offsets.</summary>
        public DenseLayerInfo Info { get; }

        /// <summary>The kernel, [Inputs × Units] row-major: element (i, j) is at i·Units + j.</summary>
        public Span<float> Weights => _parameters.AsSpan(Info.KernelOffset, Info.Inputs * Info.Units);

        /// <summary>The bias (empty when the layer has none).</summary>
        public Span<float> Bias => Info.HasBias ? _parameters.AsSpan(Info.BiasOffset, Info.Units) : Span<float>.Empty;

        /// <summary>The kernel's gradient, same layout as <see cref="Weights"/>.</summary>
        public Span<float> WeightGradients => _gradients.AsSpan(Info.KernelOffset, Info.Inputs * Info.Units);

        /// <summary>The bias's gradient (empty when the layer has none).</summary>
        public Span<float> BiasGradients => Info.HasBias ? _gradients.AsSpan(Info.BiasOffset, Info.Units) : Span<float>.Empty;

        /// <summary>The weight from input <paramref name="input"/> to unit <paramref name="unit"/>.</summary>
        public ref float Weight(int input, int unit)
        {
            if ((uint)input >= (uint)Info.Inputs) throw new ArgumentOutOfRangeException(nameof(input));
            if ((uint)unit >= (uint)Info.Units) throw new ArgumentOutOfRangeException(nameof(unit));
            return ref _parameters[Info.KernelOffset + input * Info.Units + unit];
        }
    }
}
