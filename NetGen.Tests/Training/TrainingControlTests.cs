using System;
using System.Collections.Generic;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>Early stopping, best-model checkpoints and divergence handling, through Trainer.Fit on generated networks.</summary>
public class TrainingControlTests
{
    private const int Samples = 96;

    [Fact]
    public void Early_stopping_waits_for_the_patience_then_stops_as_Keras_counts()
    {
        var (inputs, targets) = TrainingData.Regression(Samples, 17);
        // A min delta larger than any loss makes every epoch after the first a non-improvement.
        var stopping = new EarlyStopping { Monitor = MonitoredMetric.Loss, MinDelta = 1e9, Patience = 2 };
        var history = Trainer.Fit(new PerLayerRegressionNet(1), inputs, targets, new FitOptions { Epochs = 20, EarlyStopping = stopping });

        // Epoch 1 improves on +∞ (wait 0); epochs 2 and 3 raise the wait to 1 and 2 = patience: stop after 3.
        Assert.Equal(3, history.Epochs.Count);
        Assert.Equal(3, stopping.StoppedEpoch);
        Assert.Equal(1, stopping.BestEpoch);
        Assert.Equal(history.Epochs[0].Loss, stopping.BestValue);
    }

    [Fact]
    public void Early_stopping_without_patience_still_runs_two_epochs()
    {
        var (inputs, targets) = TrainingData.Regression(Samples, 17);
        var stopping = new EarlyStopping { Monitor = MonitoredMetric.Loss, MinDelta = 1e9 };
        var history = Trainer.Fit(new PerLayerRegressionNet(1), inputs, targets, new FitOptions { Epochs = 20, EarlyStopping = stopping });
        Assert.Equal(2, history.Epochs.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Restoring_the_best_weights_puts_back_the_best_epochs_parameters(bool restore)
    {
        var (inputs, targets) = TrainingData.Regression(Samples, 17);
        var network = new PerLayerRegressionNet(2);
        float[]? afterFirstEpoch = null;
        var stopping = new EarlyStopping { Monitor = MonitoredMetric.Loss, MinDelta = 1e9, Patience = 3, RestoreBestWeights = restore };
        Trainer.Fit(network, inputs, targets, new FitOptions
        {
            Epochs = 20, Optimizer = new Sgd(0.1f), EarlyStopping = stopping,
            EpochEnded = m => { if (m.Epoch == 1) afterFirstEpoch = network.Parameters.ToArray(); },
        });

        Assert.Equal(4, stopping.StoppedEpoch);
        if (restore) Assert.Equal(afterFirstEpoch, network.Parameters.ToArray());
        else Assert.NotEqual(afterFirstEpoch, network.Parameters.ToArray());
    }

    [Fact]
    public void The_checkpoint_hook_runs_on_every_new_best_and_only_then()
    {
        var (inputs, targets) = TrainingData.Regression(Samples, 17);
        var saved = new List<int>();
        var history = Trainer.Fit(new PerLayerRegressionNet(3), inputs, targets, new FitOptions
        {
            Epochs = 8, ValidationSplit = 0.25, Optimizer = new Sgd(0.5f),
            BestModelCheckpoint = new BestModelCheckpoint((_, m) => saved.Add(m.Epoch)),
        });

        // Expected from the history itself: the epochs whose validation loss beats all before them.
        var expected = new List<int>();
        double best = double.PositiveInfinity;
        foreach (var m in history.Epochs)
            if (m.ValidationLoss < best) { best = m.ValidationLoss!.Value; expected.Add(m.Epoch); }
        Assert.Equal(expected, saved);
        Assert.Equal(1, saved[0]);
    }

    [Fact]
    public void Monitoring_validation_metrics_without_validation_data_is_refused()
    {
        var (inputs, targets) = TrainingData.Regression(Samples, 17);
        var error = Assert.Throws<ArgumentException>(() => Trainer.Fit(new PerLayerRegressionNet(1), inputs, targets,
            new FitOptions { EarlyStopping = new EarlyStopping() }));
        Assert.Contains("no validation data", error.Message);
        Assert.Throws<ArgumentException>(() => Trainer.Fit(new PerLayerRegressionNet(1), inputs, targets,
            new FitOptions { EarlyStopping = new EarlyStopping { Monitor = MonitoredMetric.Accuracy } }));
    }

    [Fact]
    public void A_non_finite_loss_stops_with_the_step_and_layer_and_keeps_the_last_finite_weights()
    {
        var (inputs, targets) = TrainingData.Regression(Samples, 17);
        // Fit refuses a NaN feature up front, so the NaN enters after that check, once step 1 is done:
        // sample 40 lies in batch 2 (0-based) of 16 when not shuffled.
        var network = new PerLayerRegressionNet(4);
        var options = new FitOptions
        {
            Epochs = 3, BatchSize = 16, Shuffle = false, Optimizer = new Sgd(0.1f),
            Callbacks = { new AfterStep(1, () => inputs[40 * 7 + 3] = float.NaN) },
        };

        var error = Assert.Throws<NonFiniteLossException>(() => Trainer.Fit(network, inputs, targets, options));

        Assert.Equal(1, error.Epoch);
        Assert.Equal(2, error.Step);
        Assert.Equal(0, error.LayerIndex);
        Assert.True(float.IsNaN(error.Loss));
        Assert.Contains("epoch 1, step 2", error.Message);
        // The weights are exactly those after steps 0 and 1, replayed by hand on a twin.
        var twin = new PerLayerRegressionNet(4);
        var sgd = new Sgd(0.1f);
        for (int step = 0; step < 2; step++)
        {
            twin.ComputeGradients(inputs.AsSpan(step * 16 * 7, 16 * 7), targets.AsSpan(step * 16 * 2, 16 * 2), 16);
            sgd.Step(twin.Parameters, twin.Gradients);
        }
        Assert.Equal(twin.Parameters.ToArray(), network.Parameters.ToArray());
    }

    [Fact]
    public void An_exploding_update_is_undone_and_reported()
    {
        var (inputs, targets) = TrainingData.Regression(Samples, 17);
        // A linear model with a learning rate far past 2/λ_max grows geometrically until float overflows.
        var network = new LinearRegressionNet(5);
        var options = new FitOptions { Epochs = 200, Optimizer = new Sgd(50f) };

        var error = Assert.Throws<NonFiniteLossException>(() => Trainer.Fit(network, inputs, targets, options));

        Assert.True(VectorMath.AllFinite(network.Parameters), "the weights must stay at their last finite values");
        Assert.InRange(error.LayerIndex, -1, 1);
        Assert.True(error.Step > 0);
    }

    [Fact]
    public void All_finite_sees_every_lane_and_the_tail()
    {
        // Up to past two rounds of the four-vector loop at 16 lanes (128), then the single vectors and the scalar tail.
        for (int length = 0; length < 150; length++)
            for (int bad = 0; bad < length; bad++)
                foreach (float value in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
                {
                    var values = new float[length];
                    Array.Fill(values, 1.5f);
                    Assert.True(VectorMath.AllFinite(values));
                    values[bad] = value;
                    Assert.False(VectorMath.AllFinite(values), $"length {length}, {value} at {bad}");
                }
    }

    /// <summary>Runs an action once the given global step is done.</summary>
    private sealed class AfterStep(long step, Action action) : TrainingCallback
    {
        public override void OnTrainBatchEnd(TrainingContext context, BatchMetrics batch)
        {
            if (batch.Step == step) action();
        }
    }

}

[Network(Inputs = 7, Loss = Loss.MeanSquaredError, Seed = 1)]
[Dense(5, Act.Linear)]
[Dense(2)]
public partial class LinearRegressionNet;
