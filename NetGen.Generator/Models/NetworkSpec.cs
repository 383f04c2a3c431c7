namespace NetGen.Generator.Models
{
    /// <summary>
    /// Everything the emitter needs to write one network, as equatable values (never symbols,
    /// syntax or locations), with shapes and offsets computed once by the parser.
    /// </summary>
    internal sealed record NetworkSpec(
        string? Namespace,
        string TypeName,
        EquatableArray<ContainingTypeSpec> ContainingTypes,
        int Inputs,
        Loss Loss,
        int? Seed,
        bool HasUserConstructor,
        EquatableArray<LayerSpec> Layers)
    {
        public LayerSpec Output => Layers[Layers.Count - 1];

        public int OutputSize => Output.Units;

        /// <summary>Softmax cross-entropy takes one class index per sample; every other loss one target per output.</summary>
        public int TargetSize => Loss == Loss.SoftmaxCrossEntropy ? 1 : OutputSize;

        public int ParameterCount => Output.BiasOffset >= 0 ? Output.BiasOffset + Output.Units : Output.KernelOffset + Output.Inputs * Output.Units;

        public string FullName => (Namespace is null ? "" : Namespace + ".") + string.Join(".", System.Linq.Enumerable.Select(ContainingTypes, t => t.Name)) + (ContainingTypes.Count > 0 ? "." : "") + TypeName;
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
        InitializerModel BiasInitializer)
    {
        public bool HasBias => BiasOffset >= 0;

        public int KernelLength => Inputs * Units;
    }

    /// <summary>An initializer with its parameters.</summary>
    internal sealed record InitializerModel(Init Kind, double Scale, FanMode Mode, Distribution Distribution, double Mean, double StdDev, double Value);

    /// <summary>The parser's answer for one declaration: a spec when it is valid, and the diagnostics.</summary>
    internal sealed record NetworkResult(NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
}
