using System;
using System.ComponentModel;

namespace NetGen.Generated
{
    /// <summary>
    /// Dropout in training. The mask holds each unit's derivative factor, so the backward pass is
    /// one product for both kinds: 1/(1 − p) or 0 for inverted dropout, a or 0 for alpha dropout.
    /// One uniform draw per unit, in row-major order, from the network's dropout generator.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class DropoutKernels
    {
        /// <summary>SELU's negative saturation value −λ·α (Klambauer et al. 2017), the value alpha dropout gives a dropped unit.</summary>
        public const double AlphaPrime = -1.7580993408473766;

        /// <summary>Inverted dropout in place: keeps each value with probability 1 − rate and scales it by 1/(1 − rate).</summary>
        public static void Forward(Span<float> values, Span<float> mask, float rate, NetGenRandom random, int count)
        {
            Require(values.Length >= count && mask.Length >= count, rate);
            float keepScale = 1f / (1f - rate);
            for (int i = 0; i < count; i++)
            {
                float factor = random.NextDouble() >= rate ? keepScale : 0f;
                mask[i] = factor;
                values[i] *= factor;
            }
        }

        /// <summary>
        /// Alpha dropout in place: a dropped unit becomes α′ = −λα, then y = a·x + b with
        /// a = (q + α′²·q·p)^(−1/2) and b = −a·α′·p (q = 1 − p), which keeps zero mean and unit variance.
        /// </summary>
        public static void AlphaForward(Span<float> values, Span<float> mask, float rate, NetGenRandom random, int count)
        {
            Require(values.Length >= count && mask.Length >= count, rate);
            double keep = 1.0 - rate;
            double a = 1.0 / Math.Sqrt(keep + AlphaPrime * AlphaPrime * keep * rate);
            float scale = (float)a;
            float dropped = (float)(a * AlphaPrime - a * AlphaPrime * rate);
            float shift = (float)(-a * AlphaPrime * rate);
            for (int i = 0; i < count; i++)
            {
                if (random.NextDouble() >= rate)
                {
                    mask[i] = scale;
                    values[i] = values[i] * scale + shift;
                }
                else
                {
                    mask[i] = 0f;
                    values[i] = dropped;
                }
            }
        }

        /// <summary>Backward through either kind, in place: δ ← δ ⊙ mask.</summary>
        public static void Backward(Span<float> delta, ReadOnlySpan<float> mask, int count)
        {
            if (delta.Length < count || mask.Length < count) throw new ArgumentException("A span is too short for the layer's shape and batch size.");
            for (int i = 0; i < count; i++) delta[i] *= mask[i];
        }

        private static void Require(bool lengths, float rate)
        {
            if (!lengths) throw new ArgumentException("A span is too short for the layer's shape and batch size.");
            if (!(rate >= 0f && rate < 1f)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "The dropout rate must be in [0, 1).");
        }
    }
}
