using System;
using System.Linq;
using NetGen.Tests.Networks;
using NetGen.Tests.Numerics;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>Freezing layers and copying trained layers between networks (Géron ch. 11, reusing pretrained layers).</summary>
public class TransferLearningTests
{
    private const int Batch = 6;

    [Theory]
    [InlineData("adamw")]
    [InlineData("momentum")]
    public void Frozen_layers_never_move_whatever_the_optimizer(string kind)
    {
        var network = new StageBatchNormNet();
        IOptimizer optimizer = kind == "adamw" ? new AdamW(0.01f, weightDecay: 0.1f) : new Sgd(0.1f, momentum: 0.9f, weightDecay: 0.01f);
        // Move everything once so momentum buffers are non-zero, then freeze the two lowest layers.
        var (inputs, targets) = GradientNetworkCatalog.Batch(network, Batch, seed: 1);
        network.TrainStep(inputs, targets, Batch, optimizer);
        NetworkTransfer.FreezeLowest(network, 2);
        var before = network.Parameters.ToArray();
        var stateBefore = network.State.ToArray();

        for (int step = 0; step < 5; step++)
        {
            (inputs, targets) = GradientNetworkCatalog.Batch(network, Batch, seed: 2 + step);
            network.TrainStep(inputs, targets, Batch, optimizer);
        }

        var after = network.Parameters.ToArray();
        var layers = ((INetwork)network).Layers;
        for (int l = 0; l < 2; l++)
        {
            var range = Enumerable.Range(layers[l].KernelOffset, layers[l].ParameterCount);
            Assert.All(range, p => Assert.Equal(before[p], after[p]));
            Assert.All(range, p => Assert.Equal(0f, network.Gradients[p]));
        }
        var top = layers[2];
        Assert.NotEqual(before.Skip(top.KernelOffset).Take(top.ParameterCount), after.Skip(top.KernelOffset).Take(top.ParameterCount));
        // Frozen batch norm runs in inference mode: its moving statistics are not updated.
        Assert.Equal(stateBefore, network.State.ToArray());
        Assert.False(network.IsTrainable(0));
        Assert.True(network.IsTrainable(2));
    }

    [Fact]
    public void Gradients_flow_through_frozen_batch_norm_in_inference_mode()
    {
        var network = new FrozenMiddleNet();
        var optimizer = new Sgd(0.05f);
        for (int step = 0; step < 4; step++)
        {
            var (x, y) = GradientNetworkCatalog.Batch(network, Batch, seed: 40 + step);
            network.TrainStep(x, y, Batch, optimizer); // non-trivial moving statistics and gamma/beta
        }
        network.SetTrainable(1, false);
        network.SetTrainable(2, false);
        var (inputs, targets) = GradientNetworkCatalog.Batch(network, Batch, seed: 9);

        var reference = new ReferenceNetwork(((INetwork)network).Layers, Loss.SoftmaxCrossEntropy, network.Parameters, network.State) { Frozen = new[] { false, true, true, false } };
        var x64 = GradientNetworkCatalog.ToDouble(inputs);
        var y64 = GradientNetworkCatalog.ToDouble(targets);
        var (expectedLoss, expected, expectedInput) = reference.LossAndGradients(x64, y64, Batch);
        // The frozen reference is itself checked by central differences on the trainable layer 0.
        var layer0 = ((INetwork)network).Layers[0];
        for (int p = layer0.KernelOffset; p < layer0.KernelOffset + layer0.ParameterCount; p += 5)
        {
            double saved = reference.Parameters[p];
            reference.Parameters[p] = saved + 1e-5;
            double plus = reference.Loss(x64, y64, Batch);
            reference.Parameters[p] = saved - 1e-5;
            double minus = reference.Loss(x64, y64, Batch);
            reference.Parameters[p] = saved;
            Assert.Equal(expected[p], (plus - minus) / 2e-5, 6);
        }

        var inputGradients = new float[inputs.Length];
        float loss = network.ComputeGradients(inputs, targets, Batch, inputGradients);

        Assert.Equal(expectedLoss, loss, 4);
        // Inference-mode batch norm in training: the loss equals what Evaluate reports.
        Assert.Equal(network.Evaluate(inputs, targets, default, Batch), loss, 5);
        double scale = expected.Max(Math.Abs);
        foreach (int l in new[] { 0, 3 })
        {
            var layer = ((INetwork)network).Layers[l];
            for (int p = layer.KernelOffset; p < layer.KernelOffset + layer.ParameterCount; p++)
                Assert.True(Math.Abs(network.Gradients[p] - expected[p]) <= 1e-4 * scale + 1e-7, $"layer {l} parameter {p}: {network.Gradients[p]:R} vs {expected[p]:R}");
        }
        double inputScale = expectedInput.Max(Math.Abs);
        for (int i = 0; i < inputs.Length; i++)
            Assert.True(Math.Abs(inputGradients[i] - expectedInput[i]) <= 1e-4 * inputScale + 1e-7, $"input {i}");
    }

    [Fact]
    public void No_gradient_work_below_the_lowest_trainable_layer()
    {
        var network = new CompactDigitsNet(3);
        var (inputs, targets) = GradientNetworkCatalog.Batch(network, Batch, seed: 2);
        network.ComputeGradients(inputs, targets, Batch);
        var full = network.Gradients.ToArray();

        NetworkTransfer.FreezeLowest(network, 2);
        network.ComputeGradients(inputs, targets, Batch);

        var layers = ((INetwork)network).Layers;
        Assert.All(Enumerable.Range(0, layers[2].KernelOffset), p => Assert.Equal(0f, network.Gradients[p]));
        Assert.Equal(full.Skip(layers[2].KernelOffset), network.Gradients.ToArray().Skip(layers[2].KernelOffset));
    }

    [Fact]
    public void Matching_layers_are_copied_from_the_input_side_until_the_first_mismatch()
    {
        var trained = new StageBatchNormNet();
        var optimizer = new Sgd(0.05f);
        for (int step = 0; step < 3; step++)
        {
            var (x, y) = GradientNetworkCatalog.Batch(trained, Batch, seed: step);
            trained.TrainStep(x, y, Batch, optimizer);
        }

        var twin = new StageBatchNormNet(99);
        Assert.Equal(3, NetworkTransfer.CopyMatchingLayers(trained, twin));
        var (inputs, _) = GradientNetworkCatalog.Batch(trained, Batch, seed: 50);
        var expected = new float[Batch * 3];
        var actual = new float[Batch * 3];
        trained.Predict(inputs, expected, Batch);
        twin.Predict(inputs, actual, Batch);
        Assert.Equal(expected, actual);

        // A new head: the two lower layers match, the output layer (5 classes, not 3) does not.
        var student = new NewHeadNet();
        Assert.Equal(2, NetworkTransfer.CopyMatchingLayers(trained, student));
        var source = ((INetwork)trained).Layers[1];
        Assert.Equal(trained.Parameters.Slice(source.KernelOffset, source.ParameterCount).ToArray(), student.Parameters.Slice(source.KernelOffset, source.ParameterCount).ToArray());
        Assert.Equal(trained.State.ToArray(), student.State.ToArray());
        var error = Assert.Throws<ArgumentException>(() => NetworkTransfer.CopyLayer(trained, 2, student, 2));
        Assert.Contains("does not match", error.Message);
    }
}

[Network(Inputs = 7, Loss = Loss.SoftmaxCrossEntropy, Seed = 11)]
[Dense(9, Act.Tanh)]
[Dense(7, Act.Elu)]
[BatchNorm]
[Dense(5, Act.Sigmoid)]
[BatchNorm(Placement = BatchNormPlacement.AfterActivation)]
[Dense(3)]
public partial class FrozenMiddleNet;

[Network(Inputs = 7, Loss = Loss.SoftmaxCrossEntropy, Seed = 12)]
[Dense(17, Act.Tanh)]
[BatchNorm(Momentum = 0.9)]
[Dense(9, Act.Elu)]
[BatchNorm(Placement = BatchNormPlacement.AfterActivation)]
[Dense(5)]
public partial class NewHeadNet;
