#if NET10_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen
{
    /// <summary>
    /// The operations of <see cref="Vector512{T}"/>, used only where AVX-512 is present (which has FMA,
    /// so <see cref="MultiplyAdd"/> rounds as <see cref="VectorLanes"/>' does).
    /// </summary>
    internal readonly struct Vector512Lanes : ILanes<Vector512<float>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Broadcast(float value) => Vector512.Create(value);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(ref float source) => Vector512.LoadUnsafe(ref source);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector512<float> value, ref float destination) => value.StoreUnsafe(ref destination);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Divide(Vector512<float> a, Vector512<float> b) => a / b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> SquareRoot(Vector512<float> a) => Vector512.Sqrt(a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.Max(a, b);
    }
}
#endif
