using System;
using System.Globalization;
using System.IO;
using NetGen;
using NetGen.Samples;

// Trains the digits classifier (DigitsClassifier) and reports its held-out accuracy and speed.
if (DigitsSettings.WantsHelp(args))
{
    DigitsSettings.PrintUsage();
    return 0;
}
var settings = DigitsSettings.Parse(args);
if (settings is null) return 2;

string path = settings.DataPath ?? DigitsClassifier.DefaultDataPath;
if (!File.Exists(path))
{
    Console.Error.WriteLine($"error: data file not found: {path}");
    return 1;
}

DigitsResult result;
try
{
    result = DigitsClassifier.Run(settings, Console.Out);
}
catch (CheckpointException e)
{
    Console.Error.WriteLine($"error: checkpoint {settings.LoadPath}: {e.Message}");
    return 1;
}
catch (IOException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
catch (FormatException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
catch (ArgumentException e)
{
    // The settings parse but do not fit this run, e.g. a 1cycle schedule over too few steps.
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
var history = result.History;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"test accuracy {result.TestAccuracy:P2} (loss {result.TestLoss:F4}) on the held-out 25 % stratified split"));
if (history.Epochs.Count > 0) // nothing was trained when a checkpoint was loaded
{
    var best = history.Epochs[0];
    foreach (var epoch in history.Epochs)
        if (epoch.ValidationAccuracy > best.ValidationAccuracy) best = epoch;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"best test accuracy {best.ValidationAccuracy:P2} at epoch {best.Epoch}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"training time {history.TrainingTime.TotalSeconds:F2} s in steps ({history.SamplesPerSecond:N0} samples/s), {history.Elapsed.TotalSeconds:F2} s with per-epoch evaluation"));
}
return 0;
