using System;
using System.IO;
using System.Linq;
using Xunit;

namespace NetGen.Tests.Data;

/// <summary>CSV loading, stratified splitting and standardization, on small hand-made data and on the shipped digits.</summary>
public class DataHelperTests
{
    [Fact]
    public void Csv_rows_become_features_and_labels()
    {
        var data = CsvLoader.Load(new StringReader("1,2.5,0\n\n-3,4e-1,2\n"));

        Assert.Equal(2, data.Count);
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal(3, data.ClassCount);
        Assert.Equal(new[] { 1f, 2.5f, -3f, 0.4f }, data.Features);
        Assert.Equal(new[] { 0, 2 }, data.Labels);
        Assert.Equal(new[] { 0f, 2f }, data.LabelsAsFloats());
        Assert.Equal(new[] { 1f, 0, 0, 0, 0, 1 }, data.LabelsOneHot(3));
    }

    [Fact]
    public void Csv_options_pick_the_header_separator_and_label_column()
    {
        var data = CsvLoader.Load(new StringReader("label;a;b\n1;5;6\n0;7;8\n"), new CsvOptions { Separator = ';', HasHeader = true, LabelColumn = 0 });

        Assert.Equal(new[] { 5f, 6f, 7f, 8f }, data.Features);
        Assert.Equal(new[] { 1, 0 }, data.Labels);
    }

    [Theory]
    [InlineData("1,2,0\n1,2\n", "line 2: expected 3 columns")]
    [InlineData("1,x,0\n", "line 1, column 2: 'x' is not a finite number")]
    [InlineData("1,NaN,0\n", "line 1, column 2: 'NaN' is not a finite number")]
    [InlineData("1,2,-1\n", "line 1, column 3: the label '-1'")]
    [InlineData("1,2,0.5\n", "line 1, column 3: the label '0.5'")]
    [InlineData("\n\n", "no samples")]
    [InlineData("7\n", "at least one feature and a label")]
    public void Malformed_csv_is_a_format_error_that_names_the_place(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => CsvLoader.Load(new StringReader(text)));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_file_that_is_not_gzip_is_a_format_error_naming_the_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"netgen-{Guid.NewGuid():N}.csv.gz");
        File.WriteAllText(path, "1,2,0\n");
        try
        {
            var error = Assert.Throws<FormatException>(() => CsvLoader.Load(path));
            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_shipped_digits_load_with_their_documented_shape()
    {
        var digits = LoadDigits();

        // digits.rst: 1797 instances, 64 attributes in 0..16, 10 classes of about 180 each.
        Assert.Equal(1797, digits.Count);
        Assert.Equal(64, digits.FeatureCount);
        Assert.Equal(10, digits.ClassCount);
        Assert.All(digits.Features, v => Assert.InRange(v, 0f, 16f));
        Assert.All(Enumerable.Range(0, 10), c => Assert.InRange(digits.Labels.Count(l => l == c), 174, 183));
    }

    [Fact]
    public void A_stratified_split_keeps_every_class_proportion_and_loses_no_sample()
    {
        var digits = LoadDigits();
        var (train, test) = DataSplit.StratifiedSplit(digits, 0.25, seed: 5);

        // scikit-learn's train_test_split takes ceil(0.25 · 1797) = 450 test samples.
        Assert.Equal(450, test.Count);
        Assert.Equal(1347, train.Count);
        for (int c = 0; c < 10; c++)
        {
            int total = digits.Labels.Count(l => l == c);
            int inTest = test.Labels.Count(l => l == c);
            Assert.InRange(inTest, (int)Math.Floor(total * 450.0 / 1797), (int)Math.Ceiling(total * 450.0 / 1797));
        }
        // Every original row ends up in exactly one part: compare the multisets of rows.
        var original = Rows(digits).OrderBy(r => r, StringComparer.Ordinal);
        var recombined = Rows(train).Concat(Rows(test)).OrderBy(r => r, StringComparer.Ordinal);
        Assert.Equal(original, recombined);
    }

    [Fact]
    public void A_split_depends_on_its_seed_only()
    {
        var digits = LoadDigits();
        var first = DataSplit.StratifiedSplit(digits, 0.25, seed: 9).Test.Labels;
        var again = DataSplit.StratifiedSplit(digits, 0.25, seed: 9).Test.Labels;
        var other = DataSplit.StratifiedSplit(digits, 0.25, seed: 10).Test;

        Assert.Equal(first, again);
        Assert.NotEqual(Rows(DataSplit.StratifiedSplit(digits, 0.25, seed: 9).Test), Rows(other));
    }

    [Fact]
    public void Standardization_fits_on_train_and_applies_the_same_statistics_to_test()
    {
        // Column 0: mean 2, population std 1; column 1 is constant and keeps scale 1 (scikit-learn).
        float[] train = { 1, 5, 3, 5, 1, 5, 3, 5 };
        float[] test = { 4, 6 };
        var scaler = StandardScaler.Fit(train, featureCount: 2);

        Assert.Equal(new[] { 2f, 5f }, scaler.Mean.ToArray());
        Assert.Equal(new[] { 1f, 1f }, scaler.Scale.ToArray());
        scaler.Transform(train);
        scaler.Transform(test);
        Assert.Equal(new[] { -1f, 0, 1, 0, -1, 0, 1, 0 }, train);
        Assert.Equal(new[] { 2f, 1f }, test);
        scaler.InverseTransform(test);
        Assert.Equal(new[] { 4f, 6f }, test);
    }

    [Fact]
    public void Standardized_digits_have_zero_mean_and_unit_variance_per_feature()
    {
        var digits = LoadDigits();
        var scaler = StandardScaler.Fit(digits.Features, digits.FeatureCount);
        var features = (float[])digits.Features.Clone();
        scaler.Transform(features);

        for (int f = 0; f < 64; f++)
        {
            var column = Enumerable.Range(0, digits.Count).Select(s => (double)features[s * 64 + f]).ToArray();
            double mean = column.Average();
            double variance = column.Select(v => (v - mean) * (v - mean)).Average();
            Assert.InRange(mean, -1e-4, 1e-4);
            // A pixel that is 0 in every image stays 0 (variance 0); every other one has variance 1.
            Assert.True(Math.Abs(variance - 1) < 1e-3 || (variance == 0 && scaler.Scale[f] == 1f), $"feature {f}: variance {variance}");
        }
    }

    private static LabeledDataset LoadDigits() => CsvLoader.Load(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"));

    private static string[] Rows(LabeledDataset data)
        => Enumerable.Range(0, data.Count)
            .Select(i => string.Join(",", data.Features.Skip(i * data.FeatureCount).Take(data.FeatureCount)) + ":" + data.Labels[i])
            .ToArray();
}
