using System;
using System.Collections.Generic;
using static System.FormattableString;

namespace NetGen.Samples;

/// <summary>The learning-rate schedules the digits sample offers, one per <c>--schedule</c> name.</summary>
public enum ScheduleChoice
{
    /// <summary><c>none</c>: a constant rate (the default).</summary>
    None,
    /// <summary><c>exponential</c>: lr · 0.1^(t/T) over the run's T steps.</summary>
    Exponential,
    /// <summary><c>piecewise</c>: × 0.1 at 50 % and again at 75 % of the run's steps.</summary>
    Piecewise,
    /// <summary><c>power</c>: Géron's power scheduling, lr / (1 + t/s) with s = 10 epochs of steps.</summary>
    Power,
    /// <summary><c>cosine</c>: linear warmup from 0 over 5 % of the steps, then cosine decay to 0.</summary>
    Cosine,
    /// <summary><c>onecycle</c>: the 1cycle policy over the run, peaking at lr.</summary>
    OneCycle,
    /// <summary><c>plateau</c>: × 0.5 after 5 epochs without a lower test (validation) loss.</summary>
    Plateau,
}

/// <summary>What a <see cref="ScheduleChoice"/> becomes for the trainer: at most one of the two is set.</summary>
/// <param name="Schedule">A per-step schedule for <see cref="FitOptions.Schedule"/>, or null.</param>
/// <param name="Plateau">A plateau reducer for <see cref="FitOptions.ReduceLearningRateOnPlateau"/>, or null.</param>
/// <param name="Description">How the header line names it.</param>
public sealed record ScheduleSetup(LearningRateSchedule? Schedule, ReduceLearningRateOnPlateau? Plateau, string Description);

/// <summary>
/// Builds the schedule a <see cref="ScheduleChoice"/> names, with parameters derived from the run:
/// T = epochs × steps per epoch, where steps per epoch = ⌈train samples / batch size⌉
/// (60 × 43 = 2,580 for the defaults).
/// </summary>
public static class ScheduleFactory
{
    /// <summary>Exponential: the factor the rate falls by over the whole run.</summary>
    public const double ExponentialRate = 0.1;

    /// <summary>Piecewise: the factor applied at each milestone.</summary>
    public const double PiecewiseFactor = 0.1;

    /// <summary>Power: the step scale s, in epochs (the rate halves after this many, is a third after twice as many).</summary>
    public const int PowerEpochs = 10;

    /// <summary>Cosine: the share of the run spent warming up linearly from 0.</summary>
    public const double CosineWarmupFraction = 0.05;

    /// <summary>Plateau: the factor applied on a plateau.</summary>
    public const double PlateauFactor = 0.5;

    /// <summary>Plateau: epochs without improvement tolerated before a reduction.</summary>
    public const int PlateauPatience = 5;

    private static readonly string[] NamesByChoice = ["none", "exponential", "piecewise", "power", "cosine", "onecycle", "plateau"];

    /// <summary>The command-line names, indexed by <see cref="ScheduleChoice"/>.</summary>
    public static IReadOnlyList<string> Names => NamesByChoice;

    /// <summary>Reads a command-line name (case-insensitive).</summary>
    public static bool TryParse(string name, out ScheduleChoice choice)
    {
        int index = Array.IndexOf(NamesByChoice, name.ToLowerInvariant());
        choice = (ScheduleChoice)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>The command-line name of a choice.</summary>
    public static string Name(ScheduleChoice choice) => NamesByChoice[(int)choice];

    /// <summary>Optimizer steps per epoch, as <see cref="Trainer.Fit"/> takes them: ⌈samples / min(batch, samples)⌉.</summary>
    public static int StepsPerEpoch(int trainSamples, int batchSize)
    {
        int batch = Math.Min(batchSize, trainSamples);
        return (trainSamples + batch - 1) / batch;
    }

    /// <summary>The schedule for a run of <paramref name="epochs"/> × <paramref name="stepsPerEpoch"/> steps starting at (cosine and onecycle: peaking at) <paramref name="learningRate"/>.</summary>
    /// <exception cref="ArgumentException">The run is too short for the schedule (onecycle needs at least 4 steps).</exception>
    public static ScheduleSetup Create(ScheduleChoice choice, float learningRate, int epochs, int stepsPerEpoch)
    {
        double rate = learningRate;
        long total = (long)epochs * stepsPerEpoch;
        switch (choice)
        {
            case ScheduleChoice.None:
                return new ScheduleSetup(null, null, "constant rate");
            case ScheduleChoice.Exponential:
                return NewSetup(new ExponentialDecay(rate, total, ExponentialRate),
                    Invariant($"exponential decay × {ExponentialRate} over {total} steps"));
            case ScheduleChoice.Piecewise:
                long half = total / 2, threeQuarters = total * 3 / 4;
                return NewSetup(PiecewiseConstant.FromMilestones(rate, [half, threeQuarters], PiecewiseFactor, ScheduleUnit.Step),
                    Invariant($"piecewise × {PiecewiseFactor} from step {half} and again from step {threeQuarters} of {total}"));
            case ScheduleChoice.Power:
                long scale = (long)PowerEpochs * stepsPerEpoch;
                return NewSetup(new InverseTimeDecay(rate, scale, decayRate: 1),
                    Invariant($"power decay lr / (1 + t/{scale})"));
            case ScheduleChoice.Cosine:
                long warmup = (long)Math.Round(CosineWarmupFraction * total);
                return NewSetup(new CosineDecay(0, total - warmup, warmupTarget: rate, warmupSteps: warmup),
                    Invariant($"linear warmup from 0 over {warmup} steps, then cosine decay to 0 over {total - warmup}"));
            case ScheduleChoice.OneCycle:
                if (total < 4)
                    throw new ArgumentException($"--schedule onecycle needs at least 4 steps; this run has {total} (raise --epochs or lower --batch).");
                var cycle = new OneCycle(rate, total);
                return NewSetup(cycle,
                    Invariant($"1cycle over {total} steps: {(float)cycle.InitialLearningRate} up to {learningRate} at 30 %, then down to {(float)cycle.FinalLearningRate}"));
            case ScheduleChoice.Plateau:
                return new ScheduleSetup(null, new ReduceLearningRateOnPlateau(factor: PlateauFactor, patience: PlateauPatience),
                    Invariant($"× {PlateauFactor} after {PlateauPatience} epochs without a lower test loss"));
            default:
                throw new ArgumentOutOfRangeException(nameof(choice), choice, "Not a defined schedule choice.");
        }
    }

    private static ScheduleSetup NewSetup(LearningRateSchedule schedule, string text) => new(schedule, null, text);
}
