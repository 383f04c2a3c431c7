using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>
/// Bad data is refused once, before training or evaluating, with the row (and column) of the caller's own
/// arrays, which part of the data it is, and the value (issue 14 item 12).
/// </summary>
public class DataValidationTests
{
    private const int Samples = 100;

    [Theory]
    [InlineData(10f)]
    [InlineData(-1f)]
    [InlineData(2.5f)]
    [InlineData(float.NaN)]
    public void A_bad_class_label_is_reported_at_its_data_row_before_any_step(float label)
    {
        var (inputs, targets) = Classes();
        targets[37] = label;
        var network = new CompactDigitsNet(1);
        float[] initial = network.Parameters.ToArray();

        var error = Assert.Throws<ArgumentException>(() => Trainer.Fit(network, inputs, targets, new FitOptions { BatchSize = 16 }));

        Assert.Equal("targets", error.ParamName);
        Assert.Contains("row 37", error.Message);
        Assert.Contains("training", error.Message);
        Assert.Contains(label.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
        Assert.Contains("[0, 9]", error.Message);
        Assert.DoesNotContain("Sample", error.Message);
        Assert.Equal(initial, network.Parameters.ToArray());
    }

    [Fact]
    public void A_bad_label_in_the_validation_split_names_its_row_in_the_callers_arrays()
    {
        var (inputs, targets) = Classes();
        targets[90] = 12f;
        var error = Assert.Throws<ArgumentException>(() => Trainer.Fit(new CompactDigitsNet(1), inputs, targets, new FitOptions { ValidationSplit = 0.2 }));
        Assert.Equal("targets", error.ParamName);
        Assert.Contains("row 90", error.Message);
        Assert.Contains("validation", error.Message);
        Assert.Contains("ValidationSplit", error.Message);
    }

    [Fact]
    public void A_bad_label_in_explicit_validation_data_names_ValidationTargets()
    {
        var (inputs, targets) = Classes();
        var validationTargets = targets.AsSpan(0, 20).ToArray();
        validationTargets[3] = 10f;
        var error = Assert.Throws<ArgumentException>(() => Trainer.Fit(new CompactDigitsNet(1), inputs, targets, new FitOptions
        {
            ValidationInputs = inputs.AsSpan(0, 20 * 64).ToArray(), ValidationTargets = validationTargets,
        }));
        Assert.Equal(nameof(FitOptions.ValidationTargets), error.ParamName);
        Assert.Contains("row 3", error.Message);
        Assert.Contains("10", error.Message);
    }

    [Theory]
    [InlineData(2f)]
    [InlineData(-0.5f)]
    [InlineData(float.PositiveInfinity)]
    public void A_binary_network_refuses_targets_outside_0_to_1(float value)
    {
        var network = new StageKeptBiasNet(1);
        var inputs = new float[20 * 6];
        var targets = new float[20 * 2];
        targets[11 * 2 + 1] = value;
        var error = Assert.Throws<ArgumentException>(() => Trainer.Fit(network, inputs, targets));
        Assert.Contains("row 11, column 1", error.Message);
        Assert.Contains("[0, 1]", error.Message);
    }

    [Theory]
    [InlineData(-0.25f)]
    [InlineData(float.NaN)]
    public void A_categorical_network_refuses_negative_or_non_finite_targets(float value)
    {
        var network = new StageDropoutNet(1);
        var inputs = new float[20 * 7];
        var targets = new float[20 * 3];
        targets[4 * 3 + 2] = value;
        var error = Assert.Throws<ArgumentException>(() => Trainer.Fit(network, inputs, targets));
        Assert.Contains("row 4, column 2", error.Message);
    }

    [Fact]
    public void A_regression_network_refuses_non_finite_targets_in_Evaluate_too()
    {
        var inputs = new float[20 * 7];
        var targets = new float[20 * 2];
        targets[7 * 2] = float.NegativeInfinity;
        var error = Assert.Throws<ArgumentException>(() => Trainer.Evaluate(new PerLayerRegressionNet(1), inputs, targets));
        Assert.Equal("targets", error.ParamName);
        Assert.Contains("row 7, column 0", error.Message);
    }

    [Fact]
    public void Evaluate_refuses_a_bad_label_with_its_row()
    {
        var (inputs, targets) = Classes();
        targets[63] = 10f;
        var error = Assert.Throws<ArgumentException>(() => Trainer.Evaluate(new CompactDigitsNet(1), inputs, targets));
        Assert.Contains("row 63", error.Message);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.NegativeInfinity)]
    public void A_non_finite_feature_is_refused_up_front_with_its_row_and_column(float value)
    {
        var (inputs, targets) = Classes();
        inputs[37 * 64 + 5] = value;
        var network = new CompactDigitsNet(1);
        float[] initial = network.Parameters.ToArray();

        var error = Assert.Throws<ArgumentException>(() => Trainer.Fit(network, inputs, targets));
        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("row 37, column 5", error.Message);
        Assert.Equal(initial, network.Parameters.ToArray());

        Assert.Contains("row 37, column 5", Assert.Throws<ArgumentException>(() => Trainer.Evaluate(network, inputs, targets)).Message);
    }

    [Fact]
    public void A_non_finite_validation_feature_names_ValidationInputs()
    {
        var (inputs, targets) = Classes();
        var validationInputs = inputs.AsSpan(0, 10 * 64).ToArray();
        validationInputs[2 * 64] = float.NaN;
        var error = Assert.Throws<ArgumentException>(() => Trainer.Fit(new CompactDigitsNet(1), inputs, targets, new FitOptions
        {
            ValidationInputs = validationInputs, ValidationTargets = targets.AsSpan(0, 10).ToArray(),
        }));
        Assert.Equal(nameof(FitOptions.ValidationInputs), error.ParamName);
        Assert.Contains("row 2, column 0", error.Message);
    }

    [Fact]
    public void A_validation_split_that_leaves_no_validation_sample_names_the_option_and_the_count()
    {
        var (inputs, targets) = Classes();
        var error = Assert.ThrowsAny<ArgumentException>(() => Trainer.Fit(new CompactDigitsNet(1), inputs, targets, new FitOptions { ValidationSplit = 0.005 }));
        Assert.Equal(nameof(FitOptions.ValidationSplit), error.ParamName);
        Assert.Contains("0.005", error.Message);
        Assert.Contains("100 samples", error.Message);
        Assert.DoesNotContain("ValidationInputs", error.Message);
    }

    /// <summary>Ten well-separated Gaussian blobs in 64 dimensions, class c centred on +3 in feature c.</summary>
    private static (float[] Inputs, float[] Targets) Classes()
    {
        var random = new NetGenRandom(99);
        var inputs = new float[Samples * 64];
        var targets = new float[Samples];
        for (int s = 0; s < Samples; s++)
        {
            targets[s] = s % 10;
            for (int f = 0; f < 64; f++) inputs[s * 64 + f] = (float)random.NextNormal() + (f == s % 10 ? 3f : 0f);
        }
        return (inputs, targets);
    }
}
