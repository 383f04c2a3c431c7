using System;
using System.Globalization;
using static NetGen.Samples.ArgumentValues;

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
    private const string Usage = """
        usage: NetGen.Samples [digits] [options]
          --epochs N          passes over the training data (default 60)
          --batch N           mini-batch size (default 32)
          --optimizer NAME    sgd (default), momentum, nesterov (both SGD with momentum 0.9),
                              adagrad, rmsprop, adam, adamw (weight decay 0.01), adamax, nadam
          --lr X              learning rate; with a schedule, the rate it starts from (cosine and
                              onecycle: the peak they climb to). Default 0.05 for sgd, momentum
                              and nesterov; otherwise the optimizer's own default: adagrad 0.01,
                              rmsprop 0.01, adam 0.001, adamw 0.001, adamax 0.002, nadam 0.002
          --schedule NAME     none (default: constant rate), or, over the run's
                              T = epochs × ceil(train samples / batch) steps:
                                exponential  lr × 0.1^(t/T)
                                piecewise    × 0.1 from 50 % of T, × 0.1 again from 75 %
                                power        lr / (1 + t/s), s = 10 epochs of steps
                                cosine       linear warmup from 0 over 5 % of T, cosine decay to 0
                                onecycle     1cycle: lr/25 up to lr at 30 % of T, down to lr/250000
                                plateau      × 0.5 after 5 epochs without a lower test loss
          --early-stopping N  stop after N epochs without a lower test loss; keep the best weights
          --clip-norm X       rescale each kernel's and bias's gradient to L2 norm ≤ X (Keras clipnorm)
          --seed N            seed of the weights, the split and the shuffling (default 42)
          --data PATH         digits CSV (default: data/digits.csv.gz beside the program)
          --save PATH         after training, save a checkpoint (safetensors: weights and optimizer state)
          --load PATH         skip training: load a checkpoint saved by --save (same seed, so the same
                              split), then evaluate and predict
          --help              show this text
        The test split doubles as the validation set: plateau and early stopping watch its loss.
        """;

    /// <summary>The defaults: 60 epochs of batch-32 plain SGD at 0.05 with no schedule, seed 42, the shipped data.</summary>
    public static DigitsSettings Default { get; } = new(60, 32, null, 42, null);

    /// <summary>The rate the run uses: <see cref="LearningRate"/>, or the optimizer's default (<see cref="OptimizerFactory.DefaultLearningRate"/>).</summary>
    public float EffectiveLearningRate => LearningRate ?? OptimizerFactory.DefaultLearningRate(Optimizer);

    /// <summary>Whether the user asked for the usage text.</summary>
    public static bool WantsHelp(string[] args) => Array.Exists(args, a => a is "--help" or "-h");

    /// <summary>Prints the usage text.</summary>
    public static void PrintUsage() => Console.WriteLine(Usage);

    /// <summary>The usage text of the digits options.</summary>
    public static string UsageText => Usage;

    /// <summary>Parses the arguments; prints the problem and the usage and returns null on a bad argument.</summary>
    public static DigitsSettings? Parse(string[] args)
    {
        var settings = Default;
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (i + 1 >= args.Length) return Fail($"missing value after {name}");
            string value = args[++i];
            switch (name)
            {
                case "--epochs" when PositiveInt(value) is int epochs:
                    settings = settings with { Epochs = epochs };
                    break;
                case "--batch" when PositiveInt(value) is int batch:
                    settings = settings with { BatchSize = batch };
                    break;
                case "--lr" when PositiveFloat(value) is float rate:
                    settings = settings with { LearningRate = rate };
                    break;
                case "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out int seed):
                    settings = settings with { Seed = seed };
                    break;
                case "--save":
                    settings = settings with { SavePath = value };
                    break;
                case "--load":
                    settings = settings with { LoadPath = value };
                    break;
                case "--data":
                    settings = settings with { DataPath = value };
                    break;
                case "--optimizer" when OptimizerFactory.TryParse(value, out var optimizer):
                    settings = settings with { Optimizer = optimizer };
                    break;
                case "--optimizer":
                    return Fail($"unknown optimizer '{value}'; choose one of {string.Join(", ", OptimizerFactory.Names)}");
                case "--schedule" when ScheduleFactory.TryParse(value, out var schedule):
                    settings = settings with { Schedule = schedule };
                    break;
                case "--schedule":
                    return Fail($"unknown schedule '{value}'; choose one of {string.Join(", ", ScheduleFactory.Names)}");
                case "--early-stopping" when PositiveInt(value) is int patience:
                    settings = settings with { EarlyStoppingPatience = patience };
                    break;
                case "--clip-norm" when PositiveFloat(value) is float limit:
                    settings = settings with { ClipNorm = limit };
                    break;
                case "--epochs" or "--batch" or "--early-stopping":
                    return Fail($"{name} needs a whole number of at least 1, not '{value}'");
                case "--seed":
                    return Fail($"--seed needs a whole number, not '{value}'");
                case "--lr" or "--clip-norm":
                    return Fail($"{name} needs a positive finite number, not '{value}'");
                default:
                    return Fail($"bad argument: {name} {value}");
            }
        }
        return settings;
    }


    private static DigitsSettings? Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        Console.Error.WriteLine(Usage);
        return null;
    }
}
