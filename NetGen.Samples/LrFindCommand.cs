using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using NetGen.Samples.Experiments;
using static System.FormattableString;

namespace NetGen.Samples;

/// <summary>Settings of the <c>lr-find</c> command.</summary>
/// <param name="Seed">Seed of the split (as <c>digits</c>), the weights and the finder's shuffling.</param>
/// <param name="Steps">Mini-batches of the range test.</param>
/// <param name="StartRate">The range test's first rate.</param>
/// <param name="EndRate">The range test's last rate.</param>
/// <param name="Epochs">Epochs of the training run at the suggested rate.</param>
/// <param name="BatchSize">Samples per step, in the range test and in training.</param>
/// <param name="OutputDirectory">Where the chart and report go; null for <c>out/lr-find/</c>.</param>
/// <param name="DataPath">The digits CSV; null for the shipped file.</param>
public sealed record LrFindSettings(int Seed, int Steps, double StartRate, double EndRate, int Epochs, int BatchSize, string? OutputDirectory, string? DataPath)
{
    /// <summary>The defaults: Géron's 1e-6 to 10 over 300 batches of 32, then the digits job's 60 epochs, seed 42.</summary>
    public static LrFindSettings Default { get; } = new(42, 300, 1e-6, 10, 60, 32, null, null);
}

/// <summary>
/// The <c>lr-find</c> command: the learning-rate range test on the digits job's training split (same split and
/// standardization), a chart and a report, then the digits network trained with plain SGD at the suggested rate.
/// </summary>
public static class LrFindCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "lr-find";

    /// <summary>Runs the command; returns the exit code (1 a missing or bad file or folder).</summary>
    public static int Run(LrFindSettings settings, string commandLine, TextWriter output, TextWriter error)
    {
        string path = settings.DataPath ?? DigitsClassifier.DefaultDataPath;
        if (!File.Exists(path))
        {
            error.WriteLine($"error: data file not found: {path}");
            return 1;
        }
        LabeledDataset train;
        try
        {
            train = DigitsClassifier.LoadSplit(path, settings.Seed).Train;
        }
        catch (Exception e) when (e is IOException or FormatException or InvalidDataException)
        {
            error.WriteLine($"error: {path}: {e.Message}");
            return 1;
        }
        string directory = settings.OutputDirectory ?? Path.Combine("out", Name);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot create the output folder {directory}: {e.Message}");
            return 1;
        }

        var options = new LearningRateFinderOptions
        {
            StartRate = settings.StartRate, EndRate = settings.EndRate, Steps = settings.Steps, BatchSize = settings.BatchSize, Seed = settings.Seed,
        };
        var finder = LearningRateFinder.Find(new DigitsNet(settings.Seed), train.Features, train.LabelsAsFloats(), options);
        output.WriteLine(Invariant($"range test: plain SGD, {finder.Rates.Count} of {settings.Steps} batches of {settings.BatchSize} from {settings.StartRate:G3} to {finder.Rates[^1]:G3}{(finder.StoppedEarly ? " (stopped: the loss passed 4× its lowest)" : "")}"));
        output.WriteLine(Invariant($"lowest smoothed loss {finder.MinimumLoss:F4} at rate {finder.MinimumLossRate:G3}; suggested rate {finder.SuggestedRate:G3}"));

        var digits = DigitsSettings.Default with
        {
            Seed = settings.Seed, DataPath = settings.DataPath, Epochs = settings.Epochs, BatchSize = settings.BatchSize, LearningRate = (float)finder.SuggestedRate,
        };
        var result = DigitsClassifier.Run(digits, TextWriter.Null);
        output.WriteLine(Invariant($"trained at the suggested rate: test accuracy {result.TestAccuracy:P2} (loss {result.TestLoss:F4}) after {result.History.Epochs.Count} epochs on the held-out 25 % split"));

        var files = new List<string>();
        string? chartError = null;
        try
        {
            string chart = Path.Combine(directory, "lr-find.png");
            Charts.LearningRateCurve(chart, "Learning-rate range test: DigitsNet, plain SGD", finder.Rates, finder.Losses, finder.MinimumLossRate, finder.SuggestedRate);
            files.Add(chart);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or IOException or InvalidOperationException)
        {
            chartError = e.Message;
        }
        try
        {
            string curve = Path.Combine(directory, "lr-find.csv");
            File.WriteAllLines(curve, new[] { "rate,loss,raw_loss" }.Concat(finder.Rates.Select((r, i) => Invariant($"{r:R},{finder.Losses[i]:R},{finder.RawLosses[i]:R}"))));
            files.Add(curve);
            string report = Path.Combine(directory, "report.md");
            File.WriteAllText(report, Report(settings, finder, result, commandLine, chartError));
            files.Add(report);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: writing the report to {directory}: {e.Message}");
            return 1;
        }
        foreach (var file in files) output.WriteLine($"wrote {file}");
        if (chartError is not null) error.WriteLine($"warning: chart unavailable (SkiaSharp's native library could not be loaded): {chartError}");
        return 0;
    }

    private static string Report(LrFindSettings settings, LearningRateFinderResult finder, DigitsResult result, string commandLine, string? chartError)
    {
        var md = new StringBuilder();
        md.AppendLine("# Learning-rate range test on digits").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"`{commandLine}`").AppendLine();
        md.AppendLine(Invariant($"DigitsNet (64 → 128 ReLU → 128 ReLU → 10 softmax, seed {settings.Seed}) on the `digits` command's training split "));
        md.AppendLine(Invariant($"(stratified 75 %, standardized), plain SGD, batches of {settings.BatchSize}. The rate grows geometrically from "));
        md.AppendLine(Invariant($"{settings.StartRate:G3} to {settings.EndRate:G3} over {settings.Steps} batches; the loss is smoothed (bias-corrected moving average, "));
        md.AppendLine("β = 0.9) and the run stops once it passes 4× its lowest. The suggestion is the rate at the lowest loss ÷ 10 (Géron, ch. 11).").AppendLine();
        md.AppendLine("| | |").AppendLine("|---|---|");
        md.AppendLine(Invariant($"| batches run | {finder.Rates.Count} of {settings.Steps}{(finder.StoppedEarly ? " (stopped early)" : "")} |"));
        md.AppendLine(Invariant($"| lowest smoothed loss | {finder.MinimumLoss:F4} at rate {finder.MinimumLossRate:G3} |"));
        md.AppendLine(Invariant($"| **suggested rate** | **{finder.SuggestedRate:G3}** |"));
        md.AppendLine(Invariant($"| test accuracy, {result.History.Epochs.Count} epochs of SGD at the suggestion | **{result.TestAccuracy:P2}** (loss {result.TestLoss:F4}) |"));
        md.AppendLine();
        md.AppendLine(chartError is null ? "![loss against learning rate](lr-find.png)" : $"Chart unavailable: {chartError}");
        md.AppendLine().AppendLine("The curve itself: `lr-find.csv` (rate, smoothed loss, raw batch loss).");
        return md.ToString();
    }
}

/// <summary>The <c>lr-find</c> command's options and their binding to <see cref="LrFindSettings"/>.</summary>
internal sealed class LrFindOptions
{
    private static readonly LrFindSettings Defaults = LrFindSettings.Default;
    private readonly Option<int> _steps = CliOptions.PositiveInt("--steps", Defaults.Steps, Invariant($"mini-batches of the range test (default {Defaults.Steps})"));
    private readonly Option<float?> _startRate = CliOptions.PositiveFloat("--start-lr", Invariant($"the range test's first rate (default {Defaults.StartRate:G3})"));
    private readonly Option<float?> _endRate = CliOptions.PositiveFloat("--end-lr", Invariant($"its last rate, if the loss has not blown up before (default {Defaults.EndRate:G3})"));
    private readonly Option<int> _epochs = CliOptions.PositiveInt("--epochs", Defaults.Epochs, Invariant($"epochs of the training run at the suggested rate (default {Defaults.Epochs})"));
    private readonly Option<int> _batch = CliOptions.PositiveInt("--batch", Defaults.BatchSize, Invariant($"mini-batch size, range test and training (default {Defaults.BatchSize})"));
    private readonly Option<int> _seed = CliOptions.Int("--seed", Defaults.Seed, Invariant($"seed of the split (as digits), the weights and the shuffling (default {Defaults.Seed})"));
    private readonly Option<string?> _output = CliOptions.Path("--out", "DIR", "output folder for lr-find.png, lr-find.csv and report.md (default out/lr-find/)");
    private readonly Option<string?> _data = CliOptions.Path("--data", "PATH", "digits CSV (default: data/digits.csv.gz beside the program)");

    /// <summary>What the command does, for its help.</summary>
    public const string About = "Géron's learning-rate range test (ch. 11) on the digits training split: plain SGD while the rate grows\n" +
        "geometrically, loss against rate charted, the rate at the lowest loss ÷ 10 suggested; then DigitsNet\n" +
        "is trained at the suggestion and its held-out accuracy printed.";

    /// <summary>Every option, in help order.</summary>
    public IReadOnlyList<Option> All => [_steps, _startRate, _endRate, _epochs, _batch, _seed, _output, _data];

    /// <summary>The settings a successful parse gives; null with <paramref name="error"/> when the rates are out of order.</summary>
    public LrFindSettings? Bind(ParseResult result, out string? error)
    {
        var settings = Defaults with
        {
            Steps = result.GetValue(_steps), StartRate = result.GetValue(_startRate) ?? Defaults.StartRate, EndRate = result.GetValue(_endRate) ?? Defaults.EndRate,
            Epochs = result.GetValue(_epochs), BatchSize = result.GetValue(_batch), Seed = result.GetValue(_seed),
            OutputDirectory = result.GetValue(_output), DataPath = result.GetValue(_data),
        };
        error = settings.EndRate > settings.StartRate ? settings.Steps >= 2 ? null : "--steps needs at least 2 batches"
            : Invariant($"--end-lr ({settings.EndRate:G3}) must be larger than --start-lr ({settings.StartRate:G3})");
        return error is null ? settings : null;
    }
}
