using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Generated
{
    /// <summary>
    /// Batch normalization over row-major [batch × units] activations (Ioffe and Szegedy 2015). All
    /// loops run along the units, so they vectorize; statistics are per unit over the batch.
    /// Normalization uses the biased batch variance (both frameworks); the moving variance is updated
    /// with the unbiased one, n/(n−1)·σ², as PyTorch does (Keras keeps the biased one).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class BatchNormKernels
    {
        /// <summary>
        /// Training-mode forward: x̂ = (x − μ_B)/√(σ²_B + ε), y = γ·x̂ + β, a = f(y). Writes x̂ to
        /// <paramref name="normalized"/>, μ_B and 1/√(σ²_B + ε) to <paramref name="statistics"/>
        /// ([2 × units]), y to <paramref name="preActivation"/> unless it is empty, a to
        /// <paramref name="output"/>, and updates the moving averages with Keras's momentum:
        /// m ← momentum·m + (1 − momentum)·batch value. Empty gamma/beta mean 1/0.
        /// </summary>
        public static void ForwardTraining<TActivation>(ReadOnlySpan<float> input, Span<float> normalized, Span<float> statistics,
            ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> preActivation, Span<float> output,
            Span<float> movingMean, Span<float> movingVariance, float momentum, float epsilon, int batchSize, int units, TActivation activation)
            where TActivation : struct, IActivation
        {
            if (batchSize < 2)
                throw new InvalidOperationException("Batch normalization needs at least 2 samples per training batch to estimate a variance (PyTorch raises too); use a larger batch or predict in inference mode.");
            Require(SizeMath.IsCount(batchSize, units));
            int count = batchSize * units;
            Require(input.Length >= count && normalized.Length >= count && output.Length >= count && SizeMath.Fits(statistics.Length, 2, units)
                    && (preActivation.IsEmpty || preActivation.Length >= count) && movingMean.Length >= units && movingVariance.Length >= units
                    && (gamma.IsEmpty || gamma.Length >= units) && (beta.IsEmpty || beta.Length >= units));
            var mean = statistics.Slice(0, units);
            var inverseStd = statistics.Slice(units, units);

            // Two passes (mean, then squared deviations) for accuracy; the sums go in the statistics rows.
            mean.Clear();
            for (int r = 0; r < batchSize; r++) AddInto(mean, input.Slice(r * units, units));
            Scale(mean, 1f / batchSize);
            inverseStd.Clear();
            for (int r = 0; r < batchSize; r++) AddSquaredDeviation(inverseStd, input.Slice(r * units, units), mean);
            float unbiased = (float)batchSize / (batchSize - 1);
            for (int j = 0; j < units; j++)
            {
                float variance = inverseStd[j] / batchSize;
                movingMean[j] = momentum * movingMean[j] + (1f - momentum) * mean[j];
                movingVariance[j] = momentum * movingVariance[j] + (1f - momentum) * variance * unbiased;
                inverseStd[j] = 1f / MathF.Sqrt(variance + epsilon);
            }

            for (int r = 0; r < batchSize; r++)
            {
                var x = input.Slice(r * units, units);
                var xHat = normalized.Slice(r * units, units);
                var y = preActivation.IsEmpty ? default : preActivation.Slice(r * units, units);
                var a = output.Slice(r * units, units);
                Normalize(x, mean, inverseStd, gamma, beta, xHat, y, a, activation);
            }
        }

        /// <summary>
        /// Training-mode backward, in place: turns ∂L/∂y in <paramref name="delta"/> into ∂L/∂x,
        /// ∂L/∂x = γ/(N·√(σ²+ε)) · (N·∂L/∂y − Σ∂L/∂y − x̂·Σ(∂L/∂y·x̂)); writes ∂L/∂γ = Σ ∂L/∂y·x̂
        /// and ∂L/∂β = Σ ∂L/∂y unless their spans are empty.
        /// </summary>
        public static void Backward(Span<float> delta, ReadOnlySpan<float> normalized, ReadOnlySpan<float> statistics, ReadOnlySpan<float> gamma,
            Span<float> gammaGradient, Span<float> betaGradient, Span<float> scratch, int batchSize, int units)
        {
            Require(SizeMath.IsCount(batchSize, units));
            int count = batchSize * units;
            Require(delta.Length >= count && normalized.Length >= count && SizeMath.Fits(statistics.Length, 2, units) && SizeMath.Fits(scratch.Length, 2, units)
                    && (gamma.IsEmpty || gamma.Length >= units) && (gammaGradient.IsEmpty || gammaGradient.Length >= units)
                    && (betaGradient.IsEmpty || betaGradient.Length >= units));
            var sumDelta = scratch.Slice(0, units);
            var sumDeltaXHat = scratch.Slice(units, units);
            sumDelta.Clear();
            sumDeltaXHat.Clear();
            for (int r = 0; r < batchSize; r++)
            {
                var d = delta.Slice(r * units, units);
                AddInto(sumDelta, d);
                AddProduct(sumDeltaXHat, d, normalized.Slice(r * units, units));
            }
            if (!gammaGradient.IsEmpty) sumDeltaXHat.CopyTo(gammaGradient);
            if (!betaGradient.IsEmpty) sumDelta.CopyTo(betaGradient);

            // Fold the per-unit factors once: ∂L/∂x = k·(∂L/∂y − Σ∂L/∂y/N − x̂·Σ(∂L/∂y·x̂)/N), k = γ/√(σ²+ε).
            var inverseStd = statistics.Slice(units, units);
            float inverseBatch = 1f / batchSize;
            for (int j = 0; j < units; j++)
            {
                sumDelta[j] *= inverseBatch;
                sumDeltaXHat[j] *= inverseBatch;
            }
            // ∂L/∂x row by row with k = γ/√(σ²+ε) per unit.
            for (int r = 0; r < batchSize; r++)
                BackwardRow(delta.Slice(r * units, units), normalized.Slice(r * units, units), gamma, inverseStd, sumDelta, sumDeltaXHat);
        }

        private static void BackwardRow(Span<float> delta, ReadOnlySpan<float> xHat, ReadOnlySpan<float> gamma, ReadOnlySpan<float> inverseStd,
            ReadOnlySpan<float> meanDelta, ReadOnlySpan<float> meanDeltaXHat)
        {
            int units = delta.Length;
            ref float d = ref MemoryMarshal.GetReference(delta);
            ref float x = ref MemoryMarshal.GetReference(xHat);
            ref float g = ref MemoryMarshal.GetReference(gamma);
            ref float s = ref MemoryMarshal.GetReference(inverseStd);
            ref float md = ref MemoryMarshal.GetReference(meanDelta);
            ref float mx = ref MemoryMarshal.GetReference(meanDeltaXHat);
            bool hasGamma = !gamma.IsEmpty;
            int j = 0;
            for (; j <= units - Vector<float>.Count; j += Vector<float>.Count)
            {
                var k = VectorMath.Load(ref Unsafe.Add(ref s, j));
                if (hasGamma) k = VectorMath.Load(ref Unsafe.Add(ref g, j)) * k;
                var value = VectorMath.Load(ref Unsafe.Add(ref d, j)) - VectorMath.Load(ref Unsafe.Add(ref md, j))
                    - VectorMath.Load(ref Unsafe.Add(ref x, j)) * VectorMath.Load(ref Unsafe.Add(ref mx, j));
                VectorMath.Store(k * value, ref Unsafe.Add(ref d, j));
            }
            for (; j < units; j++)
            {
                float k = (hasGamma ? Unsafe.Add(ref g, j) : 1f) * Unsafe.Add(ref s, j);
                Unsafe.Add(ref d, j) = k * (Unsafe.Add(ref d, j) - Unsafe.Add(ref md, j) - Unsafe.Add(ref x, j) * Unsafe.Add(ref mx, j));
            }
        }

        /// <summary>
        /// The inference-mode transform as an affine map per unit: scale = γ/√(moving σ² + ε) and
        /// shift = β − moving μ·scale, so y = x·scale + shift.
        /// </summary>
        public static void InferenceAffine(ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, ReadOnlySpan<float> movingMean, ReadOnlySpan<float> movingVariance,
            float epsilon, Span<float> scale, Span<float> shift, int units)
        {
            for (int j = 0; j < units; j++)
            {
                float s = (gamma.IsEmpty ? 1f : gamma[j]) / MathF.Sqrt(movingVariance[j] + epsilon);
                scale[j] = s;
                shift[j] = (beta.IsEmpty ? 0f : beta[j]) - movingMean[j] * s;
            }
        }

        /// <summary>
        /// Folds inference-mode batch normalization into the dense layer before it:
        /// W′[i, j] = W[i, j]·scale_j and b′_j = b_j·scale_j + shift_j (b = 0 without a bias).
        /// </summary>
        public static void Fold(ReadOnlySpan<float> kernel, ReadOnlySpan<float> bias, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift,
            Span<float> foldedKernel, Span<float> foldedBias, int inputs, int units)
        {
            Require(SizeMath.Fits(kernel.Length, inputs, units) && SizeMath.Fits(foldedKernel.Length, inputs, units) && foldedBias.Length >= units);
            for (int i = 0; i < inputs; i++)
                Multiply(kernel.Slice(i * units, units), scale, foldedKernel.Slice(i * units, units));
            for (int j = 0; j < units; j++) foldedBias[j] = (bias.IsEmpty ? 0f : bias[j]) * scale[j] + shift[j];
        }

        /// <summary>y = x·scale + shift per unit, over a batch (batch normalization in inference mode, in place allowed).</summary>
        public static void ApplyAffine(ReadOnlySpan<float> input, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift, Span<float> output, int batchSize, int units)
        {
            Require(SizeMath.Fits(input.Length, batchSize, units) && SizeMath.Fits(output.Length, batchSize, units) && scale.Length >= units && shift.Length >= units);
            for (int r = 0; r < batchSize; r++)
            {
                var x = input.Slice(r * units, units);
                var y = output.Slice(r * units, units);
                int j = 0;
                ref float xs = ref MemoryMarshal.GetReference(x);
                ref float ys = ref MemoryMarshal.GetReference(y);
                ref float s = ref MemoryMarshal.GetReference(scale);
                ref float t = ref MemoryMarshal.GetReference(shift);
                for (; j <= units - Vector<float>.Count; j += Vector<float>.Count)
                    VectorMath.Store(VectorMath.MultiplyAdd(VectorMath.Load(ref Unsafe.Add(ref xs, j)), VectorMath.Load(ref Unsafe.Add(ref s, j)), VectorMath.Load(ref Unsafe.Add(ref t, j))), ref Unsafe.Add(ref ys, j));
                for (; j < units; j++) Unsafe.Add(ref ys, j) = VectorMath.MultiplyAdd(Unsafe.Add(ref xs, j), Unsafe.Add(ref s, j), Unsafe.Add(ref t, j));
            }
        }

        /// <summary>Multiplies every row by a per-unit factor in place (backward through inference-mode batch norm).</summary>
        public static void ScaleColumns(Span<float> values, ReadOnlySpan<float> scale, int batchSize, int units)
        {
            Require(SizeMath.Fits(values.Length, batchSize, units) && scale.Length >= units);
            for (int r = 0; r < batchSize; r++)
            {
                var row = values.Slice(r * units, units);
                for (int j = 0; j < units; j++) row[j] *= scale[j];
            }
        }

        private static void Normalize<TActivation>(ReadOnlySpan<float> x, ReadOnlySpan<float> mean, ReadOnlySpan<float> inverseStd,
            ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> xHat, Span<float> y, Span<float> a, TActivation activation)
            where TActivation : struct, IActivation
        {
            int units = x.Length;
            bool hasGamma = !gamma.IsEmpty, hasBeta = !beta.IsEmpty, keepY = !y.IsEmpty;
            ref float xs = ref MemoryMarshal.GetReference(x);
            ref float m = ref MemoryMarshal.GetReference(mean);
            ref float s = ref MemoryMarshal.GetReference(inverseStd);
            ref float g = ref MemoryMarshal.GetReference(gamma);
            ref float b = ref MemoryMarshal.GetReference(beta);
            ref float xh = ref MemoryMarshal.GetReference(xHat);
            ref float ys = ref MemoryMarshal.GetReference(y);
            ref float output = ref MemoryMarshal.GetReference(a);
            int j = 0;
            for (; j <= units - Vector<float>.Count; j += Vector<float>.Count)
            {
                var normalizedValue = (VectorMath.Load(ref Unsafe.Add(ref xs, j)) - VectorMath.Load(ref Unsafe.Add(ref m, j))) * VectorMath.Load(ref Unsafe.Add(ref s, j));
                VectorMath.Store(normalizedValue, ref Unsafe.Add(ref xh, j));
                var scaled = hasGamma ? normalizedValue * VectorMath.Load(ref Unsafe.Add(ref g, j)) : normalizedValue;
                if (hasBeta) scaled += VectorMath.Load(ref Unsafe.Add(ref b, j));
                if (keepY) VectorMath.Store(scaled, ref Unsafe.Add(ref ys, j));
                VectorMath.Store(activation.Forward(scaled), ref Unsafe.Add(ref output, j));
            }
            for (; j < units; j++)
            {
                float normalizedValue = (Unsafe.Add(ref xs, j) - Unsafe.Add(ref m, j)) * Unsafe.Add(ref s, j);
                Unsafe.Add(ref xh, j) = normalizedValue;
                // The vector body's operations exactly (no ·1 or +0, which would turn −0 into +0).
                float scaled = hasGamma ? normalizedValue * Unsafe.Add(ref g, j) : normalizedValue;
                if (hasBeta) scaled += Unsafe.Add(ref b, j);
                if (keepY) Unsafe.Add(ref ys, j) = scaled;
                Unsafe.Add(ref output, j) = activation.Forward(scaled);
            }
        }

        private static void AddInto(Span<float> sum, ReadOnlySpan<float> values)
        {
            ref float s = ref MemoryMarshal.GetReference(sum);
            ref float v = ref MemoryMarshal.GetReference(values);
            int j = 0;
            for (; j <= values.Length - Vector<float>.Count; j += Vector<float>.Count)
                VectorMath.Store(VectorMath.Load(ref Unsafe.Add(ref s, j)) + VectorMath.Load(ref Unsafe.Add(ref v, j)), ref Unsafe.Add(ref s, j));
            for (; j < values.Length; j++) Unsafe.Add(ref s, j) += Unsafe.Add(ref v, j);
        }

        private static void AddProduct(Span<float> sum, ReadOnlySpan<float> left, ReadOnlySpan<float> right)
        {
            ref float s = ref MemoryMarshal.GetReference(sum);
            ref float l = ref MemoryMarshal.GetReference(left);
            ref float r = ref MemoryMarshal.GetReference(right);
            int j = 0;
            for (; j <= left.Length - Vector<float>.Count; j += Vector<float>.Count)
                VectorMath.Store(VectorMath.MultiplyAdd(VectorMath.Load(ref Unsafe.Add(ref l, j)), VectorMath.Load(ref Unsafe.Add(ref r, j)), VectorMath.Load(ref Unsafe.Add(ref s, j))), ref Unsafe.Add(ref s, j));
            for (; j < left.Length; j++) Unsafe.Add(ref s, j) = VectorMath.MultiplyAdd(Unsafe.Add(ref l, j), Unsafe.Add(ref r, j), Unsafe.Add(ref s, j));
        }

        private static void AddSquaredDeviation(Span<float> sum, ReadOnlySpan<float> values, ReadOnlySpan<float> mean)
        {
            ref float s = ref MemoryMarshal.GetReference(sum);
            ref float v = ref MemoryMarshal.GetReference(values);
            ref float m = ref MemoryMarshal.GetReference(mean);
            int j = 0;
            for (; j <= values.Length - Vector<float>.Count; j += Vector<float>.Count)
            {
                var deviation = VectorMath.Load(ref Unsafe.Add(ref v, j)) - VectorMath.Load(ref Unsafe.Add(ref m, j));
                VectorMath.Store(VectorMath.Load(ref Unsafe.Add(ref s, j)) + deviation * deviation, ref Unsafe.Add(ref s, j));
            }
            for (; j < values.Length; j++)
            {
                float deviation = Unsafe.Add(ref v, j) - Unsafe.Add(ref m, j);
                Unsafe.Add(ref s, j) += deviation * deviation;
            }
        }

        private static void Multiply(ReadOnlySpan<float> values, ReadOnlySpan<float> factors, Span<float> destination)
        {
            for (int j = 0; j < values.Length; j++) destination[j] = values[j] * factors[j];
        }

        private static void Scale(Span<float> values, float factor)
        {
            for (int j = 0; j < values.Length; j++) values[j] *= factor;
        }

        private static void Require(bool condition)
        {
            if (!condition) throw new ArgumentException("A span is too short for the layer's shape and batch size.");
        }
    }
}
