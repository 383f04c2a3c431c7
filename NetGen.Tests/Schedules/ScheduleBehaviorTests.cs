using System;
using System.Collections.Generic;
using Xunit;

namespace NetGen.Tests.Schedules;

/// <summary>The schedule contract beyond parity: purity, units, the ends of ranges, state restore, bad arguments.</summary>
public class ScheduleBehaviorTests
{
    public static TheoryData<string> AllSchedules() => new() { "exponential", "inverse", "piecewise", "cosine", "onecycle" };

    private static LearningRateSchedule Make(string kind, ScheduleUnit unit = ScheduleUnit.Step) => kind switch
    {
        "exponential" => new ExponentialDecay(0.1, 10, 0.5, staircase: false, unit),
        "inverse" => new InverseTimeDecay(0.1, 5, 0.5, staircase: true, unit),
        "piecewise" => new PiecewiseConstant(new long[] { 10, 30 }, new[] { 0.1, 0.01, 0.001 }, unit),
        "cosine" => new CosineDecay(0, 40, 0.1, warmupTarget: 0.2, warmupSteps: 10, unit),
        _ => new OneCycle(0.5, 60, unit: unit),
    };

    [Theory]
    [MemberData(nameof(AllSchedules))]
    public void A_rate_depends_only_on_the_step_so_a_resumed_run_gets_the_same_rates(string kind)
    {
        var forward = Make(kind);
        var rates = new float[80];
        for (int step = 0; step < rates.Length; step++) rates[step] = forward.RateAt(step);

        // A fresh instance asked in reverse order (as after a resume at any step) agrees to the bit.
        var resumed = Make(kind);
        for (int step = rates.Length - 1; step >= 0; step--) Assert.Equal(rates[step], resumed.RateAt(step));
    }

    [Theory]
    [MemberData(nameof(AllSchedules))]
    public void RateFor_reads_the_global_step_or_the_epoch_index_according_to_the_unit(string kind)
    {
        var perStep = Make(kind, ScheduleUnit.Step);
        var perEpoch = Make(kind, ScheduleUnit.Epoch);
        Assert.Equal(perStep.RateAt(37), perStep.RateFor(globalStep: 37, epochIndex: 3));
        Assert.Equal(perEpoch.RateAt(3), perEpoch.RateFor(globalStep: 37, epochIndex: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => perStep.RateAt(-1));
    }

    [Fact]
    public void OneCycle_starts_at_max_over_div_factor_peaks_and_holds_its_final_rate_past_the_end()
    {
        var schedule = new OneCycle(0.5, 100);
        Assert.Equal((float)(0.5 / 25), schedule.RateAt(0));
        Assert.Equal(0.5f, schedule.RateAt(29)); // end of the rise: 0.3 · 100 − 1
        float last = schedule.RateAt(99);
        Assert.Equal((float)(0.5 / 25 / 1e4), last);
        Assert.Equal(last, schedule.RateAt(100));
        Assert.Equal(last, schedule.RateAt(10_000));
    }

    [Fact]
    public void OneCycle_rejects_a_cycle_too_short_for_its_phases()
    {
        // 0.3 · 3 − 1 < 0: the rising phase would be empty (PyTorch divides by zero or runs backwards).
        Assert.Throws<ArgumentException>(() => new OneCycle(0.1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OneCycle(0.1, 100, pctStart: 1));
    }

    [Fact]
    public void PiecewiseConstant_keeps_the_earlier_value_on_a_boundary_as_in_the_Keras_docs()
    {
        // The example of keras.optimizers.schedules.PiecewiseConstantDecay.
        var schedule = new PiecewiseConstant(new long[] { 100_000, 110_000 }, new[] { 1.0, 0.5, 0.1 });
        Assert.Equal(1.0f, schedule.RateAt(100_000));
        Assert.Equal(0.5f, schedule.RateAt(100_001));
        Assert.Equal(0.5f, schedule.RateAt(110_000));
        Assert.Equal(0.1f, schedule.RateAt(110_001));
    }

    [Fact]
    public void Schedules_reject_inconsistent_arguments()
    {
        Assert.Throws<ArgumentException>(() => new PiecewiseConstant(new long[] { 10 }, new[] { 0.1 }));
        Assert.Throws<ArgumentException>(() => new PiecewiseConstant(new long[] { 10, 10 }, new[] { 0.1, 0.01, 0.001 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecay(0.1, 0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InverseTimeDecay(double.NaN, 10, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineDecay(0.1, 10, alpha: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineDecay(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecay(0.1, 10, 0.5, unit: (ScheduleUnit)7));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceLearningRateOnPlateau(factor: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceLearningRateOnPlateau(patience: -1));
    }

    [Fact]
    public void Reduce_on_plateau_defaults_are_PyTorchs()
    {
        var plateau = new ReduceLearningRateOnPlateau();
        Assert.Equal(PlateauMode.Min, plateau.Mode);
        Assert.Equal(0.1, plateau.Factor);
        Assert.Equal(10, plateau.Patience);
        Assert.Equal(1e-4, plateau.Threshold);
        Assert.Equal(PlateauThresholdMode.Relative, plateau.ThresholdMode);
        Assert.Equal(0, plateau.Cooldown);
        Assert.Equal(0.0, plateau.MinLearningRate);
        Assert.Equal(1e-8, plateau.Epsilon);
        Assert.Equal(new PlateauState(double.PositiveInfinity, 0, 0, 0), plateau.State);
        Assert.Equal(double.NegativeInfinity, new ReduceLearningRateOnPlateau(PlateauMode.Max).Best);
    }

    [Fact]
    public void Reduce_on_plateau_restored_from_a_saved_state_continues_exactly_like_the_uninterrupted_run()
    {
        var metrics = new List<double>();
        for (int epoch = 0; epoch < 40; epoch++) metrics.Add(1.0 / (1 + Math.Min(epoch, 8)) + 0.01 * Math.Sin(epoch));

        var uninterrupted = new ReduceLearningRateOnPlateau(patience: 2, cooldown: 1);
        var rates = new List<float>();
        float rate = 0.1f;
        PlateauState saved = default;
        float savedRate = 0;
        for (int epoch = 0; epoch < metrics.Count; epoch++)
        {
            if (epoch == 17) (saved, savedRate) = (uninterrupted.State, rate);
            rate = uninterrupted.Update(metrics[epoch], rate);
            rates.Add(rate);
        }
        Assert.True(rates[^1] < 0.1f, "the sequence should trigger at least one reduction");

        var resumed = new ReduceLearningRateOnPlateau(patience: 2, cooldown: 1);
        resumed.Restore(saved);
        rate = savedRate;
        for (int epoch = 17; epoch < metrics.Count; epoch++)
        {
            rate = resumed.Update(metrics[epoch], rate);
            Assert.Equal(rates[epoch], rate);
        }
        Assert.Equal(uninterrupted.State, resumed.State);

        resumed.Reset();
        Assert.Equal(new PlateauState(double.PositiveInfinity, 0, 0, 0), resumed.State);
    }

    [Fact]
    public void A_NaN_metric_counts_as_a_bad_epoch_as_in_PyTorch()
    {
        var plateau = new ReduceLearningRateOnPlateau(patience: 0);
        Assert.Equal(0.1f, plateau.Update(1.0, 0.1f));
        Assert.Equal((float)(0.1f * 0.1), plateau.Update(double.NaN, 0.1f));
        Assert.Equal(1.0, plateau.Best);
    }
}
