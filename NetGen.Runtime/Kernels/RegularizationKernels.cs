using System;
using System.ComponentModel;

namespace NetGen.Generated
{
    /// <summary>Kernel penalties and constraints with Keras's definitions.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class RegularizationKernels
    {
        /// <summary>
        /// Adds the L1/L2 penalty's gradient to <paramref name="kernelGradient"/> and returns the
        /// penalty, l1·Σ|w| + l2·Σw² (Keras <c>L1L2</c>; the gradient is l1·sign(w) + 2·l2·w, sign(0) = 0).
        /// </summary>
        public static float AddPenalty(ReadOnlySpan<float> kernel, Span<float> kernelGradient, float l1, float l2)
        {
            if (kernelGradient.Length < kernel.Length) throw new ArgumentException("The gradient is shorter than the kernel.", nameof(kernelGradient));
            double penalty = 0;
            for (int i = 0; i < kernel.Length; i++)
            {
                float w = kernel[i];
                penalty += l1 * Math.Abs(w) + l2 * (double)w * w;
                kernelGradient[i] += l1 * Math.Sign(w) + 2f * l2 * w;
            }
            return (float)penalty;
        }

        /// <summary>The penalty alone (for evaluation), l1·Σ|w| + l2·Σw².</summary>
        public static float Penalty(ReadOnlySpan<float> kernel, float l1, float l2)
        {
            double penalty = 0;
            foreach (float w in kernel) penalty += l1 * Math.Abs(w) + l2 * (double)w * w;
            return (float)penalty;
        }

        /// <summary>
        /// Keras's <c>MaxNorm(max_value, axis=0)</c> on a [inputs × units] kernel: each unit's incoming
        /// weight vector w_j is rescaled by clip(‖w_j‖, 0, max)/(ε + ‖w_j‖), with ε = 1e-7.
        /// </summary>
        public static void ApplyMaxNorm(Span<float> kernel, int inputs, int units, float maxNorm, Span<float> scratch)
        {
            if (!SizeMath.Fits(kernel.Length, inputs, units) || scratch.Length < units) throw new ArgumentException("A span is too short for the layer's shape.");
            var norms = scratch.Slice(0, units);
            norms.Clear();
            for (int i = 0; i < inputs; i++)
            {
                var row = kernel.Slice(i * units, units);
                for (int j = 0; j < units; j++) norms[j] += row[j] * row[j];
            }
            for (int j = 0; j < units; j++)
            {
                float norm = MathF.Sqrt(norms[j]);
                norms[j] = Math.Min(norm, maxNorm) / (1e-7f + norm);
            }
            for (int i = 0; i < inputs; i++)
            {
                var row = kernel.Slice(i * units, units);
                for (int j = 0; j < units; j++) row[j] *= norms[j];
            }
        }
    }
}
