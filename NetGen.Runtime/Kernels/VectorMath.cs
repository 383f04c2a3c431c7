using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen
{
    /// <summary>Small vector helpers shared by the kernels; unchecked loads and stores by reference.</summary>
    public static class VectorMath
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

        /// <summary>e^x lane by lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<float> Exp(Vector<float> x)
        {
#if NET9_0_OR_GREATER
            return Vector.Exp(x);
#else
            Span<float> lanes = stackalloc float[Vector<float>.Count];
            x.CopyTo(lanes);
            for (int i = 0; i < lanes.Length; i++) lanes[i] = MathF.Exp(lanes[i]);
            return new Vector<float>(lanes);
#endif
        }
    
        /// <summary>
        /// Whether every value is finite. One vectorized pass: x − x is 0 for a finite x and NaN for
        /// an infinity or NaN, and NaN survives the accumulation.
        /// </summary>
        public static bool AllFinite(ReadOnlySpan<float> values)
        {
            ref float start = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(values);
            var accumulator = Vector<float>.Zero;
            int i = 0;
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = Load(ref Unsafe.Add(ref start, i));
                accumulator += v - v;
            }
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
