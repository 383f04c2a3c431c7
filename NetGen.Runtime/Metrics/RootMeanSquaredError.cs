using System;

namespace NetGen
{
    /// <summary>
    /// Root mean squared error of a regression network: √(mean of (prediction − target)²) over every output of every
    /// sample (Keras's <c>RootMeanSquaredError</c>). For one output it equals scikit-learn's
    /// <c>root_mean_squared_error</c>; for several, scikit-learn averages the outputs' separate RMSEs instead.
    /// </summary>
    public static class RootMeanSquaredError
    {
        /// <summary>RMSE of <paramref name="network"/>'s predictions over a data set (targets: one value per output).</summary>
        /// <exception cref="ArgumentException">The network's targets are class indices, or the arrays do not hold whole samples.</exception>
        public static double Compute(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize = 256)
            => Compute(RegressionRunner.Predict(network, inputs, targets, batchSize, "Root mean squared error"), targets);

        /// <summary>RMSE of predictions already made (for example by <c>PredictAll</c>), element by element against <paramref name="targets"/>.</summary>
        /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
        public static double Compute(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
        {
            RegressionRunner.CheckShapes(predictions, targets);
            double sum = 0;
            for (int i = 0; i < predictions.Length; i++)
            {
                double error = (double)predictions[i] - targets[i];
                sum += error * error;
            }
            return Math.Sqrt(sum / predictions.Length);
        }
    }
}
