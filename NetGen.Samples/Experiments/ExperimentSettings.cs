using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using static System.FormattableString;

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

    /// <summary>Parses an experiment's arguments (no command name) over its defaults; returns null and sets <paramref name="error"/> on a bad argument.</summary>
    public static ExperimentSettings? Parse(string[] args, ExperimentSettings defaults, out string? error)
    {
        var options = new ExperimentOptions(defaults);
        var command = new RootCommand();
        command.Options.Clear();
        foreach (var option in options.All) command.Options.Add(option);
        var result = command.Parse(args);
        error = result.Errors.Count > 0 ? result.Errors[0].Message : null;
        return error is null ? options.Bind(result) : null;
    }
}

/// <summary>An experiment command's options over its defaults, as System.CommandLine options, and their binding.</summary>
internal sealed class ExperimentOptions
{
    private readonly ExperimentSettings _defaults;
    private readonly Option<int> _epochs, _seeds, _seed, _batch;
    private readonly Option<OptimizerChoice> _optimizer;
    private readonly Option<float?> _rate, _target;
    private readonly Option<string?> _output, _data;
    private readonly Option<bool> _noProgress = new("--no-progress") { Description = "plain log lines instead of progress bars" };

    /// <summary>The options of an experiment whose defaults are <paramref name="defaults"/>.</summary>
    public ExperimentOptions(ExperimentSettings defaults)
    {
        _defaults = defaults;
        var d = defaults;
        _epochs = CliOptions.PositiveInt("--epochs", d.Epochs, Invariant($"passes over the training data per run (default {d.Epochs})"));
        _seeds = CliOptions.PositiveInt("--seeds", d.Seeds, Invariant($"runs per configuration (default {d.Seeds}), seeds --seed, --seed + 1, …"));
        _seed = CliOptions.Int("--seed", d.FirstSeed, Invariant($"""
            seed of the first run's weights and shuffling (default {d.FirstSeed});
            the 60/20/20 stratified train/validation/test split always uses seed {ExperimentSettings.SplitSeed}
            """));
        _batch = CliOptions.PositiveInt("--batch", d.BatchSize, Invariant($"mini-batch size (default {d.BatchSize})"));
        _optimizer = CliOptions.Optimizer(d.Optimizer, $"{string.Join(", ", OptimizerFactory.Names)} (default {OptimizerFactory.Name(d.Optimizer)})");
        _rate = CliOptions.PositiveFloat("--lr", Invariant($"learning rate (default {d.EffectiveLearningRate})"));
        _target = CliOptions.PositiveFloat("--target", Invariant($"validation accuracy for \"epochs to target\", in (0, 1] (default {d.Target})"), 1f, "a number in (0, 1]");
        _output = CliOptions.Path("--out", "DIR", "output folder for report.md and the PNG charts (default out/<experiment>/)");
        _data = CliOptions.Path("--data", "PATH", "digits CSV (default: data/digits.csv.gz beside the program)");
    }

    /// <summary>Every option, in help order.</summary>
    public IReadOnlyList<Option> All => [_epochs, _seeds, _seed, _batch, _optimizer, _rate, _target, _output, _data, _noProgress];

    /// <summary>The settings a successful parse gives.</summary>
    public ExperimentSettings Bind(ParseResult result)
    {
        var settings = _defaults with
        {
            Epochs = result.GetValue(_epochs), Seeds = result.GetValue(_seeds), FirstSeed = result.GetValue(_seed), BatchSize = result.GetValue(_batch),
            Optimizer = result.GetValue(_optimizer), LearningRate = result.GetValue(_rate) ?? _defaults.LearningRate,
            Target = result.GetValue(_target) ?? _defaults.Target, OutputDirectory = result.GetValue(_output), DataPath = result.GetValue(_data),
            Progress = !result.GetValue(_noProgress),
        };
        // Another optimizer without --lr runs at its own default rate, not at the experiment's SGD rate.
        if (settings.Optimizer != _defaults.Optimizer && result.GetResult(_rate) is null) settings = settings with { LearningRate = null };
        return settings;
    }
}
