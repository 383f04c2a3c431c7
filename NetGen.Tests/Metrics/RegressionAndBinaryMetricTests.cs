using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Metrics;

/// <summary>
/// RMSE and R² against cases worked out by hand (the examples of scikit-learn's <c>r2_score</c> and
/// <c>root_mean_squared_error</c> documentation, recomputed in the comments), and the binary confusion matrix
/// against predictions counted one by one.
/// </summary>
public class RegressionAndBinaryMetricTests
{
    private static readonly float[] ExampleTargets = { 3f, -0.5f, 2f, 7f };
    private static readonly float[] ExamplePredictions = { 2.5f, 0f, 2f, 8f };

    [Fact]
    public void R2_matches_the_hand_computed_single_output_cases()
    {
        // mean 2.875; Σ(y − ȳ)² = 0.015625 + 11.390625 + 0.765625 + 17.015625 = 29.1875; Σ(y − ŷ)² = 0.25 + 0.25 + 0 + 1 = 1.5.
        Assert.Equal(1 - 1.5 / 29.1875, R2Score.Compute(ExamplePredictions, ExampleTargets), 12);
        // [1, 2, 3] predicted as [3, 2, 1]: 1 − 8 / 2 = −3.
        Assert.Equal(-3.0, R2Score.Compute(new float[] { 3, 2, 1 }, new float[] { 1, 2, 3 }), 12);
        // Constant targets (force_finite=True): exact → 1, anything else → 0.
        Assert.Equal(1.0, R2Score.Compute(new float[] { -2, -2, -2 }, new float[] { -2, -2, -2 }));
        Assert.Equal(0.0, R2Score.Compute(new float[] { -2, -2, -1.99f }, new float[] { -2, -2, -2 }));
    }

    [Fact]
    public void R2_averages_the_outputs_with_equal_weights()
    {
        // y = [[0.5, 1], [-1, 1], [7, -6]], ŷ = [[0, 2], [-1, 2], [8, -5]].
        // Output 0: ȳ = 13/6, Σ(y − ȳ)² = 217/6, Σ(y − ŷ)² = 1.25 → 1 − 7.5/217.
        // Output 1: ȳ = −4/3, Σ(y − ȳ)² = 98/3, Σ(y − ŷ)² = 3 → 1 − 9/98.
        float[] targets = { 0.5f, 1, -1, 1, 7, -6 };
        float[] predictions = { 0, 2, -1, 2, 8, -5 };
        double expected = ((1 - 7.5 / 217) + (1 - 9.0 / 98)) / 2;
        Assert.Equal(expected, R2Score.Compute(predictions, targets, outputCount: 2), 12);
        Assert.Equal(0.9368, expected, 4); // scikit-learn's documented 0.936…
    }

    [Fact]
    public void Rmse_is_the_root_of_the_mean_of_every_squared_error()
    {
        // Squared errors 0.25, 0.25, 0, 1: mean 0.375.
        Assert.Equal(Math.Sqrt(0.375), RootMeanSquaredError.Compute(ExamplePredictions, ExampleTargets), 12);
        Assert.Equal(0.0, RootMeanSquaredError.Compute(ExampleTargets, ExampleTargets));
    }

    [Fact]
    public void Misshapen_regression_inputs_are_refused()
    {
        Assert.Throws<ArgumentException>(() => RootMeanSquaredError.Compute(new float[3], new float[4]));
        Assert.Throws<ArgumentException>(() => R2Score.Compute(new float[1], new float[1]));
        Assert.Throws<ArgumentException>(() => R2Score.Compute(new float[5], new float[5], outputCount: 2));
        Assert.Throws<ArgumentException>(() => RootMeanSquaredError.Compute(new CompactDigitsNet(1), new float[64], new float[1]));
        Assert.Throws<ArgumentException>(() => R2Score.Compute(new CompactDigitsNet(1), new float[128], new float[2]));
    }

    [Fact]
    public void Network_regression_metrics_agree_with_predictions_scored_one_by_one()
    {
        var random = new NetGenRandom(4);
        const int samples = 13;
        var inputs = new float[samples * 7];
        var targets = new float[samples * 2];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextNormal();
        for (int i = 0; i < targets.Length; i++) targets[i] = (float)random.NextDouble();
        var network = new PerLayerRegressionNet(4);

        var outputs = new float[samples * 2];
        for (int s = 0; s < samples; s++) network.Predict(inputs.AsSpan(s * 7, 7), outputs.AsSpan(s * 2, 2));
        double squared = 0;
        var residual = new double[2];
        var spread = new double[2];
        for (int j = 0; j < 2; j++)
        {
            double mean = 0;
            for (int s = 0; s < samples; s++) mean += targets[s * 2 + j] / (double)samples;
            for (int s = 0; s < samples; s++)
            {
                double error = targets[s * 2 + j] - (double)outputs[s * 2 + j];
                squared += error * error;
                residual[j] += error * error;
                spread[j] += (targets[s * 2 + j] - mean) * (targets[s * 2 + j] - mean);
            }
        }
        double r2 = (1 - residual[0] / spread[0] + 1 - residual[1] / spread[1]) / 2;

        Assert.Equal(Math.Sqrt(squared / (samples * 2)), RootMeanSquaredError.Compute(network, inputs, targets, batchSize: 4), 9);
        Assert.Equal(r2, R2Score.Compute(network, inputs, targets, batchSize: 5), 9);
    }

    [Fact]
    public void A_binary_network_gets_a_two_by_two_matrix_thresholded_at_one_half()
    {
        var random = new NetGenRandom(11);
        const int samples = 40;
        var inputs = new float[samples * 7];
        var targets = new float[samples];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextNormal() * 3;
        for (int s = 0; s < samples; s++) targets[s] = random.NextInt(2);
        var network = new GradSigmoidBinaryCrossEntropyNet(5);

        var matrix = ConfusionMatrix.Compute(network, inputs, targets, batchSize: 6);

        var counts = new long[2, 2];
        var probability = new float[1];
        for (int s = 0; s < samples; s++)
        {
            network.Predict(inputs.AsSpan(s * 7, 7), probability);
            Assert.InRange(probability[0], 0f, 1f);
            counts[(int)targets[s], probability[0] > 0.5f ? 1 : 0]++;
        }
        Assert.Equal(2, matrix.Classes);
        Assert.Equal(samples, matrix.Total);
        for (int a = 0; a < 2; a++)
            for (int p = 0; p < 2; p++)
                Assert.Equal(counts[a, p], matrix[a, p]);
        long truePositive = counts[1, 1], falsePositive = counts[0, 1], falseNegative = counts[1, 0];
        Assert.Equal(truePositive + falsePositive == 0 ? 0 : (double)truePositive / (truePositive + falsePositive), matrix.Precision(1), 12);
        Assert.Equal((double)truePositive / (truePositive + falseNegative), matrix.Recall(1), 12);
        Assert.Equal(Trainer.Evaluate(network, inputs, targets).Accuracy!.Value, matrix.Accuracy, 12);
    }

    [Fact]
    public void A_prediction_of_exactly_one_half_is_class_0_as_accuracy_and_keras_count_it()
    {
        // All-zero parameters: every logit is 0, every probability exactly sigmoid(0) = 0.5.
        var network = new GradSigmoidBinaryCrossEntropyNet(5);
        network.Parameters.Clear();
        var inputs = new float[4 * 7];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = i % 5 - 2;
        var targets = new float[] { 0, 1, 1, 0 };

        var matrix = ConfusionMatrix.Compute(network, inputs, targets);

        Assert.Equal(2, matrix[0, 0]);
        Assert.Equal(2, matrix[1, 0]);
        Assert.Equal(0, matrix[0, 1] + matrix[1, 1]);
        Assert.Equal(Trainer.Evaluate(network, inputs, targets).Accuracy!.Value, matrix.Accuracy, 12);
    }

    [Fact]
    public void A_binary_target_that_is_not_a_class_is_refused_naming_the_sample()
    {
        var targets = new float[] { 1, 0, 0.9f };
        var error = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute(new GradSigmoidBinaryCrossEntropyNet(5), new float[21], targets));
        Assert.Contains("Sample 2's target is 0.9", error.Message);
        var regression = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Compute(new PerLayerRegressionNet(1), new float[7], new float[2]));
        Assert.Contains("one-output sigmoid", regression.Message);
    }
}
