using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen
{
    /// <summary>
    /// PyTorch's coupled weight decay inside an update rule, g ← g + λθ, fused where the hardware has
    /// FMA; with λ = 0 the gradient is kept exactly as it is.
    /// </summary>
    internal readonly struct L2Penalty
    {
        private readonly Vector<float> _rate;
        private readonly bool _active;

        /// <summary>The penalty λ.</summary>
        public L2Penalty(float rate)
        {
            _rate = new Vector<float>(rate);
            _active = rate != 0f;
        }

        /// <summary>g + λθ, or g itself when λ = 0.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Apply(Vector<float> theta, Vector<float> gradient) => _active ? VectorMath.MultiplyAdd(theta, _rate, gradient) : gradient;
    }
}
