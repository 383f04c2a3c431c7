using System;
using System.Collections.Generic;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>
/// The batch-norm moving statistics (<see cref="INetwork.State"/>) are never left non-finite by a fit, and
/// early stopping restores them with the weights (issue 14 items 4, 5 and 6).
/// </summary>
public class StateGuardTests
{
    private const int Samples = 96;

    [Fact]
    public void A_diverging_step_puts_back_the_moving_statistics_with_the_weights()
    {
        var (inputs, targets) = TrainingData.Blobs(Samples, 7, 3, 2f, 23);
        // A finite but huge row (it passes the up-front finiteness check) overflows the batch mean in step 2.
        inputs.AsSpan(40 * 7, 7).Fill(float.MaxValue);
        var network = new StageBatchNormNet(4);
        var clean = TrainingData.Blobs(8, 7, 3, 2f, 23).Inputs;
        float[]? stateBefore = null, parametersBefore = null, predictionsBefore = null;
        var record = new RecordBeforeStep(2, () =>
        {
            stateBefore = network.State.ToArray();
            parametersBefore = network.Parameters.ToArray();
            predictionsBefore = Predict(network, clean);
        });
        var options = new FitOptions { Epochs = 2, BatchSize = 16, Shuffle = false, Optimizer = new Sgd(0.1f), Callbacks = { record } };

        var error = Assert.Throws<NonFiniteLossException>(() => Trainer.Fit(network, inputs, targets, options));

        Assert.Equal(2, error.Step);
        Assert.Equal(stateBefore, network.State.ToArray());
        Assert.Equal(parametersBefore, network.Parameters.ToArray());
        Assert.Equal(predictionsBefore, Predict(network, clean));
    }

    [Fact]
    public void Finite_loss_and_weights_with_non_finite_moving_statistics_also_stop_the_fit()
    {
        // Sgd(1e6) on this binary network: at step 2 the loss and the updated weights are still finite,
        // but the second batch-norm layer's moving variance overflows.
        var network = new StageKeptBiasNet(1);
        var random = new NetGenRandom(1);
        var inputs = new float[Samples * 6];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextNormal();
        var targets = new float[Samples * 2];
        for (int i = 0; i < targets.Length; i++) targets[i] = (float)random.NextUniform(0.1, 0.9);
        float[]? stateBefore = null, parametersBefore = null;
        var record = new RecordBeforeStep(2, () => (stateBefore, parametersBefore) = (network.State.ToArray(), network.Parameters.ToArray()));
        var options = new FitOptions { Epochs = 20, BatchSize = 16, Shuffle = false, Optimizer = new Sgd(1e6f), Callbacks = { record } };

        var error = Assert.Throws<NonFiniteLossException>(() => Trainer.Fit(network, inputs, targets, options));

        Assert.Contains("moving statistics", error.Message);
        Assert.True(float.IsFinite(error.Loss));
        Assert.Equal(2, error.Step);
        Assert.Equal(stateBefore, network.State.ToArray());
        Assert.Equal(parametersBefore, network.Parameters.ToArray());
    }

    [Fact]
    public void Restoring_the_best_epoch_also_restores_its_moving_statistics()
    {
        var (inputs, targets) = TrainingData.Blobs(Samples, 7, 3, 2f, 23);
        var network = new StageBatchNormNet(6);
        var stopping = new EarlyStopping { Patience = 2, RestoreBestWeights = true };
        var history = Trainer.Fit(network, inputs, targets, new FitOptions
        {
            Epochs = 30, BatchSize = 16, ValidationSplit = 0.25, Optimizer = new Sgd(0.5f), EarlyStopping = stopping,
        });
        Assert.True(stopping.BestEpoch < history.Epochs.Count, "the test needs a best epoch before the last");

        int trainCount = Samples - Samples / 4;
        var (loss, _) = Trainer.Evaluate(network, inputs.AsSpan(trainCount * 7), targets.AsSpan(trainCount), batchSize: 16);

        Assert.Equal(stopping.BestValue, loss);
        Assert.Equal(history.Epochs[stopping.BestEpoch - 1].ValidationLoss, loss);
    }

    [Fact]
    public void A_reused_early_stopping_starts_afresh_and_restores_only_what_this_fit_recorded()
    {
        var (inputs, targets) = TrainingData.Regression(Samples, 29);
        var network = new PerLayerRegressionNet(7);
        var stopping = new EarlyStopping { Patience = 1, MinDelta = 1e9, Monitor = MonitoredMetric.Loss, RestoreBestWeights = true };
        Trainer.Fit(network, inputs, targets, new FitOptions { Epochs = 10, EarlyStopping = stopping });
        Assert.Equal(1, stopping.BestEpoch);
        Assert.Equal(2, stopping.StoppedEpoch);

        // A validation target of 3e38 makes every validation loss infinite: no epoch of the second fit improves.
        var validationTargets = new float[16 * 2];
        validationTargets[5] = 3e38f;
        stopping.Monitor = MonitoredMetric.ValidationLoss;
        stopping.MinDelta = 0;
        float[]? lastEpoch = null;
        var history = Trainer.Fit(network, inputs, targets, new FitOptions
        {
            Epochs = 3, ValidationInputs = inputs.AsSpan(0, 16 * 7).ToArray(), ValidationTargets = validationTargets,
            EarlyStopping = stopping, EpochEnded = _ => lastEpoch = network.Parameters.ToArray(),
        });

        Assert.True(double.IsPositiveInfinity(history.Epochs[0].ValidationLoss!.Value));
        Assert.Equal(0, stopping.BestEpoch);
        Assert.Equal(2, stopping.StoppedEpoch);
        Assert.Equal(lastEpoch, network.Parameters.ToArray());
    }

    [Fact]
    public void A_reused_best_model_checkpoint_starts_afresh()
    {
        var (inputs, targets) = TrainingData.Regression(Samples, 29);
        var network = new PerLayerRegressionNet(8);
        var saved = new List<int>();
        var checkpoint = new BestModelCheckpoint((_, m) => saved.Add(m.Epoch)) { Monitor = MonitoredMetric.Loss };
        Trainer.Fit(network, inputs, targets, new FitOptions { Epochs = 3, BestModelCheckpoint = checkpoint });
        saved.Clear();
        // The second fit's first epoch is a new best of that fit, whatever the first fit reached.
        Trainer.Fit(network, inputs, targets, new FitOptions { Epochs = 1, Optimizer = new Sgd(1e-9f), BestModelCheckpoint = checkpoint });
        Assert.Equal(new[] { 1 }, saved);
    }

    private static float[] Predict(INetwork network, float[] inputs)
    {
        int samples = inputs.Length / network.InputSize;
        var outputs = new float[samples * network.OutputSize];
        network.Predict(inputs, outputs, samples);
        return outputs;
    }

    /// <summary>Runs an action at the end of the step before <paramref name="step"/>, i.e. just before that step.</summary>
    private sealed class RecordBeforeStep(long step, Action action) : TrainingCallback
    {
        public override void OnTrainBatchEnd(TrainingContext context, BatchMetrics batch)
        {
            if (batch.Step == step - 1) action();
        }
    }
}
