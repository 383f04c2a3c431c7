using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen
{
    /// <summary>Small vector helpers shared by the kernels; unchecked loads and stores by reference.</summary>
    internal static class VectorMath
    {
        /// <summary>Loads a vector from <paramref name="source"/> without bounds checks.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<float> Load(ref float source)
            => Unsafe.ReadUnaligned<Vector<float>>(ref Unsafe.As<float, byte>(ref source));

        /// <summary>Stores <paramref name="value"/> at <paramref name="destination"/> without bounds checks.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector<float> value, ref float destination)
            => Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref destination), value);

        /// <summary>
        /// a·b + c, fused where the hardware has FMA and a multiply then add where it has not
        /// (never the slow correctly rounded software fallback of <c>FusedMultiplyAdd</c>).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<float> MultiplyAdd(Vector<float> a, Vector<float> b, Vector<float> c)
        {
#if NET9_0_OR_GREATER
            return Vector.MultiplyAddEstimate(a, b, c);
#else
            return a * b + c;
#endif
        }

        /// <summary>
        /// <see cref="MultiplyAdd(Vector{float}, Vector{float}, Vector{float})"/> of one value, for scalar
        /// tails: fused exactly where the vector body is, so a unit's result does not depend on whether
        /// it falls in the tail at the machine's vector width.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float MultiplyAdd(float a, float b, float c)
        {
#if NET9_0_OR_GREATER
            return float.MultiplyAddEstimate(a, b, c); // fused exactly where Vector.MultiplyAddEstimate is
#else
            return a * b + c;
#endif
        }

        /// <summary>
        /// e^x lane by lane in single precision: x = n·ln 2 + r with |r| ≤ ½ln 2, e^r by the degree-7
        /// minimax polynomial of Cephes' expf (relative error below 2·10⁻⁷, about 2 ulp), times 2ⁿ
        /// built in the exponent bits. Below −87.3 the result is 0 (e^x is subnormal there); above 88.37
        /// it stays at e^88.37 ≈ 2.4·10³⁸ (e^x reaches float's maximum at 88.72); NaN stays NaN. The BCL's Vector.Exp computes in double precision and costs about
        /// four times as much, which made SELU/ELU layers spend more time in their activation than in
        /// their matrix product.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<float> Exp(Vector<float> x)
        {
            var isNaN = Vector.OnesComplement(Vector.Equals(x, x));
            var clamped = Vector.Min(Vector.Max(x, new Vector<float>(-87.3f)), new Vector<float>(88.37f));
            var n = Vector.Floor(MultiplyAdd(clamped, new Vector<float>(1.44269504088896341f), new Vector<float>(0.5f)));
            // r = x − n·ln 2 in two steps (ln 2 split into a short high part and the rest) to keep r exact.
            var r = MultiplyAdd(n, new Vector<float>(-0.693359375f), clamped);
            r = MultiplyAdd(n, new Vector<float>(2.12194440e-4f), r);
            var p = new Vector<float>(1.9875691500e-4f);
            p = MultiplyAdd(p, r, new Vector<float>(1.3981999507e-3f));
            p = MultiplyAdd(p, r, new Vector<float>(8.3334519073e-3f));
            p = MultiplyAdd(p, r, new Vector<float>(4.1665795894e-2f));
            p = MultiplyAdd(p, r, new Vector<float>(1.6666665459e-1f));
            p = MultiplyAdd(p, r, new Vector<float>(5.0000001201e-1f));
            var y = MultiplyAdd(p, r * r, r) + Vector<float>.One;
            var twoToN = Vector.AsVectorSingle(Vector.ShiftLeft(Vector.ConvertToInt32(n) + new Vector<int>(127), 23));
            // Below −87.3 e^x is subnormal or 0 in float: flush to 0 (e^−∞ = 0 exactly).
            var result = Vector.ConditionalSelect(Vector.LessThan(x, new Vector<float>(-87.3f)), Vector<float>.Zero, y * twoToN);
            return Vector.ConditionalSelect(isNaN, x, result);
        }

        /// <summary>
        /// <see cref="Exp(Vector{float})"/> of one value: the same operations on a broadcast vector, so
        /// scalar tails and vector bodies round alike and a layer's output does not depend on which of
        /// its units fall in the tail at the machine's vector width (MathF.Exp differs by an ulp or two).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Exp(float x) => Exp(new Vector<float>(x))[0];

        /// <summary>
        /// Whether every value is finite. One vectorized pass: x − x is 0 for a finite x and NaN for
        /// an infinity or NaN, and NaN survives the accumulation.
        /// </summary>
        public static bool AllFinite(ReadOnlySpan<float> values)
        {
            ref float start = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(values);
            // Four independent sums: with one, each addition waited for the previous one (3-4 cycles
            // per vector), and the trainer's two scans per step cost ~5 µs on a 26k-parameter network.
            int width = Vector<float>.Count;
            Vector<float> a0 = Vector<float>.Zero, a1 = Vector<float>.Zero, a2 = Vector<float>.Zero, a3 = Vector<float>.Zero;
            int i = 0;
            for (; i <= values.Length - 4 * width; i += 4 * width)
            {
                var v0 = Load(ref Unsafe.Add(ref start, i));
                var v1 = Load(ref Unsafe.Add(ref start, i + width));
                var v2 = Load(ref Unsafe.Add(ref start, i + 2 * width));
                var v3 = Load(ref Unsafe.Add(ref start, i + 3 * width));
                a0 += v0 - v0;
                a1 += v1 - v1;
                a2 += v2 - v2;
                a3 += v3 - v3;
            }
            for (; i <= values.Length - width; i += width)
            {
                var v = Load(ref Unsafe.Add(ref start, i));
                a0 += v - v;
            }
            var accumulator = (a0 + a1) + (a2 + a3);
            float tail = 0f;
            for (; i < values.Length; i++)
            {
                float x = Unsafe.Add(ref start, i);
                tail += x - x;
            }
            return accumulator == Vector<float>.Zero && tail == 0f;
        }
    }
}
