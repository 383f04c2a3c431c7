using System;
using System.Globalization;

namespace NetGen.Samples;

/// <summary>Command-line settings of the digits sample.</summary>
public sealed record DigitsSettings(int Epochs, int BatchSize, float LearningRate, int Seed, string? DataPath)
{
    private const string Usage = """
        usage: NetGen.Samples [options]
          --epochs N        passes over the training data (default 60)
          --batch N         mini-batch size (default 32)
          --lr X            SGD learning rate (default 0.05)
          --seed N          seed of the weights, the split and the shuffling (default 42)
          --data PATH       digits CSV (default: data/digits.csv.gz beside the program)
          --help            show this text
        """;

    /// <summary>The defaults: 60 epochs of batch-32 SGD at 0.05, seed 42, the shipped data.</summary>
    public static DigitsSettings Default { get; } = new(60, 32, 0.05f, 42, null);

    /// <summary>Whether the user asked for the usage text.</summary>
    public static bool WantsHelp(string[] args) => Array.Exists(args, a => a is "--help" or "-h");

    /// <summary>Prints the usage text.</summary>
    public static void PrintUsage() => Console.WriteLine(Usage);

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
                case "--epochs" when int.TryParse(value, CultureInfo.InvariantCulture, out int epochs) && epochs > 0:
                    settings = settings with { Epochs = epochs };
                    break;
                case "--batch" when int.TryParse(value, CultureInfo.InvariantCulture, out int batch) && batch > 0:
                    settings = settings with { BatchSize = batch };
                    break;
                case "--lr" when float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float rate) && rate > 0 && float.IsFinite(rate):
                    settings = settings with { LearningRate = rate };
                    break;
                case "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out int seed):
                    settings = settings with { Seed = seed };
                    break;
                case "--data":
                    settings = settings with { DataPath = value };
                    break;
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
