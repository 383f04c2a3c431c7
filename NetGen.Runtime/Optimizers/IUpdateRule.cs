using System.Numerics;

namespace NetGen
{
    /// <summary>
    /// One optimizer's element-wise update on <see cref="Vector{T}.Count"/> values, for
    /// <see cref="UpdateDriver"/>. Implemented by small readonly structs that carry their coefficients
    /// as fields, so the driver specialises on each rule and inlines it: no virtual call, no
    /// allocation, no closure in the loop (the pattern <see cref="Generated.IActivation"/> uses).
    /// </summary>
    internal interface IUpdateRule
    {
        /// <summary>
        /// Updates the vector of parameters at <paramref name="parameter"/> from the gradients at
        /// <paramref name="gradient"/> and up to three state buffers. A buffer the rule does not use
        /// aliases another one and must be neither read nor written.
        /// </summary>
        void Update(ref float parameter, ref float gradient, ref float state0, ref float state1, ref float state2);
    }
}
