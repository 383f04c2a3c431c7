using System.Numerics;

namespace NetGen
{
    /// <summary>
    /// The lane-wise operations of one vector type, so an update written once over
    /// <typeparamref name="TVector"/> runs on <see cref="Vector{T}"/> and on 16-lane vectors alike.
    /// Implemented by empty structs: the JIT specialises and inlines every call.
    /// </summary>
    internal interface ILanes<TVector>
        where TVector : struct
    {
        /// <summary>A vector with <paramref name="value"/> in every lane.</summary>
        static abstract TVector Broadcast(float value);

        /// <summary>Loads a vector from <paramref name="source"/> without bounds checks.</summary>
        static abstract TVector Load(ref float source);

        /// <summary>Stores <paramref name="value"/> at <paramref name="destination"/> without bounds checks.</summary>
        static abstract void Store(TVector value, ref float destination);

        /// <summary>a + b.</summary>
        static abstract TVector Add(TVector a, TVector b);

        /// <summary>a·b.</summary>
        static abstract TVector Multiply(TVector a, TVector b);

        /// <summary>a / b.</summary>
        static abstract TVector Divide(TVector a, TVector b);

        /// <summary>a·b + c, fused where the hardware has FMA (see <see cref="VectorMath.MultiplyAdd(Vector{float}, Vector{float}, Vector{float})"/>).</summary>
        static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

        /// <summary>√a.</summary>
        static abstract TVector SquareRoot(TVector a);

        /// <summary>max(a, b).</summary>
        static abstract TVector Max(TVector a, TVector b);
    }
}
