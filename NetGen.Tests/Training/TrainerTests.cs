using System;
using System.Collections.Generic;
using System.Threading;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>Trainer.Fit's contract: history, validation split, callbacks, cancellation, reproducibility, bad input.</summary>
public class TrainerTests
{
    private const int Samples = 100;

    [Fact]
    public void Fit_records_one_entry_per_epoch_and_reports_each_through_the_callback()
    {
        var (inputs, targets) = TrainingData.Blobs(Samples, 64, 10, 3f, 99);
        var reported = new List<EpochMetrics>();
        var history = Trainer.Fit(new CompactDigitsNet(1), inputs, targets, new FitOptions
        {
            Epochs = 4, BatchSize = 16, Optimizer = new Sgd(0.05f), ValidationSplit = 0.2, EpochEnded = reported.Add,
        });

        Assert.Equal(4, history.Epochs.Count);
        Assert.Equal(history.Epochs, reported);
        Assert.Equal(new[] { 1, 2, 3, 4 }, reported.ConvertAll(m => m.Epoch));
        Assert.All(history.Epochs, m => Assert.NotNull(m.ValidationLoss));
        Assert.All(history.Epochs, m => Assert.NotNull(m.ValidationAccuracy));
        // 20 % of 100 samples are held out, so each epoch trains on 80.
        Assert.Equal(4L * 80, history.SamplesSeen);
        Assert.True(history.Epochs[^1].Loss < history.Epochs[0].Loss, "the loss should fall on separable data");
    }

    [Fact]
    public void The_validation_split_is_the_tail_of_the_data_as_in_Keras()
    {
        var (inputs, targets) = TrainingData.Blobs(Samples, 64, 10, 3f, 99);
        var viaSplit = Trainer.Fit(new CompactDigitsNet(2), inputs, targets, new FitOptions { Epochs = 2, ValidationSplit = 0.3, Seed = 5 });

        // The same run with the last 30 samples passed explicitly must match to the bit.
        var explicitTrain = inputs.AsSpan(0, 70 * 64).ToArray();
        var explicitTargets = targets.AsSpan(0, 70).ToArray();
        var viaSet = Trainer.Fit(new CompactDigitsNet(2), explicitTrain, explicitTargets, new FitOptions
        {
            Epochs = 2, Seed = 5,
            ValidationInputs = inputs.AsSpan(70 * 64).ToArray(),
            ValidationTargets = targets.AsSpan(70).ToArray(),
        });

        for (int e = 0; e < 2; e++)
        {
            Assert.Equal(viaSet.Epochs[e].Loss, viaSplit.Epochs[e].Loss);
            Assert.Equal(viaSet.Epochs[e].ValidationLoss, viaSplit.Epochs[e].ValidationLoss);
        }
    }

    [Fact]
    public void The_shuffle_seed_decides_the_batches()
    {
        var (inputs, targets) = TrainingData.Blobs(Samples, 64, 10, 3f, 99);
        double LossAfter(long seed, bool shuffle)
            => Trainer.Fit(new CompactDigitsNet(3), inputs, targets, new FitOptions { Epochs = 2, Seed = seed, Shuffle = shuffle }).Epochs[^1].Loss;

        Assert.Equal(LossAfter(11, true), LossAfter(11, true));
        Assert.NotEqual(LossAfter(11, true), LossAfter(12, true));
        Assert.Equal(LossAfter(11, false), LossAfter(12, false));
    }

    [Fact]
    public void Cancelling_throws_and_keeps_the_weights_trained_so_far()
    {
        var (inputs, targets) = TrainingData.Blobs(Samples, 64, 10, 3f, 99);
        var network = new CompactDigitsNet(4);
        float[] initial = network.Parameters.ToArray();
        using var cancellation = new CancellationTokenSource();
        var options = new FitOptions
        {
            Epochs = 50, CancellationToken = cancellation.Token,
            EpochEnded = m => { if (m.Epoch == 2) cancellation.Cancel(); },
        };

        Assert.Throws<OperationCanceledException>(() => Trainer.Fit(network, inputs, targets, options));
        Assert.NotEqual(initial, network.Parameters.ToArray());
    }

    [Fact]
    public void Evaluate_matches_the_accuracy_counted_by_hand()
    {
        var (inputs, targets) = TrainingData.Blobs(Samples, 64, 10, 3f, 99);
        var network = new CompactDigitsNet(6);
        Trainer.Fit(network, inputs, targets, new FitOptions { Epochs = 3, Optimizer = new Sgd(0.05f) });

        var (_, accuracy) = Trainer.Evaluate(network, inputs, targets);
        var probabilities = new float[10];
        int correct = 0;
        for (int s = 0; s < Samples; s++)
        {
            network.Predict(inputs.AsSpan(s * 64, 64), probabilities);
            if (Accuracy.ArgMax(probabilities) == (int)targets[s]) correct++;
        }
        Assert.Equal(correct / (double)Samples, accuracy);
    }

    [Theory]
    [InlineData(0, 32, 0.0)]
    [InlineData(1, 0, 0.0)]
    [InlineData(1, 32, 1.0)]
    [InlineData(1, 32, -0.1)]
    public void Bad_options_are_refused(int epochs, int batchSize, double validationSplit)
    {
        var (inputs, targets) = TrainingData.Blobs(Samples, 64, 10, 3f, 99);
        var options = new FitOptions { Epochs = epochs, BatchSize = batchSize, ValidationSplit = validationSplit };
        Assert.ThrowsAny<ArgumentException>(() => Trainer.Fit(new CompactDigitsNet(1), inputs, targets, options));
    }

    [Fact]
    public void Data_of_the_wrong_shape_is_refused_with_its_sizes()
    {
        var (inputs, targets) = TrainingData.Blobs(Samples, 64, 10, 3f, 99);
        var error = Assert.Throws<ArgumentException>(() => Trainer.Fit(new CompactDigitsNet(1), inputs, targets.AsSpan(1).ToArray()));
        Assert.Contains("100 samples need 100 target values; got 99", error.Message);
        Assert.Throws<ArgumentException>(() => Trainer.Fit(new CompactDigitsNet(1), inputs.AsSpan(1).ToArray(), targets));
    }
}
