using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen.Generated
{
    /// <summary>Scalar special functions behind the activations, and slow dispatchers by <see cref="Act"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ActivationMath
    {
        private const double InverseSqrt2 = 0.70710678118654752440;
        private const double InverseSqrt2Pi = 0.39894228040143267794;

        /// <summary>
        /// erfc(x) by the Chebyshev-fitted exponential of Press et al., Numerical Recipes (2nd ed.,
        /// §6.2, <c>erfcc</c>): fractional error below 1.2e−7 everywhere, i.e. float precision.
        /// </summary>
        public static double Erfc(double x)
        {
            double z = Math.Abs(x);
            double t = 1.0 / (1.0 + 0.5 * z);
            double poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277))))))));
            double result = t * Math.Exp(poly);
            return x >= 0 ? result : 2.0 - result;
        }

        /// <summary>Standard normal CDF Φ(x) = ½·erfc(−x/√2), accurate in relative terms in both tails.</summary>
        public static double NormalCdf(double x) => 0.5 * Erfc(-x * InverseSqrt2);

        /// <summary>GELU′(x) = Φ(x) + x·φ(x).</summary>
        public static double GeluDerivative(double x) => NormalCdf(x) + x * InverseSqrt2Pi * Math.Exp(-0.5 * x * x);

        /// <summary>Applies a scalar function to every lane (for activations with no vector form yet).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<float> Lanes(Vector<float> x, Func<float, float> function)
        {
            Span<float> lanes = stackalloc float[Vector<float>.Count];
            x.CopyTo(lanes);
            for (int i = 0; i < lanes.Length; i++) lanes[i] = function(lanes[i]);
            return new Vector<float>(lanes);
        }

        /// <summary>Applies <paramref name="activation"/> element-wise (slow path, for tools and tests). Softmax treats the whole span as one row.</summary>
        public static void Forward(Act activation, float alpha, ReadOnlySpan<float> z, Span<float> a)
        {
            if (activation == Act.Softmax)
            {
                Softmax(z, a);
                return;
            }
            for (int i = 0; i < z.Length; i++) a[i] = Forward(activation, alpha, z[i]);
        }

        /// <summary>f(z) for one value (not defined for softmax).</summary>
        public static float Forward(Act activation, float alpha, float z) => activation switch
        {
            Act.Linear => new LinearActivation().Forward(z),
            Act.Sigmoid => new SigmoidActivation().Forward(z),
            Act.Tanh => new TanhActivation().Forward(z),
            Act.Relu => new ReluActivation().Forward(z),
            Act.LeakyRelu => new LeakyReluActivation(alpha).Forward(z),
            Act.Elu => new EluActivation(alpha).Forward(z),
            Act.Selu => new SeluActivation().Forward(z),
            Act.Gelu => new GeluActivation().Forward(z),
            Act.Silu => new SiluActivation().Forward(z),
            Act.Softplus => new SoftplusActivation().Forward(z),
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Softmax is not element-wise."),
        };

        /// <summary>f′(z) for one value, given a = f(z) (not defined for softmax).</summary>
        public static float Derivative(Act activation, float alpha, float z, float a) => activation switch
        {
            Act.Linear => new LinearActivation().Derivative(z, a),
            Act.Sigmoid => new SigmoidActivation().Derivative(z, a),
            Act.Tanh => new TanhActivation().Derivative(z, a),
            Act.Relu => new ReluActivation().Derivative(z, a),
            Act.LeakyRelu => new LeakyReluActivation(alpha).Derivative(z, a),
            Act.Elu => new EluActivation(alpha).Derivative(z, a),
            Act.Selu => new SeluActivation().Derivative(z, a),
            Act.Gelu => new GeluActivation().Derivative(z, a),
            Act.Silu => new SiluActivation().Derivative(z, a),
            Act.Softplus => new SoftplusActivation().Derivative(z, a),
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Softmax is not element-wise."),
        };

        /// <summary>
        /// a = f(z) element by element over a flat buffer (in place allowed), in vectors with a scalar
        /// tail: the activation pass of exponential-based activations after a dense product.
        /// </summary>
        public static void Apply<TActivation>(ReadOnlySpan<float> z, Span<float> a, TActivation activation)
            where TActivation : struct, IActivation
        {
            int count = z.Length;
            ref float zs = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(z);
            ref float az = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(a);
            int i = 0;
            for (; i <= count - System.Numerics.Vector<float>.Count; i += System.Numerics.Vector<float>.Count)
                VectorMath.Store(activation.Forward(VectorMath.Load(ref System.Runtime.CompilerServices.Unsafe.Add(ref zs, i))), ref System.Runtime.CompilerServices.Unsafe.Add(ref az, i));
            for (; i < count; i++)
                System.Runtime.CompilerServices.Unsafe.Add(ref az, i) = activation.Forward(System.Runtime.CompilerServices.Unsafe.Add(ref zs, i));
        }

        /// <summary>Softmax of each of <paramref name="rows"/> rows of <paramref name="columns"/> values.</summary>
        public static void SoftmaxRows(ReadOnlySpan<float> logits, Span<float> probabilities, int rows, int columns)
        {
            for (int r = 0; r < rows; r++)
                Softmax(logits.Slice(r * columns, columns), probabilities.Slice(r * columns, columns));
        }

        /// <summary>σ(z) = 1 / (1 + e^−z) for the first <paramref name="count"/> values.</summary>
        public static void Sigmoid(ReadOnlySpan<float> logits, Span<float> probabilities, int count)
        {
            for (int i = 0; i < count; i++) probabilities[i] = 1f / (1f + MathF.Exp(-logits[i]));
        }

        /// <summary>Numerically stable softmax of one row: subtracts the row maximum before exponentiating.</summary>
        public static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
        {
            float max = float.NegativeInfinity;
            for (int i = 0; i < logits.Length; i++) max = MathF.Max(max, logits[i]);
            double sum = 0;
            for (int i = 0; i < logits.Length; i++)
            {
                float e = MathF.Exp(logits[i] - max);
                probabilities[i] = e;
                sum += e;
            }
            float inverse = (float)(1.0 / sum);
            for (int i = 0; i < logits.Length; i++) probabilities[i] *= inverse;
        }
    }
}
