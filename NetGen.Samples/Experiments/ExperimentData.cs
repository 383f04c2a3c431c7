using System;

namespace NetGen.Samples.Experiments;

/// <summary>
/// The digits, split 60/20/20 into stratified train, validation and test parts (seed
/// <see cref="ExperimentSettings.SplitSeed"/>), standardized with the training part's statistics
/// (what SELU's self-normalization assumes).
/// </summary>
public sealed class ExperimentData
{
    private ExperimentData(LabeledDataset train, LabeledDataset validation, LabeledDataset test)
    {
        Train = train;
        Validation = validation;
        Test = test;
        TrainTargets = train.LabelsAsFloats();
        ValidationTargets = validation.LabelsAsFloats();
        TestTargets = test.LabelsAsFloats();
    }

    public LabeledDataset Train { get; }
    public LabeledDataset Validation { get; }
    public LabeledDataset Test { get; }
    public float[] TrainTargets { get; }
    public float[] ValidationTargets { get; }
    public float[] TestTargets { get; }

    /// <summary>Loads the CSV and splits it.</summary>
    public static ExperimentData Load(string path)
    {
        var data = CsvLoader.Load(path);
        var (rest, test) = DataSplit.StratifiedSplit(data, testFraction: 0.2, seed: ExperimentSettings.SplitSeed);
        var (train, validation) = DataSplit.StratifiedSplit(rest, testFraction: 0.25, seed: ExperimentSettings.SplitSeed);
        var scaler = StandardScaler.Fit(train.Features, train.FeatureCount);
        scaler.Transform(train.Features);
        scaler.Transform(validation.Features);
        scaler.Transform(test.Features);
        return new ExperimentData(train, validation, test);
    }
}
