namespace NetGen
{
    /// <summary>Shape and placement of one dense layer inside a network's parameter buffer.</summary>
    /// <param name="Index">Position of the layer, 0 for the one next to the input.</param>
    /// <param name="Inputs">Fan-in: the number of inputs of the layer.</param>
    /// <param name="Units">Fan-out: the number of units of the layer.</param>
    /// <param name="Activation">The activation applied to the pre-activation.</param>
    /// <param name="Alpha">The activation's alpha (Leaky ReLU, ELU); 0 where unused.</param>
    /// <param name="KernelOffset">Offset of the [Inputs × Units] kernel in the parameter buffer.</param>
    /// <param name="BiasOffset">Offset of the bias, or −1 when the layer has none.</param>
    /// <param name="KernelInitializer">How the kernel is initialized.</param>
    /// <param name="BiasInitializer">How the bias is initialized.</param>
    public sealed record DenseLayerInfo(
        int Index,
        int Inputs,
        int Units,
        Act Activation,
        float Alpha,
        int KernelOffset,
        int BiasOffset,
        InitializerSpec KernelInitializer,
        InitializerSpec BiasInitializer)
    {
        /// <summary>Whether the layer adds a bias.</summary>
        public bool HasBias => BiasOffset >= 0;

        /// <summary>Batch normalization of the layer, or null.</summary>
        public BatchNormInfo? BatchNorm { get; init; }

        /// <summary>Dropout after the layer, or null.</summary>
        public DropoutInfo? Dropout { get; init; }

        /// <summary>L1 kernel penalty factor (0 = none).</summary>
        public float L1 { get; init; }

        /// <summary>L2 kernel penalty factor (0 = none).</summary>
        public float L2 { get; init; }

        /// <summary>Max-norm constraint on each unit's incoming weights (0 = none).</summary>
        public float MaxNorm { get; init; }

        /// <summary>
        /// Number of trainable parameters of the layer: kernel, bias, then batch normalization's gamma
        /// and beta, contiguous from <see cref="KernelOffset"/>.
        /// </summary>
        public int ParameterCount
            => (int)LayerLayout.ParameterCount(Inputs, Units, HasBias, BatchNorm is { HasGamma: true }, BatchNorm is { HasBeta: true });

        /// <summary>Number of non-trainable values of the layer in the state buffer (moving mean and variance).</summary>
        public int StateCount => LayerLayout.StateCount(Units, BatchNorm is not null);
    }
}
