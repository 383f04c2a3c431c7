using System.ComponentModel;
using System.Numerics;

namespace NetGen.Generated
{
    /// <summary>
    /// An element-wise activation. Implemented by small structs so that generic kernels
    /// specialize on them: no virtual call sits in the hot loops.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public interface IActivation
    {
        /// <summary>f(z).</summary>
        float Forward(float z);

        /// <summary>f(z) lane by lane.</summary>
        Vector<float> Forward(Vector<float> z);

        /// <summary>f′(z), given the pre-activation z and the output a = f(z).</summary>
        float Derivative(float z, float a);

        /// <summary>f′(z) lane by lane, given z and a = f(z).</summary>
        Vector<float> Derivative(Vector<float> z, Vector<float> a);
    }
}
