using System;
using System.Globalization;
using System.IO;
using static System.FormattableString;

namespace NetGen.Samples;

/// <summary>What one run of the digits classifier measured.</summary>
/// <param name="TestAccuracy">Accuracy on the held-out stratified test split.</param>
/// <param name="TestLoss">Mean softmax cross-entropy on the test split.</param>
/// <param name="History">The per-epoch record, with training time and throughput.</param>
public sealed record DigitsResult(double TestAccuracy, double TestLoss, TrainingHistory History);

/// <summary>
/// The main job: trains <see cref="DigitsNet"/> on scikit-learn's digits with a stratified 25 %
/// test split, standardization fitted on the training part, and the optimizer and schedule of the
/// settings (plain SGD at 0.05 with a constant rate by default).
/// </summary>
public static class DigitsClassifier
{
    /// <summary>The shipped data file, copied beside the program at build time.</summary>
    public static string DefaultDataPath => Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz");

    /// <summary>
    /// The job's data: the CSV at <paramref name="path"/>, its stratified 25 % test split drawn with
    /// <paramref name="seed"/>, both parts standardized with the training part's statistics.
    /// </summary>
    public static (LabeledDataset Data, LabeledDataset Train, LabeledDataset Test) LoadSplit(string path, int seed)
    {
        var data = CsvLoader.Load(path);
        var (train, test) = DataSplit.StratifiedSplit(data, testFraction: 0.25, seed: seed);
        var scaler = StandardScaler.Fit(train.Features, train.FeatureCount);
        scaler.Transform(train.Features);
        scaler.Transform(test.Features);
        return (data, train, test);
    }

    /// <summary>Loads, splits, standardizes, trains and evaluates; writes a line per epoch to <paramref name="log"/>.</summary>
    public static DigitsResult Run(DigitsSettings settings, TextWriter log)
    {
        var (data, train, test) = LoadSplit(settings.DataPath ?? DefaultDataPath, settings.Seed);
        float rate = settings.EffectiveLearningRate;
        // Built before anything is logged: a schedule that does not fit the run throws ArgumentException.
        var schedule = ScheduleFactory.Create(settings.Schedule, rate, settings.Epochs, ScheduleFactory.StepsPerEpoch(train.Count, settings.BatchSize));
        log.WriteLine($"digits: {data.Count} samples, {data.FeatureCount} features, {data.ClassCount} classes; train {train.Count}, test {test.Count}");

        var network = new DigitsNet(settings.Seed);
        log.WriteLine($"network: 64 → 128 ReLU → 128 ReLU → 10 softmax, {DigitsNet.ParameterCount:N0} parameters, He-normal init, seed {settings.Seed}");
        var stopping = settings.EarlyStoppingPatience is int patience
            ? new EarlyStopping { Monitor = MonitoredMetric.ValidationLoss, Patience = patience, RestoreBestWeights = true }
            : null;
        bool showRate = schedule.Schedule is not null || schedule.Plateau is not null;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"training: {OptimizerFactory.Describe(settings.Optimizer, rate)}, {schedule.Description}{Extras(settings)}, batch {settings.BatchSize}, {settings.Epochs} epochs, Vector<float> lanes {System.Numerics.Vector<float>.Count}"));

        var testTargets = test.LabelsAsFloats();
        var optimizer = OptimizerFactory.Create(settings.Optimizer, rate);
        if (settings.LoadPath is { } load)
        {
            // No training: the checkpoint holds the trained weights (the same seed gives the same split and scaling).
            var loaded = Checkpoint.Load(load, network);
            log.WriteLine($"loaded {load}: {loaded.Architecture}");
            return Finish(network, settings, test, testTargets, new TrainingHistory(), optimizer, log);
        }
        var history = Trainer.Fit(network, train.Features, train.LabelsAsFloats(), new FitOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            Seed = settings.Seed,
            Optimizer = optimizer,
            Schedule = schedule.Schedule,
            ReduceLearningRateOnPlateau = schedule.Plateau,
            PlateauMonitor = MonitoredMetric.ValidationLoss,
            EarlyStopping = stopping,
            ClipNorm = settings.ClipNorm,
            ValidationInputs = test.Features,
            ValidationTargets = testTargets,
            EpochEnded = m => log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {m.Epoch,3}: loss {m.Loss:F4}  accuracy {m.Accuracy:P2}  test loss {m.ValidationLoss:F4}  test accuracy {m.ValidationAccuracy:P2}{(showRate ? Invariant($"  lr {m.LearningRate:G4}") : "")}  ({m.Elapsed.TotalMilliseconds:F0} ms)")),
        });
        if (stopping is not null)
        {
            string end = stopping.StoppedEpoch > 0 ? Invariant($"stopped after epoch {stopping.StoppedEpoch}") : "ran every epoch";
            log.WriteLine(Invariant($"early stopping: {end}; restored the weights of epoch {stopping.BestEpoch} (test loss {stopping.BestValue:F4})"));
        }

        return Finish(network, settings, test, testTargets, history, optimizer, log);
    }

    /// <summary>Evaluates on the test split, shows one prediction, and saves a checkpoint when asked.</summary>
    private static DigitsResult Finish(DigitsNet network, DigitsSettings settings, LabeledDataset test, float[] testTargets, TrainingHistory history, IOptimizer optimizer, TextWriter log)
    {
        var (testLoss, testAccuracy) = Trainer.Evaluate(network, test.Features, testTargets);
        Span<float> probabilities = stackalloc float[DigitsNet.OutputSize];
        network.Predict(test.Features.AsSpan(0, DigitsNet.InputSize), probabilities);
        int predicted = Accuracy.ArgMax(probabilities);
        log.WriteLine(Invariant($"prediction for test sample 0: digit {predicted} (p = {probabilities[predicted]:F3}), label {test.Labels[0]}"));
        if (settings.SavePath is { } save)
        {
            Checkpoint.Save(save, network, history.Epochs.Count > 0 ? optimizer : null, new TrainingPosition(history.Epochs.Count, 0));
            log.WriteLine($"saved {save}");
        }
        return new DigitsResult(testAccuracy ?? 0, testLoss, history);
    }

    /// <summary>The header's mention of early stopping and clipping, when they are on.</summary>
    private static string Extras(DigitsSettings settings)
        => (settings.EarlyStoppingPatience is int p ? Invariant($", early stopping (patience {p})") : "")
         + (settings.ClipNorm is float c ? Invariant($", clip norm {c}") : "");
}
