using System;
using System.ComponentModel;

namespace NetGen.Generated
{
    /// <summary>
    /// Input normalization with Keras's <c>Normalization</c> semantics, y = (x − mean)/max(√variance, 1e-7)
    /// per feature, over row-major [rows × features] inputs, and its statistics kept in the first
    /// 2·features + 1 values of a network's state: mean, then variance, then the number of rows adapted on.
    /// </summary>
    /// <remarks>
    /// Every value is computed with one subtraction and one division of exactly rounded IEEE operations, in
    /// the same order wherever it is computed, so results do not depend on the vector width.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class NormalizationKernels
    {
        /// <summary>Keras's <c>backend.epsilon()</c>: the smallest standard deviation divided by.</summary>
        public const float Epsilon = 1e-7f;

        /// <summary>The divisor of a feature: max(√variance, 1e-7) (a NaN variance stays NaN).</summary>
        public static float StandardDeviation(float variance) => float.IsNaN(variance) ? variance : MathF.Max(MathF.Sqrt(variance), Epsilon);

        /// <summary>Sets the statistics to those of a network never adapted: mean 0, variance 1, count 0.</summary>
        public static void Reset(Span<float> state, int features)
        {
            Require(state.Length >= LayerLayout.NormalizationStateCount(features));
            state.Slice(0, features).Clear();
            state.Slice(features, features).Fill(1f);
            state[2 * features] = 0f;
        }

        /// <summary>
        /// Sets mean and (population) variance from <paramref name="features"/> ([rows × width]), computed in
        /// double with two passes (the mean, then the squared deviations from it), and the count to the rows.
        /// </summary>
        /// <exception cref="ArgumentException">The data is empty, not whole rows, or holds a value that is not finite (named by row and column).</exception>
        public static void Adapt(ReadOnlySpan<float> features, int width, Span<float> state)
        {
            Require(width > 0 && state.Length >= LayerLayout.NormalizationStateCount(width));
            if (features.IsEmpty || features.Length % width != 0)
                throw new ArgumentException($"Adapt needs whole rows of {width} features, at least one; got {features.Length} values.", nameof(features));
            int rows = features.Length / width;
            var sum = new double[width];
            for (int r = 0; r < rows; r++)
            {
                var row = features.Slice(r * width, width);
                for (int f = 0; f < width; f++)
                {
                    float value = row[f];
                    if (!float.IsFinite(value))
                        throw new ArgumentException(
                            $"features row {r}, column {f} (rows and columns count from 0) is {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}: " +
                            "the normalization's statistics need finite features; remove or impute it.", nameof(features));
                    sum[f] += value;
                }
            }
            for (int f = 0; f < width; f++) sum[f] /= rows;
            var squares = new double[width];
            for (int r = 0; r < rows; r++)
            {
                var row = features.Slice(r * width, width);
                for (int f = 0; f < width; f++)
                {
                    double deviation = row[f] - sum[f];
                    squares[f] += deviation * deviation;
                }
            }
            for (int f = 0; f < width; f++)
            {
                state[f] = (float)sum[f];
                state[width + f] = (float)(squares[f] / rows);
            }
            state[2 * width] = rows;
        }

        /// <summary>outputs = (inputs − mean)/max(√variance, 1e-7), row by row; <paramref name="state"/> starts with the mean and variance.</summary>
        public static void Normalize(ReadOnlySpan<float> inputs, ReadOnlySpan<float> state, Span<float> outputs, int rows, int features)
        {
            Require(SizeMath.Fits(inputs.Length, rows, features) && SizeMath.Fits(outputs.Length, rows, features) && state.Length >= 2 * features);
            var mean = state.Slice(0, features);
            var variance = state.Slice(features, features);
            for (int f = 0; f < features; f++)
            {
                float m = mean[f], std = StandardDeviation(variance[f]);
                for (int r = 0; r < rows; r++) outputs[r * features + f] = (inputs[r * features + f] - m) / std;
            }
        }

        /// <summary>
        /// Chains input gradients through the normalization: ∂L/∂x = ∂L/∂y / max(√variance, 1e-7), in place
        /// over [rows × features] (the mean shifts, so it does not scale).
        /// </summary>
        public static void InputGradients(Span<float> gradients, ReadOnlySpan<float> state, int rows, int features)
        {
            Require(SizeMath.Fits(gradients.Length, rows, features) && state.Length >= 2 * features);
            var variance = state.Slice(features, features);
            for (int f = 0; f < features; f++)
            {
                float std = StandardDeviation(variance[f]);
                for (int r = 0; r < rows; r++) gradients[r * features + f] /= std;
            }
        }

        /// <summary>
        /// Folds the normalization into the first dense layer: W′ = W/std per input row, b′ = b − Σᵢ meanᵢ·W′ᵢ
        /// (the sum in double), so that x·W′ + b′ = ((x − mean)/std)·W + b. An empty bias is zero. A feature with
        /// variance below 1e-14 (constant in the adapted data) folds to a zero row: it contributes 0, which is what
        /// normalization gives for its adapted value; Keras would return (x − mean)·1e7 for any other value.
        /// </summary>
        public static void Fold(ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, ReadOnlySpan<float> state,
            Span<float> foldedKernel, Span<float> foldedBias, int inputs, int units)
        {
            Require(SizeMath.Fits(kernel.Length, inputs, units) && SizeMath.Fits(foldedKernel.Length, inputs, units)
                    && foldedBias.Length >= units && state.Length >= 2 * inputs && (bias.IsEmpty || bias.Length >= units));
            for (int i = 0; i < inputs; i++)
            {
                float variance = state[inputs + i];
                var row = kernel.Slice(i * units, units);
                var folded = foldedKernel.Slice(i * units, units);
                // A feature constant in the adapted data (std clamped at 1e-7) normalizes to 0 on such data, but its
                // folded row W/1e-7 and shift would cancel catastrophically in float: fold it as 0 (the feature is ignored).
                if (variance < Epsilon * Epsilon)
                {
                    folded.Clear();
                    continue;
                }
                float std = StandardDeviation(variance);
                for (int j = 0; j < units; j++) folded[j] = row[j] / std;
            }
            // Column by column so the sums need no buffer: a refold allocates nothing.
            for (int j = 0; j < units; j++)
            {
                double shift = 0;
                for (int i = 0; i < inputs; i++) shift += (double)state[i] * foldedKernel[i * units + j];
                foldedBias[j] = (float)((bias.IsEmpty ? 0.0 : bias[j]) - shift);
            }
        }

        private static void Require(bool condition)
        {
            if (!condition) throw new ArgumentException("Normalization buffers do not match the sizes given.");
        }
    }
}
