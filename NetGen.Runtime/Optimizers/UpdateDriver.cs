using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen
{
    /// <summary>
    /// The element-wise loop every optimizer's update runs in: whole vectors of
    /// <see cref="Vector{T}.Count"/> values, then the tail through the same vector code on
    /// zero-padded copies, so every element sees the same arithmetic wherever it sits (and a range
    /// cut at a multiple of the width updates exactly as the whole buffer would).
    /// </summary>
    internal static class UpdateDriver
    {
        /// <summary>
        /// Applies <paramref name="rule"/> to every element of <paramref name="parameters"/>. The state
        /// buffers have the parameters' length, or are empty when the rule does not use them.
        /// </summary>
        /// <remarks>
        /// Never inlined: as a method of its own it gets the JIT's whole inlining budget for the rule in
        /// its loop, however much its caller has already inlined.
        /// </remarks>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void Run<TRule>(
            Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state0, Span<float> state1, Span<float> state2, TRule rule)
            where TRule : struct, IUpdateRule
        {
            int n = parameters.Length;
            ref float p = ref MemoryMarshal.GetReference(parameters);
            ref float g = ref MemoryMarshal.GetReference(gradients);
            // An unused buffer aliases the parameters, which the rule never reads through it.
            ref float s0 = ref state0.IsEmpty ? ref p : ref MemoryMarshal.GetReference(state0);
            ref float s1 = ref state1.IsEmpty ? ref p : ref MemoryMarshal.GetReference(state1);
            ref float s2 = ref state2.IsEmpty ? ref p : ref MemoryMarshal.GetReference(state2);
            int width = Vector<float>.Count;
            int i = 0;
            for (; i <= n - width; i += width)
                rule.Update(ref Unsafe.Add(ref p, i), ref Unsafe.Add(ref g, i), ref Unsafe.Add(ref s0, i), ref Unsafe.Add(ref s1, i), ref Unsafe.Add(ref s2, i));
            if (i < n)
                Tail(parameters.Slice(i), gradients.Slice(i), Rest(state0, i), Rest(state1, i), Rest(state2, i), rule);
        }

        /// <summary>Fewer than one vector of values: copies them into zero-padded vectors, updates those, copies back.</summary>
        private static void Tail<TRule>(
            Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state0, Span<float> state1, Span<float> state2, TRule rule)
            where TRule : struct, IUpdateRule
        {
            int width = Vector<float>.Count;
            int rest = parameters.Length;
            Span<float> scratch = stackalloc float[5 * width];
            var p = scratch.Slice(0, width);
            var g = scratch.Slice(width, width);
            var s0 = scratch.Slice(2 * width, width);
            var s1 = scratch.Slice(3 * width, width);
            var s2 = scratch.Slice(4 * width, width);
            parameters.CopyTo(p);
            gradients.CopyTo(g);
            state0.CopyTo(s0);
            state1.CopyTo(s1);
            state2.CopyTo(s2);
            rule.Update(ref p[0], ref g[0], ref s0[0], ref s1[0], ref s2[0]);
            p.Slice(0, rest).CopyTo(parameters);
            if (!state0.IsEmpty) s0.Slice(0, rest).CopyTo(state0);
            if (!state1.IsEmpty) s1.Slice(0, rest).CopyTo(state1);
            if (!state2.IsEmpty) s2.Slice(0, rest).CopyTo(state2);
        }

        private static Span<float> Rest(Span<float> state, int start) => state.IsEmpty ? default : state.Slice(start);
    }
}
