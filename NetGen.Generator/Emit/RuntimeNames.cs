using ActivationKind = NetGen.Act;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// Every fully qualified name the generated source writes: the user's API in <c>NetGen</c>, the
    /// plumbing only generated code calls in <c>NetGen.Generated</c>, and the BCL names. The emitters
    /// take names only from here, so moving or renaming a runtime type is one edit in one file.
    /// Names are <c>global::</c>-qualified so that no user type or namespace can capture them.
    /// </summary>
    internal static class RuntimeNames
    {
        // The user's namespace: what a generated class implements or exposes, and the values it describes itself with.
        public const string INetwork = "global::NetGen.INetwork";
        public const string IOptimizer = "global::NetGen.IOptimizer";
        public const string DenseLayerInfo = "global::NetGen.DenseLayerInfo";
        public const string DenseLayerView = "global::NetGen.DenseLayerView";
        public const string NormalizationView = "global::NetGen.NormalizationView";
        public const string BatchNormInfo = "global::NetGen.BatchNormInfo";
        public const string DropoutInfo = "global::NetGen.DropoutInfo";
        public const string InitializerSpec = "global::NetGen.InitializerSpec";
        public const string NetGenRandom = "global::NetGen.NetGenRandom";
        public const string Act = "global::NetGen.Act";
        public const string Init = "global::NetGen.Init";
        public const string Loss = "global::NetGen.Loss";
        public const string BatchNormPlacement = "global::NetGen.BatchNormPlacement";
        public const string FanMode = "global::NetGen.FanMode";
        public const string Distribution = "global::NetGen.Distribution";
        public const string WeightedLossReduction = "global::NetGen.WeightedLossReduction";

        // The plumbing: hidden from IntelliSense, called only by generated code.
        public const string DenseKernels = "global::NetGen.Generated.DenseKernels";
        public const string BatchNormKernels = "global::NetGen.Generated.BatchNormKernels";
        public const string NormalizationKernels = "global::NetGen.Generated.NormalizationKernels";
        public const string DropoutKernels = "global::NetGen.Generated.DropoutKernels";
        public const string RegularizationKernels = "global::NetGen.Generated.RegularizationKernels";
        public const string Losses = "global::NetGen.Generated.Losses";
        public const string ActivationMath = "global::NetGen.Generated.ActivationMath";
        public const string NetworkGuards = "global::NetGen.Generated.NetworkGuards";
        public const string AlignedBuffer = "global::NetGen.Generated.AlignedBuffer";
        public const string EmbeddedWeights = "global::NetGen.Generated.EmbeddedWeights";
        public const string InferenceSupport = "global::NetGen.Generated.InferenceSupport";
        public const string UpdateRecipe = "global::NetGen.Generated.UpdateRecipe";
        public const string ParameterInitializer = "global::NetGen.Generated.ParameterInitializer";
        public const string LinearActivation = "global::NetGen.Generated.LinearActivation";
        public const string SigmoidActivation = "global::NetGen.Generated.SigmoidActivation";
        public const string TanhActivation = "global::NetGen.Generated.TanhActivation";
        public const string ReluActivation = "global::NetGen.Generated.ReluActivation";
        public const string LeakyReluActivation = "global::NetGen.Generated.LeakyReluActivation";
        public const string EluActivation = "global::NetGen.Generated.EluActivation";
        public const string SeluActivation = "global::NetGen.Generated.SeluActivation";
        public const string GeluActivation = "global::NetGen.Generated.GeluActivation";
        public const string SiluActivation = "global::NetGen.Generated.SiluActivation";
        public const string SoftplusActivation = "global::NetGen.Generated.SoftplusActivation";

        // The BCL.
        public const string ReadOnlySpanOfFloat = "global::System.ReadOnlySpan<float>";
        public const string SpanOfFloat = "global::System.Span<float>";
        public const string ReadOnlySpanOfByte = "global::System.ReadOnlySpan<byte>";
        public const string IReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";
        public const string Array = "global::System.Array";
        public const string Random = "global::System.Random";
        public const string Interlocked = "global::System.Threading.Interlocked";
        public const string Volatile = "global::System.Threading.Volatile";
        public const string ArgumentNullException = "global::System.ArgumentNullException";
        public const string InvalidOperationException = "global::System.InvalidOperationException";
        public const string GeneratedCodeAttribute = "global::System.CodeDom.Compiler.GeneratedCode";

        /// <summary>
        /// The struct of an element-wise activation. Softmax has none: it only ever sits on the output
        /// layer, where the loss applies it (Parsing reports NG0005 anywhere else).
        /// </summary>
        public static string Activation(ActivationKind activation) => activation switch
        {
            ActivationKind.Linear => LinearActivation,
            ActivationKind.Sigmoid => SigmoidActivation,
            ActivationKind.Tanh => TanhActivation,
            ActivationKind.Relu => ReluActivation,
            ActivationKind.LeakyRelu => LeakyReluActivation,
            ActivationKind.Elu => EluActivation,
            ActivationKind.Selu => SeluActivation,
            ActivationKind.Gelu => GeluActivation,
            ActivationKind.Silu => SiluActivation,
            ActivationKind.Softplus => SoftplusActivation,
            _ => throw new System.ArgumentOutOfRangeException(nameof(activation), activation, "no element-wise struct; softmax is fused with its loss"),
        };
    }
}
