using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Metrics;

/// <summary>Confusion matrix, precision/recall/F1, top-k accuracy and MAE against values worked out by hand.</summary>
public class MetricTests
{
    [Fact]
    public void Precision_recall_and_f1_match_the_hand_computed_example()
    {
        // y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1] (the classic scikit-learn example):
        // class 0 is predicted 3 times, 2 right → precision 2/3, recall 2/2, F1 0.8; classes 1 and 2 never right.
        var matrix = new ConfusionMatrix(3);
        int[] actual = { 0, 1, 2, 0, 1, 2 }, predicted = { 0, 2, 1, 0, 0, 1 };
        for (int i = 0; i < actual.Length; i++) matrix.Add(actual[i], predicted[i]);

        Assert.Equal(2, matrix[0, 0]);
        Assert.Equal(1, matrix[1, 0]);
        Assert.Equal(1, matrix[1, 2]);
        Assert.Equal(2, matrix[2, 1]);
        Assert.Equal(6, matrix.Total);
        Assert.Equal(2.0 / 3, matrix.Precision(0), 12);
        Assert.Equal(1.0, matrix.Recall(0), 12);
        Assert.Equal(0.8, matrix.F1(0), 12);
        Assert.Equal(0.0, matrix.F1(1));
        Assert.Equal(0.8 / 3, matrix.MacroF1, 12);
        Assert.Equal(2.0 / 6, matrix.Accuracy, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Add(3, 0));
    }

    [Fact]
    public void Top_k_counts_ties_in_the_samples_favour()
    {
        float[] scores = { 0.1f, 0.4f, 0.4f, 0.1f };
        Assert.True(TopKAccuracy.Contains(scores, 2, 1));
        Assert.True(TopKAccuracy.Contains(scores, 1, 1));
        Assert.False(TopKAccuracy.Contains(scores, 0, 2));
        Assert.True(TopKAccuracy.Contains(scores, 0, 3));
    }

    [Fact]
    public void Network_metrics_agree_with_predictions_counted_one_by_one()
    {
        var random = new NetGenRandom(8);
        const int samples = 50;
        var inputs = new float[samples * 64];
        var targets = new float[samples];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextNormal();
        for (int s = 0; s < samples; s++) targets[s] = random.NextInt(10);
        var network = new CompactDigitsNet(8);

        var matrix = ConfusionMatrix.Compute(network, inputs, targets, batchSize: 7);
        double top3 = TopKAccuracy.Compute(network, inputs, targets, k: 3, batchSize: 7);

        var row = new float[10];
        int hits = 0, correct = 0;
        for (int s = 0; s < samples; s++)
        {
            network.Predict(inputs.AsSpan(s * 64, 64), row);
            int best = Accuracy.ArgMax(row);
            Assert.True(matrix[(int)targets[s], best] > 0);
            if (best == (int)targets[s]) correct++;
            var sorted = (float[])row.Clone();
            Array.Sort(sorted);
            if (row[(int)targets[s]] >= sorted[^3]) hits++;
        }
        Assert.Equal(samples, matrix.Total);
        Assert.Equal(correct / (double)samples, matrix.Accuracy, 12);
        Assert.Equal(hits / (double)samples, top3, 12);
        Assert.Equal(Trainer.Evaluate(network, inputs, targets).Accuracy!.Value, matrix.Accuracy, 12);
    }

    [Fact]
    public void Mean_absolute_error_averages_every_output_of_every_sample()
    {
        var random = new NetGenRandom(4);
        const int samples = 13;
        var inputs = new float[samples * 7];
        var targets = new float[samples * 2];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextNormal();
        for (int i = 0; i < targets.Length; i++) targets[i] = (float)random.NextDouble();
        var network = new PerLayerRegressionNet(4);

        double sum = 0;
        var output = new float[2];
        for (int s = 0; s < samples; s++)
        {
            network.Predict(inputs.AsSpan(s * 7, 7), output);
            sum += Math.Abs(output[0] - targets[s * 2]) + Math.Abs(output[1] - targets[s * 2 + 1]);
        }
        Assert.Equal(sum / (samples * 2), MeanAbsoluteError.Compute(network, inputs, targets, batchSize: 4), 6);
        Assert.Throws<ArgumentException>(() => MeanAbsoluteError.Compute(new CompactDigitsNet(1), new float[64], new float[1]));
    }
}
