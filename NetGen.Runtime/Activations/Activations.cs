using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen.Generated
{
    /// <summary>Identity.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct LinearActivation : IActivation
    {
        /// <inheritdoc />
        public float Forward(float z) => z;
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Forward(Vector<float> z) => z;
        /// <inheritdoc />
        public float Derivative(float z, float a) => 1f;
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Derivative(Vector<float> z, Vector<float> a) => Vector<float>.One;
    }

    /// <summary>Logistic sigmoid σ(z) = 1 / (1 + e^−z); σ′ = σ(1 − σ).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct SigmoidActivation : IActivation
    {
        /// <inheritdoc />
        public float Forward(float z) => 1f / (1f + VectorMath.Exp(-z));
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Forward(Vector<float> z) => Vector<float>.One / (Vector<float>.One + VectorMath.Exp(-z));
        /// <inheritdoc />
        public float Derivative(float z, float a) => a * (1f - a);
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Derivative(Vector<float> z, Vector<float> a) => a * (Vector<float>.One - a);
    }

    /// <summary>tanh; tanh′ = 1 − tanh².</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct TanhActivation : IActivation
    {
        /// <inheritdoc />
        public float Forward(float z) => MathF.Tanh(z);
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Forward(Vector<float> z) => ActivationMath.Lanes(z, static v => MathF.Tanh(v));
        /// <inheritdoc />
        public float Derivative(float z, float a) => 1f - a * a;
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Derivative(Vector<float> z, Vector<float> a) => Vector<float>.One - a * a;
    }

    /// <summary>max(0, z); the derivative at 0 is taken as 0, as PyTorch and TensorFlow do.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct ReluActivation : IActivation
    {
        /// <inheritdoc />
        public float Forward(float z) => MathF.Max(z, 0f); // NaN stays NaN, as on the vector path and in PyTorch
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Forward(Vector<float> z) => Vector.Max(z, Vector<float>.Zero);
        /// <inheritdoc />
        public float Derivative(float z, float a) => z > 0f ? 1f : 0f;
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Derivative(Vector<float> z, Vector<float> a)
            => Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero);
    }

    /// <summary>z for z &gt; 0, alpha·z otherwise.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct LeakyReluActivation : IActivation
    {
        private readonly float _alpha;

        /// <summary>Creates the activation with the given negative slope.</summary>
        public LeakyReluActivation(float alpha) => _alpha = alpha;

        /// <inheritdoc />
        public float Forward(float z) => z > 0f ? z : _alpha * z;
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Forward(Vector<float> z)
            => Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<float>.Zero), z, z * _alpha);
        /// <inheritdoc />
        public float Derivative(float z, float a) => z > 0f ? 1f : _alpha;
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Derivative(Vector<float> z, Vector<float> a)
            => Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<float>.Zero), Vector<float>.One, new Vector<float>(_alpha));
    }

    /// <summary>z for z &gt; 0, alpha·(e^z − 1) otherwise (Clevert et al. 2015); derivative a + alpha below 0.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct EluActivation : IActivation
    {
        private readonly float _alpha;

        /// <summary>Creates the activation with the given alpha.</summary>
        public EluActivation(float alpha) => _alpha = alpha;

        /// <inheritdoc />
        public float Forward(float z) => z > 0f ? z : _alpha * (VectorMath.Exp(z) - 1f);
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Forward(Vector<float> z)
        {
            var negative = new Vector<float>(_alpha) * (VectorMath.Exp(Vector.Min(z, Vector<float>.Zero)) - Vector<float>.One);
            return Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<float>.Zero), z, negative);
        }
        /// <inheritdoc />
        public float Derivative(float z, float a) => z > 0f ? 1f : a + _alpha;
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Derivative(Vector<float> z, Vector<float> a)
            => Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<float>.Zero), Vector<float>.One, a + new Vector<float>(_alpha));
    }

    /// <summary>
    /// SELU: scale·z for z &gt; 0, scale·alpha·(e^z − 1) otherwise, with the constants of
    /// Klambauer et al. 2017, "Self-Normalizing Neural Networks" (as in Keras and PyTorch).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct SeluActivation : IActivation
    {
        /// <summary>α of Klambauer et al. 2017: 1.6732632423543772848170429916717.</summary>
        public const float Alpha = 1.6732632423543772848170429916717f;

        /// <summary>λ (scale) of Klambauer et al. 2017: 1.0507009873554804934193349852946.</summary>
        public const float Scale = 1.0507009873554804934193349852946f;

        private const float ScaleAlpha = Scale * Alpha;

        /// <inheritdoc />
        public float Forward(float z) => z > 0f ? z * Scale : ScaleAlpha * (VectorMath.Exp(z) - 1f);
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Forward(Vector<float> z)
        {
            var negative = new Vector<float>(ScaleAlpha) * (VectorMath.Exp(Vector.Min(z, Vector<float>.Zero)) - Vector<float>.One);
            return Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<float>.Zero), z * Scale, negative);
        }
        /// <inheritdoc />
        public float Derivative(float z, float a) => z > 0f ? Scale : a + ScaleAlpha;
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Derivative(Vector<float> z, Vector<float> a)
            => Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<float>.Zero), new Vector<float>(Scale), a + new Vector<float>(ScaleAlpha));
    }

    /// <summary>
    /// Exact GELU, z·Φ(z) = ½·z·erfc(−z/√2) (Hendrycks and Gimpel 2016; PyTorch's default and Keras's
    /// <c>approximate=False</c>). GELU′(z) = Φ(z) + z·φ(z).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct GeluActivation : IActivation
    {
        /// <inheritdoc />
        public float Forward(float z) => (float)(z * ActivationMath.NormalCdf(z));
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Forward(Vector<float> z) => ActivationMath.Lanes(z, static v => (float)(v * ActivationMath.NormalCdf(v)));
        /// <inheritdoc />
        public float Derivative(float z, float a) => (float)ActivationMath.GeluDerivative(z);
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Derivative(Vector<float> z, Vector<float> a) => ActivationMath.Lanes(z, static v => (float)ActivationMath.GeluDerivative(v));
    }

    /// <summary>SiLU / Swish, z·σ(z); derivative σ(z)·(1 + z·(1 − σ(z))).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct SiluActivation : IActivation
    {
        /// <inheritdoc />
        public float Forward(float z) => z / (1f + VectorMath.Exp(-z));
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Forward(Vector<float> z) => z / (Vector<float>.One + VectorMath.Exp(-z));
        /// <inheritdoc />
        public float Derivative(float z, float a)
        {
            float s = 1f / (1f + VectorMath.Exp(-z));
            return s * (1f + z * (1f - s));
        }
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Derivative(Vector<float> z, Vector<float> a)
        {
            var s = Vector<float>.One / (Vector<float>.One + VectorMath.Exp(-z));
            return s * (Vector<float>.One + z * (Vector<float>.One - s));
        }
    }

    /// <summary>Softplus, log(1 + e^z), computed as max(z, 0) + log(1 + e^−|z|) so it never overflows; derivative σ(z).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct SoftplusActivation : IActivation
    {
        /// <inheritdoc />
        public float Forward(float z) => MathF.Max(z, 0f) + (float)Math.Log(1.0 + Math.Exp(-Math.Abs(z)));
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Forward(Vector<float> z) => ActivationMath.Lanes(z, static v => MathF.Max(v, 0f) + (float)Math.Log(1.0 + Math.Exp(-Math.Abs(v))));
        /// <inheritdoc />
        public float Derivative(float z, float a) => 1f / (1f + VectorMath.Exp(-z));
        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Derivative(Vector<float> z, Vector<float> a) => Vector<float>.One / (Vector<float>.One + VectorMath.Exp(-z));
    }
}
