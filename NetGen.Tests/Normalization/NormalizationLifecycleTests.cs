using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Normalization;

/// <summary>
/// The normalization travels with the model: Fit adapts it, checkpoints, PyTorch state dicts and ONNX carry it,
/// and a reloaded network predicts raw features exactly as the trained one.
/// </summary>
public class NormalizationLifecycleTests
{
    /// <summary>Three classes on features of very different scales and offsets (as tabular data has them).</summary>
    private static (float[] X, float[] Y) Data(int rows, int seed)
    {
        var random = new NetGenRandom(seed);
        var x = new float[rows * 4];
        var y = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            int label = r % 3;
            y[r] = label;
            x[r * 4] = (float)(1000 + 200 * label + 50 * random.NextNormal());
            x[r * 4 + 1] = (float)(0.001 * label + 0.0005 * random.NextNormal());
            x[r * 4 + 2] = (float)(-40 + 3 * random.NextNormal());
            x[r * 4 + 3] = (float)(label * 2 + random.NextNormal());
        }
        return (x, y);
    }

    private static double[] ColumnMeans(ReadOnlySpan<float> x, int rows)
    {
        var means = new double[4];
        for (int r = 0; r < rows; r++)
            for (int f = 0; f < 4; f++) means[f] += x[r * 4 + f];
        return means.Select(m => m / rows).ToArray();
    }

    [Fact]
    public void Fit_adapts_a_never_adapted_network_on_its_training_rows_only()
    {
        var (x, y) = Data(120, 1);
        var network = new NormClassifierNet();
        Assert.False(network.Normalization!.Value.IsAdapted);
        Trainer.Fit(network, x, y, new FitOptions { Epochs = 1, ValidationSplit = 0.25 });
        var view = network.Normalization!.Value;
        Assert.Equal(90, view.Count);
        var expected = ColumnMeans(x, 90);
        for (int f = 0; f < 4; f++) Assert.Equal((float)expected[f], view.Mean[f]);
    }

    [Fact]
    public void Fit_leaves_an_adapted_network_s_statistics_alone()
    {
        var (x, y) = Data(60, 2);
        var network = new NormClassifierNet();
        network.Adapt(x.AsSpan(0, 30 * 4));
        var mean = network.Normalization!.Value.Mean.ToArray();
        Trainer.Fit(network, x, y, new FitOptions { Epochs = 1 });
        Assert.Equal(mean, network.Normalization!.Value.Mean.ToArray());
        Assert.Equal(30, network.Normalization!.Value.Count);
    }

    [Fact]
    public void Normalization_makes_badly_scaled_features_trainable()
    {
        var (x, y) = Data(300, 3);
        var network = new NormClassifierNet();
        Trainer.Fit(network, x, y, new FitOptions { Epochs = 30, Optimizer = new Adam(0.01f) });
        var (test, labels) = Data(150, 4);
        Assert.True(Trainer.Evaluate(network, test, labels).Accuracy >= 0.9);
    }

    [Fact]
    public void A_checkpoint_reloaded_in_a_fresh_instance_predicts_raw_features_bit_for_bit()
    {
        var (x, y) = Data(150, 5);
        var trained = new NormClassifierNet();
        Trainer.Fit(trained, x, y, new FitOptions { Epochs = 5, Optimizer = new Adam(0.01f) });
        string path = Path.Combine(Path.GetTempPath(), $"netgen-norm-{Guid.NewGuid():N}.safetensors");
        try
        {
            Checkpoint.Save(path, trained);
            // As a second process would: a new instance with other weights, no scaler, only the file.
            var loaded = new NormClassifierNet(seed: 99);
            Checkpoint.Load(path, loaded);
            var (raw, _) = Data(40, 6);
            var expected = new float[40 * 3];
            var actual = new float[40 * 3];
            trained.Predict(raw, expected, 40);
            loaded.Predict(raw, actual, 40);
            Assert.Equal(expected, actual);
            Assert.True(loaded.Normalization!.Value.IsAdapted);
            Assert.Contains("normalization.mean", Checkpoint.ReadTensors(path).Keys);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_checkpoint_of_a_network_without_normalization_does_not_load_into_one_with_it()
    {
        var plain = new CompactDigitsNet(1);
        Assert.DoesNotContain("normalization", Checkpoint.ArchitectureOf(plain));
        Assert.Contains("; normalization=true", Checkpoint.ArchitectureOf(new NormClassifierNet()));
        Assert.Null(plain.Normalization);
        Assert.Throws<InvalidOperationException>(() => plain.Adapt(new float[64]));
    }

    [Fact]
    public void The_PyTorch_state_dict_round_trips_the_statistics()
    {
        var (x, _) = Data(30, 7);
        var source = new NormClassifierNet();
        source.Adapt(x);
        var tensors = PyTorchStateDict.Export(source);
        Assert.Equal(source.Normalization!.Value.Mean.ToArray(), tensors["norm.mean"].Values);
        Assert.Equal(source.Normalization!.Value.Variance.ToArray(), tensors["norm.variance"].Values);
        Assert.Equal(new[] { 30f }, tensors["norm.count"].Values);
        var target = new NormClassifierNet(seed: 3);
        PyTorchStateDict.Import(target, tensors);
        var expected = new float[30 * 3];
        var actual = new float[30 * 3];
        source.Predict(x, expected, 30);
        target.Predict(x, actual, 30);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_negative_imported_variance_is_refused()
    {
        var network = new NormClassifierNet();
        var tensors = new Dictionary<string, CheckpointTensor>(PyTorchStateDict.Export(network));
        tensors["norm.variance"] = new CheckpointTensor(new long[] { 4 }, new[] { 1f, -1f, 1f, 1f });
        var error = Assert.Throws<CheckpointException>(() => PyTorchStateDict.Import(network, tensors));
        Assert.Contains("tensor norm.variance: element 1 is -1; a variance must be ≥ 0", error.Message);
    }

    [Fact]
    public void The_ONNX_export_normalizes_with_Sub_and_Div_and_reproduces_Predict()
    {
        var (x, y) = Data(60, 8);
        var network = new NormBatchNormNetClassifier();
        Trainer.Fit(network, x, y, new FitOptions { Epochs = 2, BatchSize = 16 });
        byte[] model = OnnxExporter.Serialize(network);
        string text = System.Text.Encoding.ASCII.GetString(model);
        Assert.Contains("normalization.mean", text);
        Assert.Contains("normalization.std", text);
        var (raw, _) = Data(9, 9);
        var expected = new float[9 * 3];
        network.Predict(raw, expected, 9);
        using var session = new InferenceSession(model);
        var tensor = new DenseTensor<float>(raw, new[] { 9, 4 });
        using var results = session.Run(new List<NamedOnnxValue> { NamedOnnxValue.CreateFromTensor("input", tensor) });
        var actual = results.Single(r => r.Name == "output").AsEnumerable<float>().ToArray();
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-5, $"value {i}: ONNX {actual[i]:R}, NetGen {expected[i]:R}");
    }

    [Fact]
    public void Adapt_refuses_bad_data_naming_the_row()
    {
        var network = new NormClassifierNet();
        Assert.Throws<ArgumentException>(() => network.Adapt(new float[7]));
        Assert.Throws<ArgumentException>(() => network.Adapt(ReadOnlySpan<float>.Empty));
        var x = new float[12];
        x[9] = float.NaN;
        var error = Assert.Throws<ArgumentException>(() => network.Adapt(x));
        Assert.Contains("row 2, column 1", error.Message);
        Assert.False(network.Normalization!.Value.IsAdapted);
    }

    [Fact]
    public void A_feature_constant_in_the_adapted_data_contributes_nothing_instead_of_cancelling_badly()
    {
        var (x, _) = Data(30, 10);
        for (int r = 0; r < 30; r++) x[r * 4 + 2] = 1234.5f;
        var network = new NormClassifierNet();
        network.Adapt(x);
        var expected = new float[30 * 3];
        var actual = new float[30 * 3];
        network.PredictWithDropout(x, expected, 30); // normalizes: the constant feature becomes exactly 0
        network.Predict(x, actual, 30);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-5, $"value {i}");
    }

    [Fact]
    public void Initialize_resets_the_statistics_so_the_next_Fit_adapts_again()
    {
        var (x, _) = Data(30, 11);
        var network = new NormClassifierNet();
        network.Adapt(x);
        network.Initialize(4);
        var view = network.Normalization!.Value;
        Assert.False(view.IsAdapted);
        Assert.All(view.Mean.ToArray(), m => Assert.Equal(0f, m));
        Assert.All(view.Variance.ToArray(), v => Assert.Equal(1f, v));
    }
}
