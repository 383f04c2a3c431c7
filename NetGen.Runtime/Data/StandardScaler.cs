using System;

namespace NetGen
{
    /// <summary>
    /// Standardizes features to zero mean and unit variance, with statistics fitted on the training
    /// set only and then applied unchanged to the test set (scikit-learn's <c>StandardScaler</c>:
    /// population standard deviation, and a scale of 1 for a constant feature so it maps to 0
    /// instead of dividing by zero).
    /// </summary>
    public sealed class StandardScaler
    {
        private readonly float[] _mean;
        private readonly float[] _scale;

        private StandardScaler(float[] mean, float[] scale)
        {
            _mean = mean;
            _scale = scale;
        }

        /// <summary>Per-feature mean fitted on the training data.</summary>
        public ReadOnlySpan<float> Mean => _mean;

        /// <summary>Per-feature scale (population standard deviation, or 1 for a constant feature).</summary>
        public ReadOnlySpan<float> Scale => _scale;

        /// <summary>Fits the per-feature mean and standard deviation of row-major <paramref name="features"/>.</summary>
        public static StandardScaler Fit(ReadOnlySpan<float> features, int featureCount)
        {
            if (featureCount < 1) throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "A sample needs at least one feature.");
            if (features.IsEmpty || features.Length % featureCount != 0)
                throw new ArgumentException($"{features.Length} values are not a non-empty whole number of samples of {featureCount} features.", nameof(features));
            int samples = features.Length / featureCount;
            // Two passes in double precision: the mean first, then the squared deviations, which
            // avoids the cancellation of the one-pass E[x²] − E[x]² formula.
            var sum = new double[featureCount];
            for (int s = 0; s < samples; s++)
                for (int f = 0; f < featureCount; f++) sum[f] += features[s * featureCount + f];
            var mean = new double[featureCount];
            for (int f = 0; f < featureCount; f++) mean[f] = sum[f] / samples;
            var squares = new double[featureCount];
            for (int s = 0; s < samples; s++)
                for (int f = 0; f < featureCount; f++)
                {
                    double deviation = features[s * featureCount + f] - mean[f];
                    squares[f] += deviation * deviation;
                }
            var meanOut = new float[featureCount];
            var scaleOut = new float[featureCount];
            for (int f = 0; f < featureCount; f++)
            {
                double std = Math.Sqrt(squares[f] / samples);
                meanOut[f] = (float)mean[f];
                // scikit-learn treats a variance below ~10·ε·mean² as zero; an exact zero test is enough for float data.
                scaleOut[f] = std > 0 ? (float)std : 1f;
            }
            return new StandardScaler(meanOut, scaleOut);
        }

        /// <summary>Standardizes row-major <paramref name="features"/> in place: (x − mean) / scale.</summary>
        public void Transform(Span<float> features)
        {
            int width = _mean.Length;
            if (features.Length % width != 0)
                throw new ArgumentException($"{features.Length} values are not a whole number of samples of {width} features.", nameof(features));
            for (int start = 0; start < features.Length; start += width)
            {
                var row = features.Slice(start, width);
                for (int f = 0; f < width; f++) row[f] = (row[f] - _mean[f]) / _scale[f];
            }
        }

        /// <summary>Undoes <see cref="Transform"/> in place: x · scale + mean.</summary>
        public void InverseTransform(Span<float> features)
        {
            int width = _mean.Length;
            if (features.Length % width != 0)
                throw new ArgumentException($"{features.Length} values are not a whole number of samples of {width} features.", nameof(features));
            for (int start = 0; start < features.Length; start += width)
            {
                var row = features.Slice(start, width);
                for (int f = 0; f < width; f++) row[f] = row[f] * _scale[f] + _mean[f];
            }
        }
    }
}
