namespace NetGen.Generator.Models
{
    /// <summary>
    /// Everything the emitter needs to write one network, as equatable values (never symbols,
    /// syntax or locations), with shapes and offsets computed once by Validation (by the shared <see cref="LayerLayout"/>).
    /// </summary>
    internal sealed record NetworkSpec(
        string? Namespace,
        string TypeName,
        EquatableArray<ContainingTypeSpec> ContainingTypes,
        int Inputs,
        Loss Loss,
        int? Seed,
        UserConstructors UserConstructors,
        EquatableArray<LayerSpec> Layers,
        EmbeddedWeightsSpec? Weights = null)
    {
        public LayerSpec Output => Layers[Layers.Count - 1];

        public int OutputSize => Output.Units;

        /// <summary>Softmax cross-entropy takes one class index per sample; every other loss one target per output.</summary>
        public int TargetSize => Loss == Loss.SoftmaxCrossEntropy ? 1 : OutputSize;

        public int ParameterCount => Output.KernelOffset + Output.ParameterCount;

        /// <summary>
        /// Input normalization ([Normalization]): its statistics open the state buffer, and inference folds it
        /// into the first layer's copy at <see cref="NormalizationInferenceOffset"/>. Not in the positional
        /// list so that specs without it are built as before.
        /// </summary>
        public bool HasNormalization { get; init; }

        /// <summary>Values of the state buffer before the batch-norm statistics: the normalization's, or none.</summary>
        public int NormalizationStateCount => HasNormalization ? LayerLayout.NormalizationStateCount(Inputs) : 0;

        /// <summary>Non-trainable values: the input normalization's statistics, then batch normalization's moving mean and variance, layer by layer.</summary>
        public int StateCount => NormalizationStateCount + System.Linq.Enumerable.Sum(Layers, l => LayerLayout.StateCount(l.Units, l.BatchNorm is not null));

        public bool HasBatchNorm => System.Linq.Enumerable.Any(Layers, l => l.BatchNorm is not null);

        /// <summary>Whether inference reads folded copies (batch norm or input normalization) that a change counter keeps fresh.</summary>
        public bool HasFold => HasBatchNorm || HasNormalization;

        /// <summary>Where the first layer's kernel and bias with the normalization folded in start in the inference buffer (after the layers' own copies).</summary>
        public int NormalizationInferenceOffset => System.Linq.Enumerable.Sum(Layers, l => l.InferenceLength);

        public int InferenceLength => NormalizationInferenceOffset + (HasNormalization ? Layers[0].KernelLength + Layers[0].Units : 0);

        public bool HasDropout => System.Linq.Enumerable.Any(Layers, l => l.Dropout is not null);

        public string FullName => (Namespace is null ? "" : Namespace + ".") + string.Join(".", System.Linq.Enumerable.Select(ContainingTypes, t => t.Name)) + (ContainingTypes.Count > 0 ? "." : "") + TypeName;
    }

    /// <summary>
    /// Which of the generated constructors' signatures the user already declared: those are not emitted,
    /// and when the user owns <c>(int)</c>, the generated <c>()</c> calls Initialize itself instead of
    /// chaining to it (the user's may chain back to <c>()</c>).
    /// </summary>
    internal sealed record UserConstructors(bool Parameterless, bool Seeded)
    {
        public static readonly UserConstructors None = new(false, false);
    }

    /// <summary>A type that encloses the network class, e.g. <c>partial class Outer</c>.</summary>
    internal sealed record ContainingTypeSpec(string Keyword, string Name);

    /// <summary>One dense layer, with its placement in the parameter buffer.</summary>
    internal sealed record LayerSpec(
        int Index,
        int Inputs,
        int Units,
        Act Activation,
        float Alpha,
        int KernelOffset,
        int BiasOffset,
        InitializerModel KernelInitializer,
        InitializerModel BiasInitializer,
        BatchNormSpec? BatchNorm,
        DropoutSpec? Dropout,
        RegularizationSpec Regularization,
        int InferenceOffset)
    {
        public bool HasBias => BiasOffset >= 0;

        public int KernelLength => (int)LayerLayout.KernelLength(Inputs, Units);

        /// <summary>Kernel, bias, gamma and beta, contiguous from the kernel offset.</summary>
        public int ParameterCount
            => (int)LayerLayout.ParameterCount(Inputs, Units, HasBias, BatchNorm is { HasGamma: true }, BatchNorm is { HasBeta: true });

        /// <summary>A layer whose forward and backward need more than the fused dense kernels: batch normalization or dropout.</summary>
        public bool IsComposite => BatchNorm is not null || Dropout is not null;

        public bool HasBatchNormBefore => BatchNorm is { Placement: BatchNormPlacement.BeforeActivation };

        public bool HasBatchNormAfter => BatchNorm is { Placement: BatchNormPlacement.AfterActivation };

        /// <summary>
        /// Values this layer keeps in the inference buffer (offset <see cref="InferenceOffset"/>): the
        /// folded kernel and bias when BN comes before the activation, BN's scale and shift when after.
        /// </summary>
        public int InferenceLength => HasBatchNormBefore ? KernelLength + Units : HasBatchNormAfter ? 2 * Units : 0;
    }

    /// <summary>Batch normalization of a layer: settings and where gamma, beta (parameters) and the moving statistics (state) live.</summary>
    internal sealed record BatchNormSpec(BatchNormPlacement Placement, float Momentum, float Epsilon, int GammaOffset, int BetaOffset, int MeanOffset, int VarianceOffset)
    {
        public bool HasGamma => GammaOffset >= 0;

        public bool HasBeta => BetaOffset >= 0;
    }

    /// <summary>Dropout after a layer.</summary>
    internal sealed record DropoutSpec(float Rate, bool IsAlpha);

    /// <summary>Kernel penalties and constraint of a layer (zeros for none).</summary>
    internal sealed record RegularizationSpec(float L1, float L2, float MaxNorm)
    {
        public static readonly RegularizationSpec None = new(0f, 0f, 0f);

        public bool HasPenalty => L1 > 0f || L2 > 0f;
    }

    /// <summary>An initializer with its parameters.</summary>
    internal sealed record InitializerModel(Init Kind, double Scale, FanMode Mode, Distribution Distribution, double Mean, double StdDev, double Value);

    /// <summary>Validation's answer for one declaration: a spec when it is valid, and every diagnostic (Parsing's and the rules').</summary>
    internal sealed record NetworkResult(NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
}
