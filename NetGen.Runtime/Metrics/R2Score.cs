using System;

namespace NetGen
{
    /// <summary>
    /// The coefficient of determination R² = 1 − Σ(target − prediction)² / Σ(target − mean target)², as scikit-learn's
    /// <c>r2_score</c> (and Keras's <c>R2Score</c>) define it: computed per output and averaged with equal weights
    /// (<c>multioutput="uniform_average"</c>). 1 is a perfect fit, 0 is no better than predicting the mean, and it is
    /// negative for worse. An output whose targets are all equal scores 1 when predicted exactly, else 0
    /// (scikit-learn's <c>force_finite=True</c>).
    /// </summary>
    public static class R2Score
    {
        /// <summary>R² of <paramref name="network"/>'s predictions over a data set (targets: one value per output).</summary>
        /// <exception cref="ArgumentException">The network's targets are class indices, the arrays do not hold whole samples, or there are fewer than 2 samples.</exception>
        public static double Compute(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize = 256)
        {
            var predictions = RegressionRunner.Predict(network, inputs, targets, batchSize, "R²");
            return Compute(predictions, targets, network.OutputSize);
        }

        /// <summary>R² of predictions already made, row-major [samples × <paramref name="outputCount"/>] like <paramref name="targets"/>.</summary>
        /// <exception cref="ArgumentException">The spans differ in length, do not hold whole samples, or hold fewer than 2 samples (R² is undefined for one).</exception>
        public static double Compute(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int outputCount = 1)
        {
            if (outputCount < 1) throw new ArgumentOutOfRangeException(nameof(outputCount), outputCount, "There must be at least one output.");
            RegressionRunner.CheckShapes(predictions, targets);
            int samples = targets.Length / outputCount;
            if (samples * outputCount != targets.Length)
                throw new ArgumentException($"{targets.Length} targets are not whole samples of {outputCount} outputs.", nameof(targets));
            if (samples < 2) throw new ArgumentException("R² needs at least 2 samples: the spread of one target is undefined.", nameof(targets));

            double total = 0;
            for (int j = 0; j < outputCount; j++)
            {
                double mean = 0;
                for (int s = 0; s < samples; s++) mean += targets[s * outputCount + j];
                mean /= samples;
                double residual = 0, spread = 0;
                for (int s = 0; s < samples; s++)
                {
                    double target = targets[s * outputCount + j];
                    double error = target - predictions[s * outputCount + j];
                    residual += error * error;
                    spread += (target - mean) * (target - mean);
                }
                total += spread == 0 ? (residual == 0 ? 1 : 0) : 1 - residual / spread;
            }
            return total / outputCount;
        }
    }
}
