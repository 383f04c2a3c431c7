using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NetGen.Tests.Prediction;
using NetGen.Tests.Weighting;
using Xunit;

namespace NetGen.Tests.Training;

public sealed class ProgressReporterTests
{
    private static (float[] Inputs, float[] Labels) Data(int rows)
    {
        var random = new NetGenRandom(21);
        float[] inputs = Enumerable.Range(0, rows * 4).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] labels = Enumerable.Range(0, rows).Select(r => (float)(inputs[r * 4] > 0 ? 1 + (inputs[r * 4 + 1] > 0 ? 1 : 0) : 0)).ToArray();
        return (inputs, labels);
    }

    [Fact]
    public void Writes_one_keras_line_per_epoch_with_the_history_values()
    {
        var (inputs, labels) = Data(120);
        var writer = new StringWriter();
        var history = Trainer.Fit(new WeightedSoftmaxNet(), inputs, labels, new FitOptions
        {
            Epochs = 3, ValidationSplit = 0.25, Optimizer = new Sgd(0.1f), Callbacks = { new ProgressReporter(writer) },
        });

        string[] lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.DoesNotContain('\r', writer.ToString().Replace(Environment.NewLine, "", StringComparison.Ordinal));
        for (int i = 0; i < 3; i++)
        {
            var epoch = history.Epochs[i];
            var match = Regex.Match(lines[i], @"^Epoch (\d+)/3 - (\d+\.\d\d)s - loss: (\d\.\d{4}) - accuracy: (\d\.\d{4}) - val_loss: (\d\.\d{4}) - val_accuracy: (\d\.\d{4})$");
            Assert.True(match.Success, lines[i]);
            Assert.Equal(i + 1, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(epoch.Loss.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture), match.Groups[3].Value);
            Assert.Equal(epoch.Accuracy!.Value.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture), match.Groups[4].Value);
            Assert.Equal(epoch.ValidationLoss!.Value.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture), match.Groups[5].Value);
            Assert.Equal(epoch.ValidationAccuracy!.Value.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture), match.Groups[6].Value);
        }
    }

    [Fact]
    public void A_regression_line_has_no_accuracy_and_no_validation_without_validation_data()
    {
        var metrics = new EpochMetrics(2, 0.123456, null, null, null, 0.01f, TimeSpan.FromMilliseconds(412));

        Assert.Equal("Epoch 2/20 - 0.41s - loss: 0.1235", ProgressReporter.Format(metrics, 20));
    }

    [Fact]
    public void The_batch_counter_rewrites_the_line_and_the_epoch_line_replaces_it()
    {
        var writer = new StringWriter();
        var reporter = new ProgressReporter(writer, batchCounter: true);
        var context = new TrainingContext(new TwoOutputRegressionNet(), new Sgd(), new TrainingHistory(), 4, null!);

        reporter.OnEpochBegin(context, 1);
        System.Threading.Thread.Sleep(150);
        reporter.OnTrainBatchEnd(context, new BatchMetrics(1, 0, 0, 8, 2f));
        reporter.OnEpochEnd(context, new EpochMetrics(1, 2, null, null, null, 0.01f, TimeSpan.FromSeconds(1)));

        string counter = "\rEpoch 1/4 - batch 1 - loss: 2.0000";
        string epoch = "Epoch 1/4 - 1.00s - loss: 2.0000";
        Assert.Equal(counter + "\r" + epoch.PadRight(counter.Length - 1) + Environment.NewLine, writer.ToString());
    }
}
