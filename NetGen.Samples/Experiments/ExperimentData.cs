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

    /// <summary>The training part (60 %), standardized.</summary>
    public LabeledDataset Train { get; }

    /// <summary>The validation part (20 %), standardized with the training statistics.</summary>
    public LabeledDataset Validation { get; }

    /// <summary>The test part (20 %), standardized with the training statistics.</summary>
    public LabeledDataset Test { get; }

    /// <summary>The training labels as floats, the form <c>TrainStep</c> takes.</summary>
    public float[] TrainTargets { get; }

    /// <summary>The validation labels as floats.</summary>
    public float[] ValidationTargets { get; }

    /// <summary>The test labels as floats.</summary>
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
