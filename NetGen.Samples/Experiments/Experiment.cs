using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace NetGen.Samples.Experiments;

/// <summary>One network configuration of an experiment.</summary>
/// <param name="Key">Short name, used in file names.</param>
/// <param name="Label">Legend and table label.</param>
/// <param name="Create">Builds the network with the given seed.</param>
public sealed record Configuration(string Key, string Label, Func<int, INetwork> Create);

/// <summary>One training run: a configuration with one seed.</summary>
/// <param name="Configuration">The network trained.</param>
/// <param name="Seed">Seed of the weights and the shuffling.</param>
/// <param name="Epochs">The per-epoch record with health statistics; the epochs before a divergence when <paramref name="Failure"/> is set.</param>
/// <param name="Warnings">What the health recorder flagged during training.</param>
/// <param name="TestAccuracy">Accuracy on the test part after training.</param>
/// <param name="TestLoss">Loss on the test part after training.</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
/// <param name="Failure">Why the run stopped early (non-finite loss), or null.</param>
public sealed record RunResult(Configuration Configuration, int Seed, IReadOnlyList<EpochMetrics> Epochs, IReadOnlyList<TrainingWarning> Warnings,
    double TestAccuracy, double TestLoss, TimeSpan Elapsed, string? Failure)
{
    /// <summary>Validation accuracy of the last epoch (0 when nothing was trained).</summary>
    public double FinalValidationAccuracy => Epochs.Count > 0 ? Epochs[^1].ValidationAccuracy ?? 0 : 0;

    /// <summary>First epoch whose validation accuracy reached <paramref name="target"/>, or null.</summary>
    public int? EpochsTo(double target) => Epochs.FirstOrDefault(e => e.ValidationAccuracy >= target)?.Epoch;
}

/// <summary>A chapter 11 experiment: configurations trained over several seeds, then a markdown report and PNG charts.</summary>
/// <param name="Name">Command name and default output folder.</param>
/// <param name="Title">The report's title.</param>
/// <param name="Question">What the experiment asks, for the report and the usage text.</param>
/// <param name="Defaults">The default budget.</param>
/// <param name="Configurations">What is compared.</param>
/// <param name="Claim">The chapter's claimed order of the configurations, best first (keys), to hold the measurements against; null for none.</param>
public sealed record Experiment(string Name, string Title, string Question, ExperimentSettings Defaults, IReadOnlyList<Configuration> Configurations, IReadOnlyList<string>? Claim = null)
{
    /// <summary>Trains every configuration with every seed; <paramref name="progress"/> is told after every epoch.</summary>
    public IReadOnlyList<RunResult> Train(ExperimentSettings settings, ExperimentData data, IExperimentProgress progress)
    {
        var results = new List<RunResult>();
        foreach (var configuration in Configurations)
            for (int s = 0; s < settings.Seeds; s++)
            {
                int seed = settings.FirstSeed + s;
                progress.RunStarted(configuration, seed);
                var result = TrainOne(configuration, seed, settings, data, progress);
                progress.RunEnded(result);
                results.Add(result);
            }
        return results;
    }

    private static RunResult TrainOne(Configuration configuration, int seed, ExperimentSettings settings, ExperimentData data, IExperimentProgress progress)
    {
        var network = configuration.Create(seed);
        var epochs = new List<EpochMetrics>();
        var warnings = new List<TrainingWarning>();
        string? failure = null;
        var clock = Stopwatch.StartNew();
        try
        {
            Trainer.Fit(network, data.Train.Features, data.TrainTargets, new FitOptions
            {
                Epochs = settings.Epochs,
                BatchSize = settings.BatchSize,
                Seed = seed,
                Optimizer = OptimizerFactory.Create(settings.Optimizer, settings.EffectiveLearningRate),
                ValidationInputs = data.Validation.Features,
                ValidationTargets = data.ValidationTargets,
                RecordHealth = true,
                WarningRaised = warnings.Add,
                EpochEnded = m =>
                {
                    epochs.Add(m);
                    progress.EpochEnded(m);
                },
            });
        }
        catch (NonFiniteLossException e)
        {
            failure = e.Message;
        }
        var (testLoss, testAccuracy) = Trainer.Evaluate(network, data.Test.Features, data.TestTargets);
        return new RunResult(configuration, seed, epochs, warnings, testAccuracy ?? 0, testLoss, clock.Elapsed, failure);
    }
}

/// <summary>Mean and sample standard deviation.</summary>
public readonly record struct Stat(double Mean, double Std, int Count)
{
    /// <summary>The statistics of <paramref name="values"/> (NaN for none, a deviation of 0 for one).</summary>
    public static Stat Of(IEnumerable<double> values)
    {
        var v = values.ToArray();
        if (v.Length == 0) return new Stat(double.NaN, double.NaN, 0);
        double mean = v.Average();
        double std = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
        return new Stat(mean, std, v.Length);
    }

    /// <summary>Mean ± deviation of fractions, as percentages ("–" when there were no values).</summary>
    public string Percent() => Count == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{100 * Mean:F2} ± {100 * Std:F2} %");

    /// <summary>Mean ± deviation with the numeric <paramref name="format"/> ("–" when there were no values).</summary>
    public string Plain(string format) => Count == 0 ? "–" : string.Format(CultureInfo.InvariantCulture, "{0:" + format + "} ± {1:" + format + "}", Mean, Std);
}
