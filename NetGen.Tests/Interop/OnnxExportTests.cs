using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NetGen.Tests.Networks;
using NetGen.Tests.Numerics;
using Xunit;

namespace NetGen.Tests.Interop;

/// <summary>Exported ONNX models run in ONNX Runtime (CPU) and agree with NetGen's own predictions.</summary>
public class OnnxExportTests
{
    private const int Batch = 7;

    public static TheoryData<string> Networks()
    {
        var data = new TheoryData<string> { nameof(StageBatchNormNet), nameof(StageBareBatchNormNet), nameof(StageKeptBiasNet), nameof(StageDropoutNet), nameof(StagePenaltyNet) };
        // Every activation under every loss: the gradient-check catalog.
        foreach (var row in GradientNetworkCatalog.Names()) data.Add((string)row[0]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Onnx_Runtime_reproduces_the_predictions(string name)
    {
        var network = GradientNetworkCatalog.Create(name);
        // Train a little so batch-norm statistics, gamma and beta are not at their initial values.
        var optimizer = new Sgd(0.05f);
        for (int step = 0; step < 3; step++)
        {
            var (x, y) = GradientNetworkCatalog.Batch(network, Batch, seed: 60 + step);
            network.TrainStep(x, y, Batch, optimizer);
        }
        var (inputs, _) = GradientNetworkCatalog.Batch(network, Batch, seed: 70);
        var expected = new float[Batch * network.OutputSize];
        network.Predict(inputs, expected, Batch);

        using var session = new InferenceSession(OnnxExporter.Serialize(network));
        var tensor = new DenseTensor<float>(inputs, new[] { Batch, network.InputSize });
        using var results = session.Run(new List<NamedOnnxValue> { NamedOnnxValue.CreateFromTensor("input", tensor) });
        var actual = results.Single(r => r.Name == "output").AsEnumerable<float>().ToArray();

        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[i])), $"{name} value {i}: ONNX {actual[i]:R}, NetGen {expected[i]:R}");
    }

    [Fact]
    public void The_model_declares_a_symbolic_batch_dimension()
    {
        var network = new CompactDigitsNet(1);
        using var session = new InferenceSession(OnnxExporter.Serialize(network));
        var input = session.InputMetadata["input"];
        Assert.Equal(new[] { -1, 64 }, input.Dimensions);
        Assert.Equal(new[] { -1, 10 }, session.OutputMetadata["output"].Dimensions);
    }
}
