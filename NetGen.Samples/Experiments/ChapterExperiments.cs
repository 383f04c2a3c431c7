using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NetGen.Samples.Experiments;

/// <summary>The chapter 11 experiments (Géron, Hands-On ML, "Training Deep Neural Networks") as commands of the samples app.</summary>
public static class ChapterExperiments
{
    private static readonly Configuration SigmoidNormal1 = new("sigmoid-n1", "sigmoid, N(0, 1)", s => new SigmoidNormal1Net(s));
    private static readonly Configuration SigmoidNormal01 = new("sigmoid-n01", "sigmoid, N(0, 0.1²)", s => new SigmoidNormal01Net(s));
    private static readonly Configuration SigmoidNormal1Bn = new("sigmoid-n1-bn", "sigmoid, N(0, 1), BN before act.", s => new SigmoidNormal1BatchNormNet(s));
    private static readonly Configuration SigmoidGlorot = new("sigmoid", "sigmoid, Glorot", s => new SigmoidGlorotNet(s));
    private static readonly Configuration TanhGlorot = new("tanh", "tanh, Glorot", s => new TanhGlorotNet(s));
    private static readonly Configuration ReluHe = new("relu", "ReLU, He", s => new ReluHeNet(s));
    private static readonly Configuration LeakyReluHe = new("leaky-relu", "Leaky ReLU (0.01), He", s => new LeakyReluHeNet(s));
    private static readonly Configuration EluHe = new("elu", "ELU, He", s => new EluHeNet(s));
    private static readonly Configuration SeluLeCun = new("selu", "SELU, LeCun normal", s => new SeluLeCunNet(s));
    private static readonly Configuration ReluBnBefore = new("relu-bn-before", "ReLU, He, BN before act.", s => new ReluHeBatchNormBeforeNet(s));
    private static readonly Configuration ReluBnAfter = new("relu-bn-after", "ReLU, He, BN after act.", s => new ReluHeBatchNormAfterNet(s));

    private static ExperimentSettings Budget(int epochs, int seeds) => new(epochs, seeds, 1, 32, OptimizerChoice.Sgd, 0.01f, 0.95, null, null);

    /// <summary>Every experiment, by command name.</summary>
    public static IReadOnlyList<Experiment> All { get; } =
    [
        new("vanishing", "Vanishing gradients in a deep sigmoid network",
            "A 10-hidden-layer sigmoid network with N(0, 1) kernels (the chapter's naive init): are its lower layers' gradients orders of magnitude smaller than the top's, and does it learn? Then the chapter's fixes side by side: small N(0, 0.1²) kernels, Glorot init, batch normalization, ReLU/ELU with He init, SELU with LeCun normal on standardized inputs.",
            Budget(40, 3), [SigmoidNormal1, SigmoidNormal01, SigmoidGlorot, SigmoidNormal1Bn, ReluHe, EluHe, SeluLeCun]),
        new("activations", "Activation functions in a deep network",
            "The same 10-hidden-layer network with SELU (LeCun normal), ELU, Leaky ReLU and ReLU (He normal), tanh and sigmoid (Glorot), no batch norm, over several seeds: final validation accuracy and epochs to the target, held against the chapter's SELU > ELU > Leaky ReLU > ReLU > tanh > sigmoid.",
            Budget(40, 5), [SeluLeCun, EluHe, LeakyReluHe, ReluHe, TanhGlorot, SigmoidGlorot],
            Claim: [SeluLeCun.Key, EluHe.Key, LeakyReluHe.Key, ReluHe.Key, TanhGlorot.Key, SigmoidGlorot.Key]),
        new("batchnorm", "Batch normalization: without, before and after the activation",
            "The 10-hidden-layer ReLU network (He normal) without batch normalization, with BN before each activation (the paper's placement, dense bias dropped) and with BN after it.",
            Budget(40, 5), [ReluHe, ReluBnBefore, ReluBnAfter]),
    ];

    /// <summary>The experiment with this command name, or null.</summary>
    public static Experiment? Find(string name) => All.FirstOrDefault(e => e.Name == name);

    /// <summary>Runs an experiment command with parsed settings: trains, writes the report and charts. Returns the exit code.</summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="settings">Its settings.</param>
    /// <param name="commandLine">The command line, as the report quotes it.</param>
    /// <param name="output">Progress and the files written.</param>
    /// <param name="error">Problems.</param>
    public static int Run(Experiment experiment, ExperimentSettings settings, string commandLine, TextWriter output, TextWriter error)
    {
        string path = settings.DataPath ?? DigitsClassifier.DefaultDataPath;
        if (!File.Exists(path))
        {
            error.WriteLine($"error: data file not found: {path}");
            return 1;
        }
        ExperimentData data;
        try
        {
            data = ExperimentData.Load(path);
        }
        catch (Exception e) when (e is IOException or FormatException or InvalidDataException)
        {
            error.WriteLine($"error: {path}: {e.Message}");
            return 1;
        }
        string directory = settings.OutputFor(experiment.Name);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot create the output folder {directory}: {e.Message}");
            return 1;
        }

        int runs = experiment.Configurations.Count * settings.Seeds;
        output.WriteLine($"{experiment.Title}: {experiment.Configurations.Count} configurations × {settings.Seeds} seeds, {settings.Epochs} epochs each; output {directory}");
        var results = settings.Progress && ReferenceEquals(output, Console.Out) && SpectreProgress.Supported
            ? SpectreProgress.Show(runs, settings.Epochs, progress => experiment.Train(settings, data, progress))
            : experiment.Train(settings, data, new LogProgress(output));
        IReadOnlyList<string> files;
        try
        {
            files = ExperimentReport.Write(experiment, settings, data, results, commandLine, directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: writing the report to {directory}: {e.Message}");
            return 1;
        }
        foreach (var file in files) output.WriteLine($"wrote {file}");
        if (!files.Any(f => f.EndsWith(".png", StringComparison.Ordinal)))
            error.WriteLine($"warning: charts unavailable (SkiaSharp's native library could not be loaded); {ExperimentReport.FileName} says why");
        return 0;
    }
}
