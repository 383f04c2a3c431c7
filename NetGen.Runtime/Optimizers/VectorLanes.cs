using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen
{
    /// <summary>The operations of <see cref="Vector{T}"/>, the width every optimizer runs at.</summary>
    internal readonly struct VectorLanes : ILanes<Vector<float>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> Broadcast(float value) => new Vector<float>(value);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> Load(ref float source) => VectorMath.Load(ref source);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector<float> value, ref float destination) => VectorMath.Store(value, ref destination);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> Add(Vector<float> a, Vector<float> b) => a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> Multiply(Vector<float> a, Vector<float> b) => a * b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> Divide(Vector<float> a, Vector<float> b) => a / b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> MultiplyAdd(Vector<float> a, Vector<float> b, Vector<float> c) => VectorMath.MultiplyAdd(a, b, c);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> SquareRoot(Vector<float> a) => Vector.SquareRoot(a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> Max(Vector<float> a, Vector<float> b) => Vector.Max(a, b);
    }
}
