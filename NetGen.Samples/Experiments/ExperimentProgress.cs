using System;
using System.Globalization;
using System.IO;
using Spectre.Console;

namespace NetGen.Samples.Experiments;

/// <summary>Told about an experiment's progress.</summary>
public interface IExperimentProgress
{
    /// <summary>A run of <paramref name="configuration"/> with <paramref name="seed"/> begins.</summary>
    void RunStarted(Configuration configuration, int seed);

    /// <summary>The current run finished an epoch.</summary>
    void EpochEnded(EpochMetrics metrics);

    /// <summary>The current run finished (or diverged).</summary>
    void RunEnded(RunResult result);
}

/// <summary>One log line per finished run (redirected output, tests, <c>--no-progress</c>).</summary>
public sealed class LogProgress(TextWriter log) : IExperimentProgress
{
    /// <inheritdoc/>
    public void RunStarted(Configuration configuration, int seed) { }

    /// <inheritdoc/>
    public void EpochEnded(EpochMetrics metrics) { }

    /// <inheritdoc/>
    public void RunEnded(RunResult result) => log.WriteLine(Describe(result));

    /// <summary>A finished run in one line.</summary>
    public static string Describe(RunResult result) => string.Create(CultureInfo.InvariantCulture,
        $"{result.Configuration.Label,-34} seed {result.Seed,3}: validation {result.FinalValidationAccuracy:P2}, test {result.TestAccuracy:P2} after {result.Epochs.Count} epochs ({result.Elapsed.TotalSeconds:F1} s){(result.Failure is null ? "" : "  DIVERGED: " + result.Failure)}");
}

/// <summary>Spectre.Console progress bars: the whole experiment and the current run, with the run's latest validation accuracy.</summary>
public sealed class SpectreProgress : IExperimentProgress
{
    private readonly ProgressTask _total, _run;
    private readonly int _epochs;
    private string _name = "";

    private SpectreProgress(ProgressContext context, int runs, int epochs)
    {
        _epochs = epochs;
        _total = context.AddTask("experiment", maxValue: (double)runs * epochs);
        _run = context.AddTask("run", maxValue: epochs);
    }

    /// <summary>Whether progress bars make sense: an interactive terminal with the output not redirected.</summary>
    public static bool Supported => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/> under progress bars for <paramref name="runs"/> runs of <paramref name="epochs"/> epochs.</summary>
    public static T Show<T>(int runs, int epochs, Func<IExperimentProgress, T> work)
    {
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn { Width = 20 }, new PercentageColumn(), new RemainingTimeColumn())
            .Start(context => result = work(new SpectreProgress(context, runs, epochs)));
        return result;
    }

    /// <inheritdoc/>
    public void RunStarted(Configuration configuration, int seed)
    {
        _name = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{configuration.Label} s{seed}"));
        _run.Value = 0;
        _run.Description = _name;
    }

    /// <inheritdoc/>
    public void EpochEnded(EpochMetrics metrics)
    {
        _run.Increment(1);
        _total.Increment(1);
        _run.Description = string.Create(CultureInfo.InvariantCulture, $"{_name} e{metrics.Epoch} {metrics.ValidationAccuracy:P0}");
    }

    /// <inheritdoc/>
    public void RunEnded(RunResult result)
    {
        // A diverged run ends early: count its missing epochs as done.
        _total.Increment(_epochs - result.Epochs.Count);
        AnsiConsole.MarkupLine(Markup.Escape(LogProgress.Describe(result)));
    }
}
