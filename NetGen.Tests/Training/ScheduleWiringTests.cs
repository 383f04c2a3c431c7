using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>Learning-rate schedules and reduce-on-plateau driven by Trainer.Fit.</summary>
public class ScheduleWiringTests
{
    [Fact]
    public void A_step_schedule_sets_the_rate_before_every_step()
    {
        var (inputs, targets) = Data();
        var schedule = new ExponentialDecay(0.1, decaySteps: 3, decayRate: 0.5);
        var rates = new List<float>();
        var optimizer = new RecordingSgd(rates);
        // 40 samples in batches of 16: 3 steps per epoch, global steps 0..8 over 3 epochs.
        var history = Trainer.Fit(new PerLayerRegressionNet(1), inputs, targets, new FitOptions { Epochs = 3, BatchSize = 16, Optimizer = optimizer, Schedule = schedule });

        Assert.Equal(9, rates.Count);
        for (int step = 0; step < 9; step++) Assert.Equal(schedule.RateAt(step), rates[step]);
        Assert.Equal(schedule.RateAt(8), history.Epochs[^1].LearningRate);
    }

    [Fact]
    public void An_epoch_schedule_changes_the_rate_only_between_epochs()
    {
        var (inputs, targets) = Data();
        var schedule = new PiecewiseConstant(new long[] { 1 }, new[] { 0.2, 0.05 }, ScheduleUnit.Epoch);
        var rates = new List<float>();
        Trainer.Fit(new PerLayerRegressionNet(1), inputs, targets, new FitOptions { Epochs = 3, BatchSize = 16, Optimizer = new RecordingSgd(rates), Schedule = schedule });

        // Keras boundaries: epoch index 0 and 1 take 0.2 (x ≤ boundary), epoch 2 takes 0.05.
        Assert.Equal(new[] { 0.2f, 0.2f, 0.2f, 0.2f, 0.2f, 0.2f, 0.05f, 0.05f, 0.05f }, rates);
    }

    [Fact]
    public void Reduce_on_plateau_lowers_the_rate_after_the_patience_runs_out()
    {
        var (inputs, targets) = Data();
        // Monitoring the training loss with a huge threshold: only the first epoch improves.
        var plateau = new ReduceLearningRateOnPlateau(factor: 0.5, patience: 1, threshold: 1e9, thresholdMode: PlateauThresholdMode.Absolute);
        var history = Trainer.Fit(new PerLayerRegressionNet(1), inputs, targets, new FitOptions
        {
            Epochs = 6, Optimizer = new Sgd(0.08f), ReduceLearningRateOnPlateau = plateau, PlateauMonitor = MonitoredMetric.Loss,
        });

        // Epoch 2 is the first bad epoch (tolerated), epoch 3 the second: the rate halves after it, and again after 5.
        var seen = history.Epochs.Select(m => m.LearningRate);
        Assert.Equal(new[] { 0.08f, 0.08f, 0.08f, 0.04f, 0.04f, 0.02f }, seen);
    }

    [Fact]
    public void Conflicting_rate_controls_are_refused()
    {
        var (inputs, targets) = Data();
        Assert.Throws<ArgumentException>(() => Trainer.Fit(new PerLayerRegressionNet(1), inputs, targets, new FitOptions
        {
            Schedule = new ExponentialDecay(0.1, 10, 0.9), ReduceLearningRateOnPlateau = new ReduceLearningRateOnPlateau(),
        }));
        Assert.Throws<ArgumentException>(() => Trainer.Fit(new CompactDigitsNet(1), new float[64 * 4], new float[4], new FitOptions
        {
            ReduceLearningRateOnPlateau = new ReduceLearningRateOnPlateau(), PlateauMonitor = MonitoredMetric.Accuracy,
        }));
    }

    private static (float[] Inputs, float[] Targets) Data()
    {
        var random = new NetGenRandom(3);
        var inputs = new float[40 * 7];
        var targets = new float[40 * 2];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextNormal();
        for (int i = 0; i < targets.Length; i++) targets[i] = (float)random.NextDouble();
        return (inputs, targets);
    }

    /// <summary>SGD that records the learning rate of every step it takes.</summary>
    private sealed class RecordingSgd : IOptimizer
    {
        private readonly Sgd _sgd = new();
        private readonly List<float> _rates;

        public RecordingSgd(List<float> rates) => _rates = rates;

        public float LearningRate { get => _sgd.LearningRate; set => _sgd.LearningRate = value; }

        public long StepCount => _sgd.StepCount;

        public OptimizerState ExportState() => _sgd.ExportState();

        public void ImportState(OptimizerState state) => _sgd.ImportState(state);

        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            _rates.Add(LearningRate);
            _sgd.Step(parameters, gradients);
        }
    }
}

/// <summary>Gradient clipping options applied by Trainer.Fit before each update.</summary>
public class ClippingWiringTests
{
    [Fact]
    public void Fit_clips_the_gradients_the_optimizer_sees()
    {
        var random = new NetGenRandom(6);
        var inputs = new float[16 * 7];
        var targets = new float[16 * 2];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = 10f * (float)random.NextNormal();
        for (int i = 0; i < targets.Length; i++) targets[i] = 5f;
        var seen = new List<float[]>();
        var optimizer = new SpyOptimizer(seen);

        Trainer.Fit(new PerLayerRegressionNet(1), inputs, targets, new FitOptions { Epochs = 1, BatchSize = 16, Optimizer = optimizer, ClipValue = 0.01f });
        Assert.All(seen[0], g => Assert.InRange(g, -0.01f, 0.01f));

        seen.Clear();
        Trainer.Fit(new PerLayerRegressionNet(1), inputs, targets, new FitOptions { Epochs = 1, BatchSize = 16, Optimizer = optimizer, GlobalClipNorm = 0.5f });
        Assert.InRange(GradientClipping.L2Norm(seen[0]), 0.49f, 0.5f);

        seen.Clear();
        var network = new PerLayerRegressionNet(1);
        Trainer.Fit(network, inputs, targets, new FitOptions { Epochs = 1, BatchSize = 16, Optimizer = optimizer, ClipNorm = 0.1f });
        foreach (var segment in GradientSegment.ForLayers(((INetwork)network).Layers))
            Assert.True(GradientClipping.L2Norm(seen[0].AsSpan(segment.Offset, segment.Length)) <= 0.1f + 1e-6f);

        Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Fit(new PerLayerRegressionNet(1), inputs, targets, new FitOptions { ClipNorm = 0f }));
    }

    /// <summary>Records the gradients of every step and changes nothing.</summary>
    private sealed class SpyOptimizer : IOptimizer
    {
        private readonly List<float[]> _seen;

        public SpyOptimizer(List<float[]> seen) => _seen = seen;

        public float LearningRate { get; set; } = 0.01f;

        public long StepCount => _seen.Count;

        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients) => _seen.Add(gradients.ToArray());

        public OptimizerState ExportState() => throw new NotSupportedException();

        public void ImportState(OptimizerState state) => throw new NotSupportedException();
    }
}
