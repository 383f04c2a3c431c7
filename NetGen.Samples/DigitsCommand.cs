using System;
using System.Globalization;
using System.IO;

namespace NetGen.Samples;

/// <summary>The <c>digits</c> command (the default): trains the digits classifier and reports its held-out accuracy and speed.</summary>
public static class DigitsCommand
{
    /// <summary>Runs the command with parsed settings; returns the exit code (1 a missing or bad file, 2 settings that do not fit the run).</summary>
    public static int Run(DigitsSettings settings, TextWriter output, TextWriter error)
    {
        string path = settings.DataPath ?? DigitsClassifier.DefaultDataPath;
        if (!File.Exists(path))
        {
            error.WriteLine($"error: data file not found: {path}");
            return 1;
        }

        DigitsResult result;
        try
        {
            result = DigitsClassifier.Run(settings, output);
        }
        catch (CheckpointException e)
        {
            error.WriteLine($"error: checkpoint {settings.LoadPath}: {e.Message}");
            return 1;
        }
        catch (IOException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (FormatException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (ArgumentException e)
        {
            // The settings parse but do not fit this run, e.g. a 1cycle schedule over too few steps.
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
        var history = result.History;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"test accuracy {result.TestAccuracy:P2} (loss {result.TestLoss:F4}) on the held-out 25 % stratified split"));
        if (history.Epochs.Count > 0) // nothing was trained when a checkpoint was loaded
        {
            var best = history.Epochs[0];
            foreach (var epoch in history.Epochs)
                if (epoch.ValidationAccuracy > best.ValidationAccuracy) best = epoch;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"best test accuracy {best.ValidationAccuracy:P2} at epoch {best.Epoch}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"training time {history.TrainingTime.TotalSeconds:F2} s in steps ({history.SamplesPerSecond:N0} samples/s), {history.Elapsed.TotalSeconds:F2} s with per-epoch evaluation"));
        }
        return 0;
    }
}
