using System;
using System.Collections.Generic;
using System.CommandLine;

namespace NetGen.Samples;

/// <summary>Command-line settings of the digits sample.</summary>
/// <param name="Epochs">Passes over the training data.</param>
/// <param name="BatchSize">Samples per gradient step.</param>
/// <param name="LearningRate">The learning rate (a schedule's starting rate; cosine's and onecycle's peak); null for the optimizer's default, see <see cref="EffectiveLearningRate"/>.</param>
/// <param name="Seed">Seed of the weights, the split and the shuffling.</param>
/// <param name="DataPath">The digits CSV; null for the shipped file.</param>
/// <param name="Optimizer">The optimizer (default plain SGD).</param>
/// <param name="Schedule">The learning-rate schedule (default none: a constant rate).</param>
/// <param name="EarlyStoppingPatience">Epochs without a lower test loss before stopping, restoring the best weights; null for no early stopping.</param>
/// <param name="ClipNorm">Per-tensor gradient norm limit (<see cref="FitOptions.ClipNorm"/>); null for no clipping.</param>
/// <param name="SavePath">Where to save a checkpoint after training; null for none.</param>
/// <param name="LoadPath">A checkpoint to load instead of training; null to train.</param>
public sealed record DigitsSettings(
    int Epochs, int BatchSize, float? LearningRate, int Seed, string? DataPath,
    OptimizerChoice Optimizer = OptimizerChoice.Sgd, ScheduleChoice Schedule = ScheduleChoice.None,
    int? EarlyStoppingPatience = null, float? ClipNorm = null, string? SavePath = null, string? LoadPath = null)
{
    /// <summary>The defaults: 60 epochs of batch-32 plain SGD at 0.05 with no schedule, seed 42, the shipped data.</summary>
    public static DigitsSettings Default { get; } = new(60, 32, null, 42, null);

    /// <summary>The rate the run uses: <see cref="LearningRate"/>, or the optimizer's default (<see cref="OptimizerFactory.DefaultLearningRate"/>).</summary>
    public float EffectiveLearningRate => LearningRate ?? OptimizerFactory.DefaultLearningRate(Optimizer);

    /// <summary>
    /// Parses the digits options alone (no command name); prints the problem and the usage line on the console's
    /// error stream and returns null on a bad argument.
    /// </summary>
    public static DigitsSettings? Parse(string[] args)
    {
        var options = new DigitsOptions();
        var command = new RootCommand();
        command.Options.Clear();
        foreach (var option in options.All) command.Options.Add(option);
        var result = command.Parse(args);
        if (result.Errors.Count == 0) return options.Bind(result);
        Console.Error.WriteLine("error: " + result.Errors[0].Message);
        Console.Error.WriteLine(DigitsOptions.UsageLine);
        return null;
    }
}

/// <summary>The digits command's options, as System.CommandLine options, and their binding to <see cref="DigitsSettings"/>.</summary>
internal sealed class DigitsOptions
{
    /// <summary>The usage line of the digits command.</summary>
    public const string UsageLine = "usage: NetGen.Samples [digits] [options]";

    /// <summary>What the help says after the options.</summary>
    public const string Footer = "The test split doubles as the validation set: plateau and early stopping watch its loss.";

    private readonly Option<int> _epochs = CliOptions.PositiveInt("--epochs", DigitsSettings.Default.Epochs, "passes over the training data (default 60)");
    private readonly Option<int> _batch = CliOptions.PositiveInt("--batch", DigitsSettings.Default.BatchSize, "mini-batch size (default 32)");
    private readonly Option<OptimizerChoice> _optimizer = CliOptions.Optimizer(OptimizerChoice.Sgd, """
        sgd (default), momentum, nesterov (both SGD with momentum 0.9),
        adagrad, rmsprop, adam, adamw (weight decay 0.01), adamax, nadam
        """);
    private readonly Option<float?> _rate = CliOptions.PositiveFloat("--lr", """
        learning rate; with a schedule, the rate it starts from (cosine and
        onecycle: the peak they climb to). Default 0.05 for sgd, momentum
        and nesterov; otherwise the optimizer's own default: adagrad 0.01,
        rmsprop 0.01, adam 0.001, adamw 0.001, adamax 0.002, nadam 0.002
        """);
    private readonly Option<ScheduleChoice> _schedule = CliOptions.Schedule("""
        none (default: constant rate), or, over the run's
        T = epochs × ceil(train samples / batch) steps:
          exponential  lr × 0.1^(t/T)
          piecewise    × 0.1 from 50 % of T, × 0.1 again from 75 %
          power        lr / (1 + t/s), s = 10 epochs of steps
          cosine       linear warmup from 0 over 5 % of T, cosine decay to 0
          onecycle     1cycle: lr/25 up to lr at 30 % of T, down to lr/250000
          plateau      × 0.5 after 5 epochs without a lower test loss
        """);
    private readonly Option<int?> _earlyStopping = CliOptions.OptionalPositiveInt("--early-stopping", "stop after N epochs without a lower test loss; keep the best weights");
    private readonly Option<float?> _clipNorm = CliOptions.PositiveFloat("--clip-norm", "rescale each kernel's and bias's gradient to L2 norm ≤ X (Keras clipnorm)");
    private readonly Option<int> _seed = CliOptions.Int("--seed", DigitsSettings.Default.Seed, "seed of the weights, the split and the shuffling (default 42)");
    private readonly Option<string?> _data = CliOptions.Path("--data", "PATH", "digits CSV (default: data/digits.csv.gz beside the program)");
    private readonly Option<string?> _save = CliOptions.Path("--save", "PATH", "after training, save a checkpoint (safetensors: weights and optimizer state)");
    private readonly Option<string?> _load = CliOptions.Path("--load", "PATH", """
        skip training: load a checkpoint saved by --save (same seed, so the same
        split), then evaluate and predict
        """);

    /// <summary>Every option, in help order.</summary>
    public IReadOnlyList<Option> All => [_epochs, _batch, _optimizer, _rate, _schedule, _earlyStopping, _clipNorm, _seed, _data, _save, _load];

    /// <summary>The settings a successful parse gives.</summary>
    public DigitsSettings Bind(ParseResult result) => new(
        result.GetValue(_epochs), result.GetValue(_batch), result.GetValue(_rate), result.GetValue(_seed), result.GetValue(_data),
        result.GetValue(_optimizer), result.GetValue(_schedule),
        result.GetValue(_earlyStopping),
        result.GetValue(_clipNorm), result.GetValue(_save), result.GetValue(_load));
}
