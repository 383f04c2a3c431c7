using System;
using System.Linq;
using System.Threading.Tasks;
using NetGen.Tests.Weighting;
using Xunit;

namespace NetGen.Tests.Prediction;

/// <summary>
/// The whole-data-set helpers against independent references: the single-sample Predict path, a forward pass
/// in double written here from the parameters, and the metrics' textbook formulas.
/// </summary>
public sealed class NetworkPredictionsTests
{
    // More than two chunks, the last one partial.
    private const int Rows = 2 * NetworkPredictions.ChunkRows + 37;

    private static float[] Features(int rows, int width, int seed)
    {
        var random = new NetGenRandom(seed);
        return Enumerable.Range(0, rows * width).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
    }

    /// <summary>A two-layer network's output layer values before its activation, in double, from the parameter buffer.</summary>
    private static double[] RawOutputs(INetwork network, float[] features, Func<double, double> hidden)
    {
        var first = network.Layers[0];
        var last = network.Layers[1];
        var parameters = network.Parameters.ToArray();
        int rows = features.Length / network.InputSize;
        var result = new double[rows * last.Units];
        for (int r = 0; r < rows; r++)
        {
            var h = new double[first.Units];
            for (int u = 0; u < first.Units; u++)
            {
                double z = parameters[first.BiasOffset + u];
                for (int i = 0; i < first.Inputs; i++) z += features[r * first.Inputs + i] * (double)parameters[first.KernelOffset + i * first.Units + u];
                h[u] = hidden(z);
            }
            for (int o = 0; o < last.Units; o++)
            {
                double z = parameters[last.BiasOffset + o];
                for (int u = 0; u < first.Units; u++) z += h[u] * parameters[last.KernelOffset + u * last.Units + o];
                result[r * last.Units + o] = z;
            }
        }
        return result;
    }

    [Fact]
    public void PredictAll_equals_single_sample_predictions_over_several_chunks()
    {
        INetwork network = new SummaryNet();
        float[] features = Features(Rows, network.InputSize, 1);

        float[] all = network.PredictAll(features);

        Assert.Equal(Rows * network.OutputSize, all.Length);
        var one = new float[network.OutputSize];
        for (int r = 0; r < Rows; r++)
        {
            network.Predict(features.AsSpan(r * network.InputSize, network.InputSize), one);
            for (int o = 0; o < one.Length; o++) Assert.Equal(one[o], all[r * network.OutputSize + o], 1e-5f);
        }
    }

    [Fact]
    public void PredictLogits_gives_the_pre_sigmoid_values_and_PredictAll_their_sigmoid()
    {
        INetwork network = new SigmoidClassifierNet();
        float[] features = Features(Rows, network.InputSize, 2);
        double[] expected = RawOutputs(network, features, Math.Tanh);

        float[] logits = network.PredictLogits(features);
        float[] probabilities = network.PredictAll(features);

        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], logits[i], 1e-5);
            Assert.Equal(1 / (1 + Math.Exp(-expected[i])), probabilities[i], 1e-5);
        }
    }

    [Fact]
    public void PredictLogits_of_a_softmax_network_are_what_PredictAll_normalizes()
    {
        INetwork network = new WeightedSoftmaxNet();
        float[] features = Features(Rows, network.InputSize, 3);
        double[] expected = RawOutputs(network, features, Math.Tanh);

        float[] logits = network.PredictLogits(features);
        float[] probabilities = network.PredictAll(features);

        for (int r = 0; r < Rows; r++)
        {
            double sum = Enumerable.Range(0, 3).Sum(o => Math.Exp(expected[r * 3 + o]));
            for (int o = 0; o < 3; o++)
            {
                Assert.Equal(expected[r * 3 + o], logits[r * 3 + o], 1e-5);
                Assert.Equal(Math.Exp(expected[r * 3 + o]) / sum, probabilities[r * 3 + o], 1e-5);
            }
        }
    }

    [Fact]
    public void PredictLogits_of_a_regression_network_leaves_its_output_activation_off()
    {
        INetwork network = new SigmoidRegressionNet();
        float[] features = Features(Rows, network.InputSize, 4);
        double[] expected = RawOutputs(network, features, z => Math.Max(z, 0));

        float[] raw = network.PredictLogits(features);
        float[] values = network.PredictAll(features);

        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], raw[i], 1e-5);
            Assert.Equal(1 / (1 + Math.Exp(-expected[i])), values[i], 1e-5);
        }
    }

    [Fact]
    public void PredictLogits_as_the_first_call_after_Adapt_uses_the_new_normalization()
    {
        // PredictLogits' own pass reads the folded first layer: a call that comes first after Adapt must refold.
        var network = new NormalizedSigmoidRegressionNet();
        float[] features = Features(Rows, NormalizedSigmoidRegressionNet.InputSize, 6);
        for (int i = 0; i < features.Length; i++) features[i] = features[i] * 40 + 100;
        network.Adapt(features);

        float[] raw = network.PredictLogits(features);
        float[] values = network.PredictAll(features);

        for (int i = 0; i < raw.Length; i++)
            Assert.Equal(values[i], 1 / (1 + Math.Exp(-raw[i])), 1e-5);
    }

    [Fact]
    public void PredictClasses_is_the_argmax_or_the_half_threshold()
    {
        INetwork softmax = new SummaryNet();
        float[] features = Features(Rows, softmax.InputSize, 5);
        float[] probabilities = softmax.PredictAll(features);
        int[] classes = softmax.PredictClasses(features);
        for (int r = 0; r < Rows; r++)
        {
            var row = probabilities.AsSpan(r * 3, 3).ToArray();
            Assert.Equal(Array.IndexOf(row, row.Max()), classes[r]);
        }

        INetwork binary = new SigmoidClassifierNet();
        features = Features(Rows, binary.InputSize, 6);
        probabilities = binary.PredictAll(features);
        classes = binary.PredictClasses(features);
        Assert.Equal(probabilities.Select(p => p > 0.5f ? 1 : 0), classes);
        Assert.Contains(0, classes);
        Assert.Contains(1, classes);
    }

    [Fact]
    public void PredictClasses_counts_exactly_one_half_as_class_0_like_Accuracy_and_the_confusion_matrix()
    {
        // All-zero parameters: every probability is exactly sigmoid(0) = 0.5.
        var network = new SigmoidClassifierNet();
        network.Parameters.Clear();
        float[] features = Features(Rows, SigmoidClassifierNet.InputSize, 8);
        var targets = new float[Rows];

        int[] classes = network.PredictClasses(features);

        Assert.All(classes, c => Assert.Equal(0, c));
        Assert.Equal(1.0, Trainer.Evaluate(network, features, targets).Accuracy!.Value);
        Assert.Equal(1.0, ConfusionMatrix.Compute(network, features, targets).Accuracy);
    }

    [Fact]
    public void Evaluate_classification_gives_the_loss_of_INetwork_Evaluate_and_the_accuracy_of_the_predicted_classes()
    {
        INetwork network = new SummaryNet();
        float[] features = Features(Rows, network.InputSize, 7);
        var random = new NetGenRandom(8);
        float[] labels = Enumerable.Range(0, Rows).Select(_ => (float)(int)(random.NextDouble() * 3)).ToArray();

        var result = network.Evaluate(features, labels);

        double loss = network.Evaluate(features, labels, new float[Rows * 3], Rows);
        Assert.Equal(loss, result.Loss, 1e-5);
        int[] classes = network.PredictClasses(features);
        Assert.Equal(classes.Where((c, r) => c == (int)labels[r]).Count() / (double)Rows, result.Accuracy);
        Assert.Null(result.R2);
        Assert.Equal(Rows, result.Samples);
    }

    [Fact]
    public void Evaluate_regression_gives_mae_rmse_and_r2_as_scikit_learn_defines_them()
    {
        INetwork network = new TwoOutputRegressionNet();
        float[] features = Features(Rows, network.InputSize, 9);
        float[] predictions = network.PredictAll(features);
        var random = new NetGenRandom(10);
        // Targets near the predictions, so R² is far from 0 and from 1.
        float[] targets = predictions.Select(p => p + (float)(random.NextDouble() - 0.5)).ToArray();

        var result = network.Evaluate(features, targets);

        double[] errors = predictions.Zip(targets, (p, y) => (double)p - y).ToArray();
        Assert.Equal(errors.Average(Math.Abs), result.MeanAbsoluteError!.Value, 1e-6);
        Assert.Equal(Math.Sqrt(errors.Average(e => e * e)), result.RootMeanSquaredError!.Value, 1e-6);
        Assert.Equal(errors.Average(e => e * e), result.Loss, 1e-5);
        // r2_score(y, ŷ, multioutput='uniform_average'): the mean over outputs of 1 − SS_res / SS_tot.
        double r2 = Enumerable.Range(0, 2).Average(o =>
        {
            var y = targets.Where((_, i) => i % 2 == o).Select(v => (double)v).ToArray();
            var p = predictions.Where((_, i) => i % 2 == o).Select(v => (double)v).ToArray();
            double mean = y.Average();
            return 1 - y.Zip(p, (a, b) => (a - b) * (a - b)).Sum() / y.Sum(a => (a - mean) * (a - mean));
        });
        Assert.Equal(r2, result.R2!.Value, 1e-6);
        Assert.Null(result.Accuracy);
    }

    [Fact]
    public void R2_of_a_constant_target_follows_scikit_learn()
    {
        INetwork network = new TwoOutputRegressionNet();
        float[] features = Features(10, network.InputSize, 11);
        float[] predictions = network.PredictAll(features);
        // Output 0: constant target, predicted inexactly → 0; output 1: predicted exactly → 1 (r2_score: 0.5).
        float[] targets = predictions.Select((p, i) => i % 2 == 0 ? 0.25f : p).ToArray();

        Assert.Equal(0.5, network.Evaluate(features, targets).R2);
    }

    [Fact]
    public void Bad_input_is_refused_naming_the_row()
    {
        INetwork network = new SigmoidClassifierNet();

        var shape = Assert.Throws<ArgumentException>(() => network.PredictAll(new float[7]));
        Assert.Equal("features", shape.ParamName);
        var nan = Assert.Throws<ArgumentException>(() => network.PredictClasses(new float[] { 0, 0, 0, 1, float.NaN, 2 }));
        Assert.Contains("row 1", nan.Message, StringComparison.Ordinal);
        var target = Assert.Throws<ArgumentException>(() => network.Evaluate(new float[6], new[] { 0f, 3f }));
        Assert.Contains("targets row 1", target.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => ((INetwork)new TwoOutputRegressionNet()).PredictClasses(new float[3]));
        Assert.Empty(network.PredictAll(ReadOnlySpan<float>.Empty));
    }

    [Fact]
    public void Predictions_from_many_threads_at_once_equal_the_sequential_ones()
    {
        INetwork network = new SummaryNet();
        float[] features = Features(Rows, network.InputSize, 12);
        float[] expected = network.PredictAll(features);

        var results = new float[8][];
        Parallel.For(0, results.Length, i => results[i] = network.PredictAll(features));

        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
