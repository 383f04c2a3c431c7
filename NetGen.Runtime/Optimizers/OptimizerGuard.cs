using System;

namespace NetGen
{
    /// <summary>Argument checks and lazy buffer allocation shared by the optimizers.</summary>
    internal static class OptimizerGuard
    {
        public static float LearningRate(float value, string name)
        {
            if (!(value > 0f) || float.IsInfinity(value))
                throw new ArgumentOutOfRangeException(name, value, "The learning rate must be a positive finite number.");
            return value;
        }

        public static float NonNegative(float value, string name)
        {
            if (!(value >= 0f) || float.IsInfinity(value))
                throw new ArgumentOutOfRangeException(name, value, "The value must be a non-negative finite number.");
            return value;
        }

        public static float Positive(float value, string name)
        {
            if (!(value > 0f) || float.IsInfinity(value))
                throw new ArgumentOutOfRangeException(name, value, "The value must be a positive finite number.");
            return value;
        }

        /// <summary>A decay rate in [0, 1).</summary>
        public static float UnitInterval(float value, string name)
        {
            if (!(value >= 0f && value < 1f))
                throw new ArgumentOutOfRangeException(name, value, "The value must lie in [0, 1).");
            return value;
        }

        /// <summary>
        /// Widens a float hyperparameter to the double its shortest decimal form names, so 0.99f
        /// becomes 0.99 rather than 0.9900000095…; complements such as 1 − β₂ and bias corrections
        /// then equal those of frameworks that keep Python doubles (1 − 0.999f is 1.3e-5 off
        /// 0.001 relative). The decimal conversion keeps 7 significant digits and allocates nothing.
        /// </summary>
        public static double Widen(float value)
        {
            float magnitude = Math.Abs(value);
            if (!(magnitude >= 1e-12f && magnitude <= 1e12f)) return value;
            return (double)(decimal)value;
        }

        public static void SameLength(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            if (parameters.Length != gradients.Length)
                throw new ArgumentException("Parameters and gradients must have the same length.", nameof(gradients));
        }

        /// <summary>Returns <paramref name="buffer"/>, allocating it (filled with <paramref name="initial"/>) on first use.</summary>
        public static float[] Buffer(ref float[]? buffer, int length, float initial = 0f)
        {
            if (buffer is null)
            {
                buffer = new float[length];
                if (initial != 0f) buffer.AsSpan().Fill(initial);
            }
            else if (buffer.Length != length)
            {
                throw new ArgumentException(
                    $"The optimizer's state has {buffer.Length} values but the parameter buffer has {length}; use one optimizer per parameter buffer.",
                    "parameters");
            }
            return buffer;
        }
    }
}
