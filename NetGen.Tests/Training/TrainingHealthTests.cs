using System;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>Training-health statistics and the warnings derived from them (vanishing and exploding gradients, dying ReLUs).</summary>
public class TrainingHealthTests
{
    [Fact]
    public void One_step_statistics_match_values_computed_by_hand()
    {
        var (inputs, targets) = Digits(64);
        var network = new CompactDigitsNet(4);
        var twin = new CompactDigitsNet(4);
        var history = Trainer.Fit(network, inputs, targets, new FitOptions { Epochs = 1, BatchSize = 64, Shuffle = false, Optimizer = new Sgd(0.05f), RecordHealth = true });

        // The same single step by hand on a twin.
        var before = twin.Parameters.ToArray();
        twin.TrainStep(inputs, targets, 64, new Sgd(0.05f));
        var health = history.Epochs[0].Health!;
        for (int l = 0; l < 3; l++)
        {
            var layer = ((INetwork)twin).Layers[l];
            var gradient = twin.Gradients.Slice(layer.KernelOffset, layer.ParameterCount).ToArray();
            double norm = Math.Sqrt(gradient.Sum(g => (double)g * g));
            double weight = Math.Sqrt(before.Skip(layer.KernelOffset).Take(layer.ParameterCount).Sum(w => (double)w * w));
            double change = Math.Sqrt(Enumerable.Range(layer.KernelOffset, layer.ParameterCount).Sum(p => Math.Pow(twin.Parameters[p] - before[p], 2)));
            var activations = twin.LayerActivations(l).ToArray().Select(v => (double)v).ToArray();
            Assert.Equal(norm, health[l].GradientNorm, 9);
            Assert.Equal(change / weight, health[l].UpdateRatio, 9);
            Assert.Equal(activations.Average(), health[l].ActivationMean, 9);
            double dead = Enumerable.Range(0, layer.Units).Count(u => Enumerable.Range(0, 64).All(b => activations[b * layer.Units + u] <= 0)) / (double)layer.Units;
            if (l < 2) Assert.Equal(dead, health[l].DeadFraction!.Value, 12);
        }
        Assert.Null(health[2].DeadFraction); // the output layer gives logits
        Assert.Empty(history.Warnings);
    }

    [Fact]
    public void A_deep_sigmoid_stack_with_small_weights_shows_vanishing_gradients()
    {
        var (inputs, targets) = Digits(256);
        TrainingWarning? raised = null;
        var history = Trainer.Fit(new DeepSigmoidNet(), inputs, targets, new FitOptions
        {
            Epochs = 2, Optimizer = new Sgd(0.05f), RecordHealth = true, WarningRaised = w => raised ??= w,
        });

        var warning = Assert.Single(history.Warnings, w => w.Kind == TrainingWarningKind.VanishingGradients);
        Assert.Equal(0, warning.Layer);
        Assert.Equal(1, warning.Epoch);
        Assert.Equal(warning, raised);
        var health = history.Epochs[0].Health!;
        Assert.True(health[0].GradientRms < 1e-2 * health[^1].GradientRms);
        // Each sigmoid layer passes back at most ¼ of the gradient times small weights: the norms fall layer by layer.
        for (int l = 1; l < 10; l++) Assert.True(health[l - 1].GradientRms < health[l].GradientRms, $"layer {l - 1} vs {l}");
    }

    [Fact]
    public void Relu_units_pushed_negative_are_reported_as_dying()
    {
        var (inputs, targets) = Digits(128);
        var history = Trainer.Fit(new DeadReluNet(), inputs, targets, new FitOptions { Epochs = 1, RecordHealth = true });

        // Dead units pass no gradient, so layer 0's gradients also vanish: both are reported.
        var warning = Assert.Single(history.Warnings, w => w.Kind == TrainingWarningKind.DyingRelu);
        Assert.Equal(0, warning.Layer);
        Assert.True(history.Epochs[0].Health![0].DeadFraction > 0.9);
    }

    [Fact]
    public void Gradients_growing_by_orders_of_magnitude_are_reported_as_exploding()
    {
        var random = new NetGenRandom(1);
        var inputs = Enumerable.Range(0, 48 * 7).Select(_ => (float)random.NextNormal()).ToArray();
        var targets = Enumerable.Range(0, 48 * 2).Select(_ => (float)random.NextNormal()).ToArray();
        // A linear model past SGD's stability limit: the error grows geometrically until floats overflow.
        // The warning must come from the health statistics before divergence stops the run.
        var raised = new System.Collections.Generic.List<TrainingWarning>();
        var options = new FitOptions { Epochs = 40, BatchSize = 48, Optimizer = new Sgd(3f), RecordHealth = true, WarningRaised = raised.Add };
        var error = Assert.Throws<NonFiniteLossException>(() => Trainer.Fit(new LinearRegressionNet(2), inputs, targets, options));

        var exploding = Assert.Single(raised, w => w.Kind == TrainingWarningKind.ExplodingGradients && w.Layer == 0);
        Assert.True(exploding.Epoch < error.Epoch, $"warned at epoch {exploding.Epoch}, diverged at {error.Epoch}");
    }

    [Fact]
    public void Health_is_not_recorded_unless_asked()
    {
        var (inputs, targets) = Digits(32);
        var history = Trainer.Fit(new CompactDigitsNet(1), inputs, targets, new FitOptions { Epochs = 1 });
        Assert.Null(history.Epochs[0].Health);
    }

    private static (float[] Inputs, float[] Targets) Digits(int count)
    {
        var data = CsvLoader.Load(System.IO.Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz"));
        var scaler = StandardScaler.Fit(data.Features, data.FeatureCount);
        var features = data.Features.AsSpan(0, count * 64).ToArray();
        scaler.Transform(features);
        return (features, data.LabelsAsFloats().AsSpan(0, count).ToArray());
    }
}

/// <summary>Ten sigmoid layers with N(0, 0.1²) kernels: the classic vanishing-gradient stack.</summary>
[Network(Inputs = 64, Loss = Loss.SoftmaxCrossEntropy, Seed = 1)]
[Layers(50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 10)]
[Activation(Act.Sigmoid)]
[Initializer(Init.RandomNormal, StdDev = 0.1)]
public partial class DeepSigmoidNet;

/// <summary>ReLU units whose bias starts far below zero never fire.</summary>
[Network(Inputs = 64, Loss = Loss.SoftmaxCrossEntropy, Seed = 1)]
[Dense(32, Act.Relu, Init.HeNormal, BiasInitializer = Init.Constant, BiasValue = -50)]
[Dense(10)]
public partial class DeadReluNet;
