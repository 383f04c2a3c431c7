using NetGen.Generator.Models;

namespace NetGen.Generator.Validation
{
    /// <summary>
    /// One layer as the rules see it: its spec, and where each of its choices was written (the
    /// layer's own argument, else the network-wide one; null when defaulted). The locations stay
    /// here, outside the spec, so that the cached spec never holds a location.
    /// </summary>
    internal sealed record LayerFacts(
        LayerSpec Spec,
        bool IsOutput,
        LocationInfo? UnitsLocation,
        LocationInfo? ActivationLocation,
        LocationInfo? InitializerLocation,
        LocationInfo? BatchNormLocation,
        LocationInfo? DropoutLocation)
    {
        public bool IsHidden => !IsOutput;

        public Act Activation => Spec.Activation;

        public InitializerModel Kernel => Spec.KernelInitializer;

        /// <summary>Advice about the kernels points at the initializer argument when one was written, else at the activation that asks for other kernels.</summary>
        public LocationInfo? KernelAdviceLocation => InitializerLocation ?? ActivationLocation;

        /// <summary>The kernel initializer's name for a message, marked when the user never wrote it.</summary>
        public string KernelName => InitializerLocation is null ? Kernel.Kind + " (the default)" : Kernel.Kind.ToString();
    }
}
