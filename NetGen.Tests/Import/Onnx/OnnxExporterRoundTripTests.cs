using System;
using System.Linq;
using NetGen.Generator.Import;
using NetGen.Tests.Interop;
using NetGen.Tests.Numerics;
using Xunit;

namespace NetGen.Tests.Import.Onnx;

/// <summary>NetGen's own OnnxExporter output reads back to the same layers, weights and predictions.</summary>
public class OnnxExporterRoundTripTests
{
    private const int Batch = 5;

    public static TheoryData<string> Networks() => OnnxExportTests.Networks();

    [Theory]
    [MemberData(nameof(Networks))]
    public void Exported_networks_read_back_to_their_layers_and_predictions(string name)
    {
        var network = GradientNetworkCatalog.Create(name);
        // A few steps so batch-norm statistics, gamma and beta leave their initial values.
        var optimizer = new Sgd(0.05f);
        for (int step = 0; step < 3; step++)
        {
            var (x, y) = GradientNetworkCatalog.Batch(network, Batch, seed: 80 + step);
            network.TrainStep(x, y, Batch, optimizer);
        }
        var imported = OnnxPatternTests.Read(OnnxExporter.Serialize(network));

        Assert.Equal(network.InputSize, imported.Inputs);
        Assert.Equal(network.Layers.Count, imported.Layers.Length);
        var expectedOutput = network.Loss switch
        {
            Loss.SoftmaxCrossEntropy or Loss.CategoricalCrossEntropy => ImportedOutput.Softmax,
            Loss.BinaryCrossEntropy => ImportedOutput.Sigmoid,
            // A graph ending in Sigmoid reads as a sigmoid output whatever loss trained it (import-format.md):
            // a regression network with a sigmoid last layer comes back as Linear + Sigmoid output, same predictions.
            _ when network.Layers[^1].Activation == Act.Sigmoid && network.Layers[^1].BatchNorm is not { Placement: BatchNormPlacement.AfterActivation } => ImportedOutput.Sigmoid,
            _ => ImportedOutput.None,
        };
        bool sigmoidOutput = expectedOutput == ImportedOutput.Sigmoid;
        Assert.Equal(expectedOutput, imported.Output);
        var parameters = network.Parameters.ToArray();
        foreach (var (layer, read) in network.Layers.Zip(imported.Layers))
        {
            bool logits = layer.Index == network.Layers.Count - 1 && (network.Loss != Loss.MeanSquaredError || sigmoidOutput);
            Assert.Equal((layer.Inputs, layer.Units), (read.Inputs, read.Units));
            Assert.Equal(logits ? Act.Linear : layer.Activation, read.Activation);
            if (read.Activation is Act.LeakyRelu or Act.Elu) Assert.Equal(layer.Alpha, read.Alpha);
            if (layer.BatchNorm is { Placement: BatchNormPlacement.BeforeActivation }) continue;   // folded by the exporter
            // Kernels travel untouched (Gemm's B is NetGen's layout); batch norm after the activation comes back as Mul/Add.
            Assert.Equal(parameters.AsSpan(layer.KernelOffset, layer.Inputs * layer.Units).ToArray(), read.Kernel);
            Assert.Equal(layer.BatchNorm is null ? null : BatchNormPlacement.AfterActivation, read.BatchNorm?.Placement);
        }

        var (inputs, _) = GradientNetworkCatalog.Batch(network, Batch, seed: 90);
        var expected = new float[Batch * network.OutputSize];
        network.Predict(inputs, expected, Batch);
        var actual = ImportedNetworkReference.Predict(imported, inputs, Batch);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[i])), $"{name} value {i}: read back {actual[i]:R}, NetGen {expected[i]:R}");
    }
}
