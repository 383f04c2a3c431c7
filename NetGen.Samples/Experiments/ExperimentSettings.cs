using System.Globalization;
using System.IO;
using static NetGen.Samples.ArgumentValues;

namespace NetGen.Samples.Experiments;

/// <summary>Command-line settings shared by the chapter 11 experiment commands (<c>vanishing</c>, <c>activations</c>, <c>batchnorm</c>).</summary>
/// <param name="Epochs">Passes over the training data per run.</param>
/// <param name="Seeds">Runs per configuration, with seeds <see cref="FirstSeed"/>, +1, ….</param>
/// <param name="FirstSeed">Seed of the first run (weights and shuffling); the data split always uses <see cref="SplitSeed"/>.</param>
/// <param name="BatchSize">Samples per gradient step.</param>
/// <param name="Optimizer">The optimizer of every run.</param>
/// <param name="LearningRate">Its learning rate; null for the optimizer's default (<see cref="OptimizerFactory.DefaultLearningRate"/>).</param>
/// <param name="Target">Validation accuracy whose first epoch is reported as "epochs to target".</param>
/// <param name="OutputDirectory">Where the report and the charts go; null for <c>out/&lt;experiment&gt;/</c>.</param>
/// <param name="DataPath">The digits CSV; null for the shipped file.</param>
/// <param name="Progress">Whether to draw progress bars (only on an interactive terminal).</param>
public sealed record ExperimentSettings(
    int Epochs, int Seeds, int FirstSeed, int BatchSize, OptimizerChoice Optimizer, float? LearningRate,
    double Target, string? OutputDirectory, string? DataPath, bool Progress = true)
{
    /// <summary>The data split is the same in every run, so that seeds only change weights and shuffling.</summary>
    public const int SplitSeed = 42;

    /// <summary>The rate the runs use.</summary>
    public float EffectiveLearningRate => LearningRate ?? OptimizerFactory.DefaultLearningRate(Optimizer);

    /// <summary>The output folder of an experiment: <see cref="OutputDirectory"/> or <c>out/&lt;name&gt;</c>.</summary>
    public string OutputFor(string experiment) => OutputDirectory ?? Path.Combine("out", experiment);

    /// <summary>The options text of an experiment's usage, with its defaults.</summary>
    public static string Options(ExperimentSettings defaults) => string.Create(CultureInfo.InvariantCulture, $"""
          --epochs N          passes over the training data per run (default {defaults.Epochs})
          --seeds N           runs per configuration (default {defaults.Seeds}), seeds --seed, --seed + 1, …
          --seed N            seed of the first run's weights and shuffling (default {defaults.FirstSeed});
                              the 60/20/20 stratified train/validation/test split always uses seed {SplitSeed}
          --batch N           mini-batch size (default {defaults.BatchSize})
          --optimizer NAME    {string.Join(", ", OptimizerFactory.Names)} (default {OptimizerFactory.Names[(int)defaults.Optimizer]})
          --lr X              learning rate (default {defaults.EffectiveLearningRate})
          --target X          validation accuracy for "epochs to target", in (0, 1] (default {defaults.Target})
          --out DIR           output folder for report.md and the PNG charts (default out/<experiment>/)
          --data PATH         digits CSV (default: data/digits.csv.gz beside the program)
          --no-progress       plain log lines instead of progress bars
          --help              show this text
        """);

    /// <summary>Parses an experiment's arguments over its defaults; returns null and sets <paramref name="error"/> on a bad argument.</summary>
    public static ExperimentSettings? Parse(string[] args, ExperimentSettings defaults, out string? error)
    {
        var settings = defaults;
        error = null;
        bool rateGiven = false;
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name == "--no-progress")
            {
                settings = settings with { Progress = false };
                continue;
            }
            if (i + 1 >= args.Length)
            {
                error = $"missing value after {name}";
                return null;
            }
            string value = args[++i];
            switch (name)
            {
                case "--epochs" when PositiveInt(value) is int epochs:
                    settings = settings with { Epochs = epochs };
                    break;
                case "--seeds" when PositiveInt(value) is int seeds:
                    settings = settings with { Seeds = seeds };
                    break;
                case "--batch" when PositiveInt(value) is int batch:
                    settings = settings with { BatchSize = batch };
                    break;
                case "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out int seed):
                    settings = settings with { FirstSeed = seed };
                    break;
                case "--lr" when PositiveFloat(value) is float rate:
                    settings = settings with { LearningRate = rate };
                    rateGiven = true;
                    break;
                case "--target" when PositiveFloat(value) is float target && target <= 1:
                    settings = settings with { Target = target };
                    break;
                case "--optimizer" when OptimizerFactory.TryParse(value, out var optimizer):
                    settings = settings with { Optimizer = optimizer };
                    break;
                case "--optimizer":
                    error = $"unknown optimizer '{value}'; choose one of {string.Join(", ", OptimizerFactory.Names)}";
                    return null;
                case "--out":
                    settings = settings with { OutputDirectory = value };
                    break;
                case "--data":
                    settings = settings with { DataPath = value };
                    break;
                case "--epochs" or "--seeds" or "--batch":
                    error = $"{name} needs a whole number of at least 1, not '{value}'";
                    return null;
                case "--seed":
                    error = $"--seed needs a whole number, not '{value}'";
                    return null;
                case "--lr":
                    error = $"--lr needs a positive finite number, not '{value}'";
                    return null;
                case "--target":
                    error = $"--target needs a number in (0, 1], not '{value}'";
                    return null;
                default:
                    error = $"bad argument: {name} {value}";
                    return null;
            }
        }
        // Another optimizer without --lr runs at its own default rate, not at the experiment's SGD rate.
        if (settings.Optimizer != defaults.Optimizer && !rateGiven) settings = settings with { LearningRate = null };
        return settings;
    }
}
