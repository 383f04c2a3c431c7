using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;

namespace NetGen.Samples.Experiments;

/// <summary>Writes an experiment's charts and its markdown report (report.md) into the output folder.</summary>
public static class ExperimentReport
{
    /// <summary>The report's file name.</summary>
    public const string FileName = "report.md";

    /// <summary>Writes the charts and the report; returns the files written.</summary>
    public static IReadOnlyList<string> Write(Experiment experiment, ExperimentSettings settings, ExperimentData data, IReadOnlyList<RunResult> results, string commandLine, string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        string? chartError = null;
        try
        {
            files.AddRange(WriteCharts(experiment, settings, results, directory));
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or IOException or InvalidOperationException)
        {
            // SkiaSharp's native library missing (e.g. a native binary copied without libSkiaSharp.so): report without charts.
            chartError = e.GetBaseException().Message;
        }
        string report = Path.Combine(directory, FileName);
        File.WriteAllText(report, Markdown(experiment, settings, data, results, commandLine, files.Select(Path.GetFileName).ToList()!, chartError));
        files.Add(report);
        return files;
    }

    private static IEnumerable<string> WriteCharts(Experiment experiment, ExperimentSettings settings, IReadOnlyList<RunResult> results, string directory)
    {
        var byConfig = experiment.Configurations.Select(c => (Config: c, Runs: results.Where(r => r.Configuration == c).ToList())).ToList();
        string seeds = settings.Seeds == 1 ? "seed " + settings.FirstSeed.ToString(CultureInfo.InvariantCulture) : $"mean of {settings.Seeds} seeds";

        string accuracy = Path.Combine(directory, "accuracy.png");
        Charts.Lines(accuracy, $"{experiment.Title}: validation accuracy ({seeds})", "epoch", "validation accuracy",
            byConfig.Select(g => MeanCurve(g.Config.Label, g.Runs, m => m.ValidationAccuracy ?? double.NaN)));
        yield return accuracy;

        string loss = Path.Combine(directory, "loss.png");
        Charts.Lines(loss, $"{experiment.Title}: training loss ({seeds})", "epoch", "training loss",
            byConfig.Select(g => MeanCurve(g.Config.Label, g.Runs, m => m.Loss)), logY: true);
        yield return loss;

        string profile = Path.Combine(directory, "gradient-profile.png");
        Charts.Lines(profile, $"RMS gradient per layer in epoch 1 (seed {settings.FirstSeed})", "layer (1 = next to the input, last = output)", "RMS gradient ‖g‖/√n",
            byConfig.Where(g => g.Runs.Count > 0 && g.Runs[0].Epochs.Count > 0).Select(g =>
            {
                var health = g.Runs[0].Epochs[0].Health!;
                return new Series(g.Config.Label, health.Select(h => h.Layer + 1.0).ToArray(), health.Select(h => h.GradientRms).ToArray());
            }), logY: true);
        yield return profile;

        foreach (var (config, runs) in byConfig)
        {
            if (runs.Count == 0 || runs[0].Epochs.Count == 0) continue;
            var first = runs[0];
            int layers = first.Epochs[0].Health!.Count;
            string path = Path.Combine(directory, $"gradients-{config.Key}.png");
            Charts.Lines(path, $"{config.Label}: RMS gradient per layer over training (seed {first.Seed})", "epoch", "RMS gradient ‖g‖/√n",
                Enumerable.Range(0, layers).Select(l => new Series(l == layers - 1 ? $"layer {l + 1} (output)" : $"layer {l + 1}",
                    first.Epochs.Select(e => (double)e.Epoch).ToArray(), first.Epochs.Select(e => e.Health![l].GradientRms).ToArray())), logY: true);
            yield return path;
        }
    }

    /// <summary>The per-epoch mean over the runs that reached that epoch.</summary>
    private static Series MeanCurve(string label, List<RunResult> runs, Func<EpochMetrics, double> value)
    {
        int epochs = runs.Count == 0 ? 0 : runs.Max(r => r.Epochs.Count);
        var x = Enumerable.Range(1, epochs).Select(e => (double)e).ToArray();
        var y = Enumerable.Range(0, epochs).Select(e => runs.Where(r => r.Epochs.Count > e).Select(r => value(r.Epochs[e])).DefaultIfEmpty(double.NaN).Average()).ToArray();
        return new Series(label, x, y);
    }

    private static string Markdown(Experiment experiment, ExperimentSettings settings, ExperimentData data, IReadOnlyList<RunResult> results, string commandLine, IReadOnlyList<string> charts, string? chartError)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        void Line(FormattableString s) => md.AppendLine(s.ToString(inv));

        Line($"# {experiment.Title}");
        md.AppendLine();
        md.AppendLine(experiment.Question);
        md.AppendLine();
        Line($"- command: `{commandLine}`");
        Line($"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}{(IsNativeAot ? " (NativeAOT)" : "")}, Vector<float> lanes {System.Numerics.Vector<float>.Count}");
        Line($"- data: digits, stratified split (seed {ExperimentSettings.SplitSeed}): train {data.Train.Count}, validation {data.Validation.Count}, test {data.Test.Count}; standardized with the training statistics");
        Line($"- training: {OptimizerFactory.Describe(settings.Optimizer, settings.EffectiveLearningRate)}, batch {settings.BatchSize}, {settings.Epochs} epochs, seeds {settings.FirstSeed}–{settings.FirstSeed + settings.Seeds - 1} ({settings.Seeds} per configuration); networks: 64 → 10 hidden layers of 100 → 10 softmax");
        md.AppendLine();

        var byConfig = experiment.Configurations.Select(c => (Config: c, Runs: results.Where(r => r.Configuration == c).ToList())).ToList();
        md.AppendLine("## Results");
        md.AppendLine();
        Line($"Mean ± sample standard deviation over the seeds. Epochs to {settings.Target:P0}: first epoch whose validation accuracy reaches it, over the runs that reached it.");
        md.AppendLine();
        Line($"| configuration | final validation accuracy | test accuracy | epochs to {settings.Target:P0} | runs reaching it | layer-1 / output RMS gradient, epoch 1 | s per run |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (config, runs) in byConfig)
        {
            var reached = runs.Select(r => r.EpochsTo(settings.Target)).Where(e => e is not null).Select(e => (double)e!.Value).ToList();
            var ratio = Stat.Of(runs.Where(r => r.Epochs.Count > 0).Select(r => r.Epochs[0].Health!).Select(h => h[0].GradientRms / h[^1].GradientRms));
            string diverged = runs.Count(r => r.Failure is not null) is int d and > 0 ? $" ({d} diverged)" : "";
            Line($"| {config.Label}{diverged} | {Stat.Of(runs.Select(r => r.FinalValidationAccuracy)).Percent()} | {Stat.Of(runs.Select(r => r.TestAccuracy)).Percent()} | {Stat.Of(reached).Plain("F1")} | {reached.Count}/{runs.Count} | {(ratio.Count == 0 ? "–" : ratio.Mean.ToString("G2", inv))} | {runs.Average(r => r.Elapsed.TotalSeconds):F1} |");
        }
        md.AppendLine();

        if (experiment.Claim is { } claim)
            ClaimCheck(md, experiment, settings, byConfig);

        int maxLayers = results.Where(r => r.Epochs.Count > 0).Select(r => r.Epochs[0].Health!.Count).DefaultIfEmpty(0).Max();
        foreach (var (title, pick) in new (string, Func<RunResult, EpochMetrics?>)[] { ("epoch 1", r => r.Epochs.FirstOrDefault()), ("the last epoch", r => r.Epochs.LastOrDefault()) })
        {
            Line($"## Per-layer RMS gradient, {title} (seed {settings.FirstSeed})");
            md.AppendLine();
            md.AppendLine("RMS of each layer's gradient (‖g‖/√n over kernel, bias and batch-norm parameters), averaged over the epoch's steps; layer 1 is next to the input, the last is the output layer. *sat* is the mean fraction of saturated sigmoid/tanh outputs over the hidden layers, *dead* the mean fraction of ReLU units silent for a whole batch.");
            md.AppendLine();
            md.Append("| configuration |");
            for (int l = 1; l <= maxLayers; l++) md.Append(inv, $" {l} |");
            md.AppendLine(" sat / dead |");
            md.Append("|---|");
            for (int l = 0; l <= maxLayers; l++) md.Append("---|");
            md.AppendLine();
            foreach (var (config, runs) in byConfig)
            {
                var epoch = runs.Count > 0 ? pick(runs[0]) : null;
                if (epoch?.Health is not { } health) continue;
                md.Append(inv, $"| {config.Label} |");
                foreach (var h in health) md.Append(inv, $" {h.GradientRms:G2} |");
                var sat = health.Where(h => h.SaturatedFraction is not null).Select(h => h.SaturatedFraction!.Value).ToList();
                var dead = health.Where(h => h.DeadFraction is not null).Select(h => h.DeadFraction!.Value).ToList();
                string extra = sat.Count > 0 ? sat.Average().ToString("P0", inv) + " sat" : dead.Count > 0 ? dead.Average().ToString("P0", inv) + " dead" : "–";
                md.AppendLine(inv, $" {extra} |");
            }
            md.AppendLine();
        }

        md.AppendLine(inv, $"## Training warnings (seed {settings.FirstSeed})");
        md.AppendLine();
        bool any = false;
        foreach (var (config, runs) in byConfig)
            foreach (var w in runs.Count > 0 ? runs[0].Warnings : [])
            {
                md.AppendLine(inv, $"- {config.Label}: {w.Message}");
                any = true;
            }
        if (!any) md.AppendLine("None.");
        md.AppendLine();

        md.AppendLine("## Charts");
        md.AppendLine();
        if (chartError is not null) md.AppendLine("Charts unavailable: " + chartError);
        foreach (var chart in charts) md.AppendLine(inv, $"![{Path.GetFileNameWithoutExtension(chart)}]({chart})");
        return md.ToString();
    }

    private static void ClaimCheck(StringBuilder md, Experiment experiment, ExperimentSettings settings, List<(Configuration Config, List<RunResult> Runs)> byConfig)
    {
        var inv = CultureInfo.InvariantCulture;
        var claim = experiment.Claim!;
        string Label(string key) => byConfig.First(g => g.Config.Key == key).Config.Label;
        double Accuracy(string key) => byConfig.First(g => g.Config.Key == key).Runs.Average(r => r.FinalValidationAccuracy);
        // Runs that never reach the target count as the full budget + 1, so they rank last.
        double Speed(string key) => byConfig.First(g => g.Config.Key == key).Runs.Average(r => (double)(r.EpochsTo(settings.Target) ?? settings.Epochs + 1));
        var byAccuracy = claim.OrderByDescending(Accuracy).ToList();
        var bySpeed = claim.OrderBy(Speed).ToList();
        int pairs = claim.Count * (claim.Count - 1) / 2;
        int Agreeing(Func<string, double> better) => Enumerable.Range(0, claim.Count).Sum(i => Enumerable.Range(i + 1, claim.Count - i - 1).Count(j => better(claim[i]) > better(claim[j])));

        md.AppendLine("## Against the chapter's claim");
        md.AppendLine();
        md.AppendLine(inv, $"- claimed: {string.Join(" > ", claim.Select(Label))}");
        md.AppendLine(inv, $"- measured, by mean final validation accuracy: {string.Join(" > ", byAccuracy.Select(k => $"{Label(k)} ({100 * Accuracy(k):F2} %)"))}");
        md.AppendLine(inv, $"- measured, by mean epochs to {settings.Target:P0} (not reached = {settings.Epochs + 1}): {string.Join(" < ", bySpeed.Select(k => $"{Label(k)} ({Speed(k):F1})"))}");
        md.AppendLine(inv, $"- pairs in the claimed order: {Agreeing(Accuracy)}/{pairs} by accuracy, {Agreeing(k => -Speed(k))}/{pairs} by speed (strictly; ties count as disagreeing); exact order {(byAccuracy.SequenceEqual(claim) ? "reproduced" : "not reproduced")} by accuracy, {(bySpeed.SequenceEqual(claim) ? "reproduced" : "not reproduced")} by speed");
        md.AppendLine();
    }

    /// <summary>A NativeAOT binary ships without the managed assembly (RuntimeFeature.IsDynamicCodeSupported is already false under JIT with PublishAot set).</summary>
    private static bool IsNativeAot => !File.Exists(Path.Combine(AppContext.BaseDirectory, "NetGen.Samples.dll"));
}
