// This file is compiled into both NetGen.Runtime and NetGen.Generator, so the generator reads
// the same enum values the user writes: there is one definition, never a mirrored copy. The
// generator's copy is internal so that it never clashes with the runtime's public one.
namespace NetGen
{
    /// <summary>Activation functions a dense layer can apply to its pre-activation.</summary>
#if NETGEN_GENERATOR
    internal enum Act
#else
    public enum Act
#endif
    {
        /// <summary>Identity, f(z) = z (Keras <c>linear</c>, the Keras <c>Dense</c> default).</summary>
        Linear = 0,
        /// <summary>Logistic sigmoid, 1 / (1 + e^-z).</summary>
        Sigmoid = 1,
        /// <summary>Hyperbolic tangent.</summary>
        Tanh = 2,
        /// <summary>max(0, z).</summary>
        Relu = 3,
        /// <summary>z for z ≥ 0, alpha·z otherwise. Alpha defaults to 0.01 (the chapter and PyTorch's <c>LeakyReLU</c>; Keras's layer defaults to 0.3).</summary>
        LeakyRelu = 4,
        /// <summary>z for z &gt; 0, alpha·(e^z − 1) otherwise; alpha defaults to 1.0 (Keras and PyTorch).</summary>
        Elu = 5,
        /// <summary>Scaled ELU with the constants of Klambauer et al. 2017 (self-normalizing networks).</summary>
        Selu = 6,
        /// <summary>Exact GELU, z·Φ(z) with the Gaussian CDF written through erf (Keras <c>approximate=False</c>, PyTorch default).</summary>
        Gelu = 7,
        /// <summary>SiLU / Swish, z·sigmoid(z).</summary>
        Silu = 8,
        /// <summary>Softplus, log(1 + e^z).</summary>
        Softplus = 9,
        /// <summary>Softmax over the layer's units; only valid on the output layer.</summary>
        Softmax = 10,
    }
}
