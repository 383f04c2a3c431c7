using System;
using System.Globalization;
using System.IO;

namespace NetGen.Samples;

/// <summary>What one run of the digits classifier measured.</summary>
/// <param name="TestAccuracy">Accuracy on the held-out stratified test split.</param>
/// <param name="TestLoss">Mean softmax cross-entropy on the test split.</param>
/// <param name="History">The per-epoch record, with training time and throughput.</param>
public sealed record DigitsResult(double TestAccuracy, double TestLoss, TrainingHistory History);

/// <summary>
/// The main job: trains <see cref="DigitsNet"/> on scikit-learn's digits with a stratified 25 %
/// test split, standardization fitted on the training part, and plain SGD.
/// </summary>
public static class DigitsClassifier
{
    /// <summary>The shipped data file, copied beside the program at build time.</summary>
    public static string DefaultDataPath => Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz");

    /// <summary>Loads, splits, standardizes, trains and evaluates; writes a line per epoch to <paramref name="log"/>.</summary>
    public static DigitsResult Run(DigitsSettings settings, TextWriter log)
    {
        var data = CsvLoader.Load(settings.DataPath ?? DefaultDataPath);
        var (train, test) = DataSplit.StratifiedSplit(data, testFraction: 0.25, seed: settings.Seed);
        var scaler = StandardScaler.Fit(train.Features, train.FeatureCount);
        scaler.Transform(train.Features);
        scaler.Transform(test.Features);
        log.WriteLine($"digits: {data.Count} samples, {data.FeatureCount} features, {data.ClassCount} classes; train {train.Count}, test {test.Count}");

        var network = new DigitsNet(settings.Seed);
        log.WriteLine($"network: 64 → 128 ReLU → 128 ReLU → 10 softmax, {DigitsNet.ParameterCount:N0} parameters, He-normal init, seed {settings.Seed}");
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"training: SGD lr {settings.LearningRate}, batch {settings.BatchSize}, {settings.Epochs} epochs, Vector<float> lanes {System.Numerics.Vector<float>.Count}"));

        var testTargets = test.LabelsAsFloats();
        var history = Trainer.Fit(network, train.Features, train.LabelsAsFloats(), new FitOptions
        {
            Epochs = settings.Epochs,
            BatchSize = settings.BatchSize,
            Seed = settings.Seed,
            Optimizer = new Sgd(settings.LearningRate),
            ValidationInputs = test.Features,
            ValidationTargets = testTargets,
            EpochEnded = m => log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {m.Epoch,3}: loss {m.Loss:F4}  accuracy {m.Accuracy:P2}  test loss {m.ValidationLoss:F4}  test accuracy {m.ValidationAccuracy:P2}  ({m.Elapsed.TotalMilliseconds:F0} ms)")),
        });

        var (testLoss, testAccuracy) = Trainer.Evaluate(network, test.Features, testTargets);
        return new DigitsResult(testAccuracy ?? 0, testLoss, history);
    }
}
