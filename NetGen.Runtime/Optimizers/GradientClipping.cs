using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen
{
    /// <summary>
    /// Gradient clipping applied to the flat gradient buffer before <see cref="IOptimizer.Step"/>,
    /// with PyTorch's semantics (<c>torch.nn.utils.clip_grad_value_</c> and <c>clip_grad_norm_</c>).
    /// </summary>
    public static class GradientClipping
    {
        /// <summary>Added to the norm before dividing, as in PyTorch's <c>clip_grad_norm_</c>.</summary>
        public const float NormEpsilon = 1e-6f;

        /// <summary>Clamps every gradient to [−<paramref name="clipValue"/>, <paramref name="clipValue"/>] (<c>clip_grad_value_</c>).</summary>
        public static void ClipByValue(Span<float> gradients, float clipValue)
        {
            if (!(clipValue >= 0f)) throw new ArgumentOutOfRangeException(nameof(clipValue), clipValue, "The clip value must be non-negative.");
            var upper = new Vector<float>(clipValue);
            var lower = new Vector<float>(-clipValue);
            ref float g = ref MemoryMarshal.GetReference(gradients);
            int n = gradients.Length, i = 0;
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                ref float gi = ref Unsafe.Add(ref g, i);
                VectorMath.Store(Vector.Min(Vector.Max(VectorMath.Load(ref gi), lower), upper), ref gi);
            }
            for (; i < n; i++)
                Unsafe.Add(ref g, i) = Math.Min(Math.Max(Unsafe.Add(ref g, i), -clipValue), clipValue);
        }

        /// <summary>
        /// Scales the whole buffer by <paramref name="maxNorm"/> / (‖g‖₂ + 1e-6) when that factor is
        /// below 1 (<c>clip_grad_norm_</c> over all parameters). Returns the norm before clipping.
        /// </summary>
        public static float ClipByGlobalNorm(Span<float> gradients, float maxNorm)
        {
            if (!(maxNorm >= 0f)) throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "The maximum norm must be non-negative.");
            return ClipToNorm(gradients, maxNorm);
        }

        /// <summary>
        /// Clips each segment to <paramref name="maxNorm"/> on its own, as <c>clip_grad_norm_</c> called
        /// once per segment (Keras's <c>clipnorm</c> with <see cref="GradientSegment.ForLayers"/>).
        /// Values outside every segment are left alone.
        /// </summary>
        /// <param name="gradients">The flat gradient buffer.</param>
        /// <param name="segments">The runs to clip; they should not overlap.</param>
        /// <param name="maxNorm">The largest L2 norm a segment may keep.</param>
        /// <param name="norms">Optional: receives each segment's norm before clipping (empty to skip).</param>
        public static void ClipByNormPerSegment(Span<float> gradients, ReadOnlySpan<GradientSegment> segments, float maxNorm, Span<float> norms = default)
        {
            if (!(maxNorm >= 0f)) throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "The maximum norm must be non-negative.");
            if (!norms.IsEmpty && norms.Length != segments.Length)
                throw new ArgumentException($"There are {segments.Length} segments but room for {norms.Length} norms.", nameof(norms));
            for (int s = 0; s < segments.Length; s++)
            {
                var segment = segments[s];
                if (segment.Offset < 0 || segment.Length < 0 || segment.Offset > gradients.Length - segment.Length)
                    throw new ArgumentException($"Segment {s} ({segment.Offset}, {segment.Length}) lies outside the {gradients.Length} gradients.", nameof(segments));
                float norm = ClipToNorm(gradients.Slice(segment.Offset, segment.Length), maxNorm);
                if (!norms.IsEmpty) norms[s] = norm;
            }
        }

        /// <summary>The L2 norm of <paramref name="values"/>, summed in double and rounded once to float.</summary>
        public static float L2Norm(ReadOnlySpan<float> values)
        {
            ref float v = ref MemoryMarshal.GetReference(values);
            int n = values.Length, i = 0;
            var sum = Vector<double>.Zero;
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Widen(VectorMath.Load(ref Unsafe.Add(ref v, i)), out var low, out var high);
                sum += low * low + high * high;
            }
            double total = Vector.Dot(sum, Vector<double>.One);
            for (; i < n; i++)
            {
                double x = Unsafe.Add(ref v, i);
                total += x * x;
            }
            return (float)Math.Sqrt(total);
        }

        private static float ClipToNorm(Span<float> gradients, float maxNorm)
        {
            float norm = L2Norm(gradients);
            float scale = maxNorm / (norm + NormEpsilon);
            if (scale < 1f)
            {
                var factor = new Vector<float>(scale);
                ref float g = ref MemoryMarshal.GetReference(gradients);
                int n = gradients.Length, i = 0;
                for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
                {
                    ref float gi = ref Unsafe.Add(ref g, i);
                    VectorMath.Store(VectorMath.Load(ref gi) * factor, ref gi);
                }
                for (; i < n; i++)
                    Unsafe.Add(ref g, i) *= scale;
            }
            return norm;
        }
    }
}
