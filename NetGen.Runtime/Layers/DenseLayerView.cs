using System;

namespace NetGen
{
    /// <summary>
    /// A typed window on one dense layer's slice of a network's parameter, gradient and state buffers,
    /// for inspection and import without offsets (<see cref="INetwork.GetLayer"/>). Writes go straight to the network.
    /// </summary>
    public readonly struct DenseLayerView
    {
        private readonly Memory<float> _parameters;
        private readonly Memory<float> _gradients;
        private readonly float[]? _state;

        /// <summary>Creates a view of <paramref name="layer"/> over the given buffers (no batch-norm statistics).</summary>
        public DenseLayerView(float[] parameters, float[] gradients, DenseLayerInfo layer)
            : this(parameters, gradients, null, layer)
        {
        }

        /// <summary>Creates a view of <paramref name="layer"/> over the given buffers, with the state buffer for the moving statistics.</summary>
        public DenseLayerView(float[] parameters, float[] gradients, float[]? state, DenseLayerInfo layer)
            : this(parameters.AsMemory(), gradients.AsMemory(), state, layer)
        {
        }

        /// <summary>
        /// Creates a view of <paramref name="layer"/> over parameter and gradient buffers that need not start an
        /// array (the generated networks keep theirs 64-byte aligned inside a larger one), with the state buffer
        /// for the moving statistics (or null).
        /// </summary>
        public DenseLayerView(Memory<float> parameters, Memory<float> gradients, float[]? state, DenseLayerInfo layer)
        {
            _parameters = parameters;
            _gradients = gradients;
            _state = state;
            Info = layer;
        }

        /// <summary>The layer's shape and offsets.</summary>
        public DenseLayerInfo Info { get; }

        /// <summary>The kernel, [Inputs × Units] row-major: element (i, j) is at i·Units + j.</summary>
        public Span<float> Weights => _parameters.Span.Slice(Info.KernelOffset, KernelLength);

        /// <summary>The bias (empty when the layer has none).</summary>
        public Span<float> Bias => Info.HasBias ? _parameters.Span.Slice(Info.BiasOffset, Info.Units) : Span<float>.Empty;

        /// <summary>The kernel's gradient, same layout as <see cref="Weights"/>.</summary>
        public Span<float> WeightGradients => _gradients.Span.Slice(Info.KernelOffset, KernelLength);

        /// <summary>The bias's gradient (empty when the layer has none).</summary>
        public Span<float> BiasGradients => Info.HasBias ? _gradients.Span.Slice(Info.BiasOffset, Info.Units) : Span<float>.Empty;

        /// <summary>Batch normalization's scale γ (empty without batch normalization or without scale).</summary>
        public Span<float> Gamma => Info.BatchNorm is { HasGamma: true } norm ? _parameters.Span.Slice(norm.GammaOffset, Info.Units) : Span<float>.Empty;

        /// <summary>Batch normalization's shift β (empty without batch normalization or without center).</summary>
        public Span<float> Beta => Info.BatchNorm is { HasBeta: true } norm ? _parameters.Span.Slice(norm.BetaOffset, Info.Units) : Span<float>.Empty;

        /// <summary>Batch normalization's moving mean (empty without batch normalization or when the view has no state buffer).</summary>
        public Span<float> MovingMean => Info.BatchNorm is { } norm && _state is not null ? _state.AsSpan(norm.MeanOffset, Info.Units) : Span<float>.Empty;

        /// <summary>Batch normalization's moving variance (empty without batch normalization or when the view has no state buffer).</summary>
        public Span<float> MovingVariance => Info.BatchNorm is { } norm && _state is not null ? _state.AsSpan(norm.VarianceOffset, Info.Units) : Span<float>.Empty;

        private int KernelLength => (int)LayerLayout.KernelLength(Info.Inputs, Info.Units);

        /// <summary>The weight from input <paramref name="input"/> to unit <paramref name="unit"/>.</summary>
        public ref float Weight(int input, int unit)
        {
            if ((uint)input >= (uint)Info.Inputs) throw new ArgumentOutOfRangeException(nameof(input));
            if ((uint)unit >= (uint)Info.Units) throw new ArgumentOutOfRangeException(nameof(unit));
            return ref _parameters.Span[Info.KernelOffset + input * Info.Units + unit];
        }
    }
}
