using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>User callbacks in Trainer.Fit (Keras's callbacks=[…]): what they see, in which order, and how they stop training.</summary>
public class CallbackTests
{
    private const int Samples = 96;
    private const int BatchSize = 16; // six batches per epoch

    [Fact]
    public void A_callback_that_stops_after_epoch_N_ends_training_there()
    {
        var (inputs, targets) = TrainingData.Regression(Samples, 23);
        var stopper = new StopAfter(epoch: 3);

        var history = Trainer.Fit(new PerLayerRegressionNet(1), inputs, targets, new FitOptions { Epochs = 20, BatchSize = BatchSize, Callbacks = { stopper } });

        Assert.Equal(new[] { 1, 2, 3 }, history.Epochs.Select(m => m.Epoch));
        Assert.Equal(3L * Samples, history.SamplesSeen);
        Assert.True(stopper.TrainEnded, "a requested stop is a normal end: on-train-end still runs");
    }

    [Fact]
    public void Callbacks_see_train_begin_then_epochs_and_batches_in_order_then_train_end()
    {
        var (inputs, targets) = TrainingData.Regression(Samples, 23);
        var network = new PerLayerRegressionNet(2);
        var recorder = new Recorder();

        var history = Trainer.Fit(network, inputs, targets, new FitOptions { Epochs = 3, BatchSize = BatchSize, Callbacks = { recorder } });

        var expected = new List<string> { "train-begin" };
        long step = 0;
        for (int epoch = 1; epoch <= 3; epoch++)
        {
            expected.Add($"epoch-begin {epoch}");
            for (int batch = 0; batch < Samples / BatchSize; batch++) expected.Add($"batch-end {epoch}.{batch} step {step++} samples {BatchSize}");
            expected.Add($"epoch-end {epoch} history {epoch}");
        }
        expected.Add("train-end history 3");
        Assert.Equal(expected, recorder.Events);
        Assert.Same(network, recorder.Network);
        Assert.Equal(3, recorder.PlannedEpochs);
        Assert.Equal(history.Epochs, recorder.Epochs);
    }

    [Fact]
    public void Batch_end_sees_the_loss_of_every_step_and_their_weighted_mean_is_the_epoch_loss()
    {
        var (inputs, targets) = TrainingData.Regression(Samples, 23);
        var recorder = new Recorder();

        var history = Trainer.Fit(new PerLayerRegressionNet(3), inputs, targets, new FitOptions { Epochs = 2, BatchSize = 40, Callbacks = { recorder } });

        // 96 samples in batches of 40: 40, 40 and 16.
        Assert.Equal(new[] { 40, 40, 16, 40, 40, 16 }, recorder.Batches.Select(b => b.Samples));
        for (int epoch = 1; epoch <= 2; epoch++)
        {
            var batches = recorder.Batches.Where(b => b.Epoch == epoch).ToList();
            double mean = batches.Sum(b => (double)b.Loss * b.Samples) / Samples;
            Assert.Equal(history.Epochs[epoch - 1].Loss, mean, 12);
        }
    }

    [Fact]
    public void A_stop_asked_for_after_a_batch_finishes_that_epoch_and_ends_training()
    {
        var (inputs, targets) = TrainingData.Regression(Samples, 23);
        var stopper = new StopAtBatch(epoch: 2, batch: 1);
        var recorder = new Recorder();

        var history = Trainer.Fit(new PerLayerRegressionNet(4), inputs, targets,
            new FitOptions { Epochs = 5, BatchSize = BatchSize, ValidationSplit = 0.25, Callbacks = { stopper, recorder } });

        // Epoch 1 whole (72 training samples: 5 batches), epoch 2 only batches 0 and 1, still evaluated and reported.
        Assert.Equal(2, history.Epochs.Count);
        Assert.Equal(72 + 2 * BatchSize, history.SamplesSeen);
        Assert.NotNull(history.Epochs[1].ValidationLoss);
        Assert.Equal("train-end history 2", recorder.Events[^1]);
        Assert.Equal("epoch-end 2 history 2", recorder.Events[^2]);
    }

    [Fact]
    public void A_callback_can_set_the_learning_rate_as_Keras_LearningRateScheduler_does()
    {
        var (inputs, targets) = TrainingData.Regression(Samples, 23);
        var halving = new HalveEveryEpoch();

        var history = Trainer.Fit(new PerLayerRegressionNet(5), inputs, targets, new FitOptions { Epochs = 3, Optimizer = new Sgd(0.08f), Callbacks = { halving } });

        Assert.Equal(new[] { 0.08f, 0.04f, 0.02f }, history.Epochs.Select(m => m.LearningRate));
    }

    [Fact]
    public void User_callbacks_run_after_the_ones_the_options_make()
    {
        var (inputs, targets) = TrainingData.Regression(Samples, 23);
        var order = new List<string>();

        Trainer.Fit(new PerLayerRegressionNet(6), inputs, targets, new FitOptions
        {
            Epochs = 2,
            EpochEnded = m => order.Add($"EpochEnded {m.Epoch}"),
            Callbacks = { new Named("first", order), new Named("second", order) },
        });

        Assert.Equal(new[] { "EpochEnded 1", "first 1", "second 1", "EpochEnded 2", "first 2", "second 2" }, order);
    }

    [Fact]
    public void Early_stopping_in_the_callback_list_acts_as_the_option_does()
    {
        var (inputs, targets) = TrainingData.Regression(Samples, 23);
        var asOption = new EarlyStopping { Monitor = MonitoredMetric.Loss, MinDelta = 1e9, Patience = 2, RestoreBestWeights = true };
        var inList = new EarlyStopping { Monitor = MonitoredMetric.Loss, MinDelta = 1e9, Patience = 2, RestoreBestWeights = true };
        var first = new PerLayerRegressionNet(7);
        var second = new PerLayerRegressionNet(7);

        var viaOption = Trainer.Fit(first, inputs, targets, new FitOptions { Epochs = 20, EarlyStopping = asOption });
        var viaList = Trainer.Fit(second, inputs, targets, new FitOptions { Epochs = 20, Callbacks = { inList } });

        Assert.Equal(3, viaList.Epochs.Count);
        Assert.Equal(viaOption.Epochs.Select(m => m.Loss), viaList.Epochs.Select(m => m.Loss));
        Assert.Equal((asOption.StoppedEpoch, asOption.BestEpoch), (inList.StoppedEpoch, inList.BestEpoch));
        Assert.Equal(first.Parameters.ToArray(), second.Parameters.ToArray());
    }

    [Fact]
    public void A_callback_in_the_list_is_checked_like_the_option()
    {
        var (inputs, targets) = TrainingData.Regression(Samples, 23);
        var error = Assert.Throws<ArgumentException>(() => Trainer.Fit(new PerLayerRegressionNet(1), inputs, targets,
            new FitOptions { Callbacks = { new EarlyStopping() } }));
        Assert.Contains("no validation data", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Fit(new PerLayerRegressionNet(1), inputs, targets,
            new FitOptions { Callbacks = { new BestModelCheckpoint((_, _) => { }) { Monitor = MonitoredMetric.Loss, MinDelta = -1 } } }));
    }

    [Fact]
    public void The_same_instance_twice_and_null_entries_are_refused()
    {
        var (inputs, targets) = TrainingData.Regression(Samples, 23);
        var stopping = new EarlyStopping { Monitor = MonitoredMetric.Loss };
        var recorder = new Recorder();

        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => Trainer.Fit(new PerLayerRegressionNet(1), inputs, targets,
            new FitOptions { EarlyStopping = stopping, Callbacks = { stopping } })).Message);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => Trainer.Fit(new PerLayerRegressionNet(1), inputs, targets,
            new FitOptions { Callbacks = { recorder, recorder } })).Message);
        Assert.Throws<ArgumentException>(() => Trainer.Fit(new PerLayerRegressionNet(1), inputs, targets,
            new FitOptions { Callbacks = { null! } }));
        Assert.Empty(recorder.Events);
    }

    [Fact]
    public void Fit_and_TrainStep_apply_the_same_update()
    {
        // Without clipping, one epoch of Fit in data order is TrainStep over the same batches, bit for bit:
        // both run UpdateRecipe (Fit only adds its finiteness checks, which change nothing on finite steps).
        var (inputs, targets) = TrainingData.Regression(Samples, 23);
        var fitted = new PerLayerRegressionNet(8);
        var stepped = new PerLayerRegressionNet(8);

        Trainer.Fit(fitted, inputs, targets, new FitOptions { Epochs = 1, BatchSize = BatchSize, Shuffle = false, Optimizer = new Adam(0.01f) });
        var adam = new Adam(0.01f);
        for (int start = 0; start < Samples; start += BatchSize)
            stepped.TrainStep(inputs.AsSpan(start * 7, BatchSize * 7), targets.AsSpan(start * 2, BatchSize * 2), BatchSize, adam);

        Assert.Equal(stepped.Parameters.ToArray(), fitted.Parameters.ToArray());
    }

    private sealed class StopAfter(int epoch) : TrainingCallback
    {
        public bool TrainEnded { get; private set; }

        public override void OnEpochEnd(TrainingContext context, EpochMetrics metrics)
        {
            if (metrics.Epoch == epoch) context.StopTraining = true;
        }

        public override void OnTrainEnd(TrainingContext context) => TrainEnded = true;
    }

    private sealed class StopAtBatch(int epoch, int batch) : TrainingCallback
    {
        public override void OnTrainBatchEnd(TrainingContext context, BatchMetrics metrics)
        {
            if (metrics.Epoch == epoch && metrics.Batch == batch) context.StopTraining = true;
        }
    }

    private sealed class HalveEveryEpoch : TrainingCallback
    {
        public override void OnEpochBegin(TrainingContext context, int epoch)
        {
            if (epoch > 1) context.Optimizer.LearningRate /= 2;
        }
    }

    private sealed class Named(string name, List<string> order) : TrainingCallback
    {
        public override void OnEpochEnd(TrainingContext context, EpochMetrics metrics) => order.Add($"{name} {metrics.Epoch}");
    }

    /// <summary>Writes down every call it gets, with what the context shows at that moment.</summary>
    private sealed class Recorder : TrainingCallback
    {
        public List<string> Events { get; } = new();

        public List<BatchMetrics> Batches { get; } = new();

        public List<EpochMetrics> Epochs { get; } = new();

        public INetwork? Network { get; private set; }

        public int PlannedEpochs { get; private set; }

        public override void OnTrainBegin(TrainingContext context)
        {
            Network = context.Network;
            PlannedEpochs = context.Epochs;
            Events.Add("train-begin");
        }

        public override void OnEpochBegin(TrainingContext context, int epoch) => Events.Add($"epoch-begin {epoch}");

        public override void OnTrainBatchEnd(TrainingContext context, BatchMetrics batch)
        {
            Batches.Add(batch);
            Events.Add($"batch-end {batch.Epoch}.{batch.Batch} step {batch.Step} samples {batch.Samples}");
        }

        public override void OnEpochEnd(TrainingContext context, EpochMetrics metrics)
        {
            Epochs.Add(metrics);
            Events.Add($"epoch-end {metrics.Epoch} history {context.History.Epochs.Count}");
        }

        public override void OnTrainEnd(TrainingContext context) => Events.Add($"train-end history {context.History.Epochs.Count}");
    }
}
