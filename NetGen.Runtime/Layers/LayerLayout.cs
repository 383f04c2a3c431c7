namespace NetGen
{
    /// <summary>
    /// Where a dense layer's values sit in a network's buffers: the rule the generator applies when it
    /// places the layers and the runtime when it reads them back. One source file, compiled into both
    /// (NetGen.Generator.csproj links it), so the two can never disagree.
    /// </summary>
    /// <remarks>
    /// In the parameter buffer a layer holds, contiguous from its kernel offset: the kernel
    /// [inputs × units] (row-major, Keras's layout), then the bias, batch normalization's gamma and its
    /// beta, each one value per unit and each only when the layer has it. In the state buffer a
    /// batch-normalized layer holds its moving mean, then its moving variance; input normalization, when
    /// the network has it, comes first (<see cref="NormalizationStateCount"/>).
    /// </remarks>
    internal static class LayerLayout
    {
        /// <summary>The offset of a part the layer does not have.</summary>
        public const int Absent = -1;

        /// <summary>Floats of a kernel [inputs × units], as a long so that a layer too large for an int array can be detected.</summary>
        public static long KernelLength(int inputs, int units) => (long)inputs * units;

        /// <summary>Trainable values of a layer: kernel, then bias, gamma and beta where present.</summary>
        public static long ParameterCount(int inputs, int units, bool hasBias, bool hasGamma, bool hasBeta)
            => KernelLength(inputs, units) + (hasBias ? units : 0) + (hasGamma ? units : 0) + (hasBeta ? units : 0);

        /// <summary>Non-trainable values of a layer: the moving mean and variance of its batch normalization.</summary>
        public static int StateCount(int units, bool hasBatchNorm) => hasBatchNorm ? 2 * units : 0;

        /// <summary>
        /// Non-trainable values of input normalization, at the start of the state buffer before any batch
        /// normalization's: the mean and variance per feature, then the number of rows adapted on.
        /// </summary>
        public static int NormalizationStateCount(int features) => 2 * features + 1;

        /// <summary>Places a layer whose kernel starts at <paramref name="kernelOffset"/>; absent parts get <see cref="Absent"/>.</summary>
        public static LayerOffsets Place(long kernelOffset, int inputs, int units, bool hasBias, bool hasGamma, bool hasBeta)
        {
            long next = kernelOffset + KernelLength(inputs, units);
            long bias = hasBias ? next : Absent;
            if (hasBias) next += units;
            long gamma = hasGamma ? next : Absent;
            if (hasGamma) next += units;
            long beta = hasBeta ? next : Absent;
            if (hasBeta) next += units;
            return new LayerOffsets(kernelOffset, bias, gamma, beta, next);
        }
    }

    /// <summary>The offsets of one layer's parts in the parameter buffer, and where the next layer starts.</summary>
    internal readonly struct LayerOffsets
    {
        public LayerOffsets(long kernel, long bias, long gamma, long beta, long end)
        {
            Kernel = kernel;
            Bias = bias;
            Gamma = gamma;
            Beta = beta;
            End = end;
        }

        /// <summary>Offset of the kernel.</summary>
        public long Kernel { get; }

        /// <summary>Offset of the bias, or <see cref="LayerLayout.Absent"/>.</summary>
        public long Bias { get; }

        /// <summary>Offset of gamma, or <see cref="LayerLayout.Absent"/>.</summary>
        public long Gamma { get; }

        /// <summary>Offset of beta, or <see cref="LayerLayout.Absent"/>.</summary>
        public long Beta { get; }

        /// <summary>One past the layer's last parameter: the next layer's kernel offset.</summary>
        public long End { get; }
    }
}
