// This file is compiled into both NetGen.Runtime and NetGen.Generator (see Act.cs); the
// generator's copy is internal so that it never clashes with the runtime's public one.
namespace NetGen
{
    /// <summary>Where batch normalization sits in a dense layer (Géron ch. 11: "before or after the activation function").</summary>
#if NETGEN_GENERATOR
    internal enum BatchNormPlacement
#else
    public enum BatchNormPlacement
#endif
    {
        /// <summary>No batch normalization.</summary>
        None = 0,
        /// <summary>Dense → BN → activation (the original paper's placement and NetGen's default). The dense bias is redundant and dropped.</summary>
        BeforeActivation = 1,
        /// <summary>Dense → activation → BN.</summary>
        AfterActivation = 2,
    }
}
