using System;
using System.IO;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetGen.Tests.Import;

/// <summary>
/// The [OnnxModel] path from the reader's answer on: the generator runs with a stand-in reader that returns an
/// ImportedNetwork built here by hand (the contract's records, reached by reflection: they are internal to the
/// generator), so the declaration it implies, the loss mapping, input normalization folded into the first
/// layer, batch norm and the embedded weights are checked against a double-precision reference computed here.
/// </summary>
public class OnnxEmissionTests
{
    private static readonly Assembly Generator = typeof(NetGen.Generator.NetworkGenerator).Assembly;

    // Input normalization, then 3 → 4 (bias, batch norm before ReLU), then 4 → 2, then Softmax.
    private static readonly float[] Mean = { 0.5f, -1f, 2f };
    private static readonly float[] Variance = { 4f, 0.25f, 1f };
    private static readonly float[] Kernel0 = Enumerable.Range(0, 12).Select(i => 0.1f * (i % 5) - 0.2f).ToArray(); // [3 × 4]
    private static readonly float[] Bias0 = { 0.1f, -0.1f, 0.2f, 0f };
    private static readonly float[] Gamma = { 1.5f, 0.5f, 1f, 2f }, Beta = { 0f, 0.1f, -0.2f, 0.3f };
    private static readonly float[] RunningMean = { 0.1f, 0.2f, -0.1f, 0f }, RunningVariance = { 1f, 2f, 0.5f, 1.5f };
    private const float Epsilon = 1e-3f;
    private static readonly float[] Kernel1 = Enumerable.Range(0, 8).Select(i => 0.3f - 0.07f * i).ToArray(); // [4 × 2]
    private static readonly float[] Bias1 = { 0.05f, -0.05f };

    [Fact]
    public void A_hand_built_graph_becomes_a_network_that_predicts_what_the_graph_computes()
    {
        var network = ImportHarness.Create("""
            using NetGen;
            namespace Imports;
            [OnnxModel("model.onnx")]
            public partial class FromGraph;
            """, "Imports.FromGraph", new AdditionalText[] { ModelFile() }, StandInGenerator());

        Assert.Equal(Loss.SoftmaxCrossEntropy, network.Loss);
        Assert.Equal(3, network.InputSize);
        Assert.Equal(2, network.OutputSize);
        Assert.Equal(BatchNormPlacement.BeforeActivation, network.Layers[0].BatchNorm!.Placement);
        Assert.Equal(Act.Relu, network.Layers[0].Activation);
        var input = new float[] { 1f, 0f, 2.5f, -0.5f, -1.5f, 1f };
        var output = new float[4];
        network.Predict(input, output, 2);
        for (int sample = 0; sample < 2; sample++)
        {
            var expected = Reference(input.AsSpan(sample * 3, 3).ToArray());
            for (int k = 0; k < 2; k++)
                Assert.True(Math.Abs(output[sample * 2 + k] - expected[k]) <= 1e-6, $"sample {sample} output {k}: {output[sample * 2 + k]:R} vs {expected[k]:R}");
        }
    }

    [Fact]
    public void Loss_on_the_attribute_overrides_the_graph_s_output()
    {
        var network = ImportHarness.Create("""
            using NetGen;
            namespace Imports;
            [OnnxModel("model.onnx", Loss = Loss.CategoricalCrossEntropy)]
            public partial class Retargeted;
            """, "Imports.Retargeted", new AdditionalText[] { ModelFile() }, StandInGenerator());
        Assert.Equal(Loss.CategoricalCrossEntropy, network.Loss);
    }

    /// <summary>The graph in double precision: normalize, dense, batch norm, ReLU, dense, softmax.</summary>
    private static double[] Reference(float[] x)
    {
        var normalized = x.Select((v, i) => (v - Mean[i]) / Math.Sqrt(Variance[i])).ToArray();
        var hidden = new double[4];
        for (int u = 0; u < 4; u++)
        {
            double z = Bias0[u];
            for (int i = 0; i < 3; i++) z += normalized[i] * Kernel0[i * 4 + u];
            z = (z - RunningMean[u]) / Math.Sqrt(RunningVariance[u] + Epsilon) * Gamma[u] + Beta[u];
            hidden[u] = Math.Max(0, z);
        }
        var logits = new double[2];
        for (int k = 0; k < 2; k++)
        {
            logits[k] = Bias1[k];
            for (int u = 0; u < 4; u++) logits[k] += hidden[u] * Kernel1[u * 2 + k];
        }
        double max = logits.Max(), sum = logits.Sum(l => Math.Exp(l - max));
        return logits.Select(l => Math.Exp(l - max) / sum).ToArray();
    }

    private static ModelFileText ModelFile()
    {
        // The bytes only have to exist (the pipeline hashes them); the stand-in reader ignores them.
        string path = Path.Combine(ModelFileText.NewDirectory(), "model.onnx");
        File.WriteAllBytes(path, new byte[] { 8, 7 });
        return new ModelFileText(path);
    }

    /// <summary>The real generator with a reader that returns the graph above, built from the contract's internal records.</summary>
    private static ISourceGenerator StandInGenerator()
    {
        Type Import(string name) => Generator.GetType("NetGen.Generator.Import." + name, throwOnError: true)!;
        object Create(string name, params object?[] arguments) => Activator.CreateInstance(Import(name), arguments)!;
        object Enum(string type, string value) => System.Enum.Parse(Generator.GetType(type, throwOnError: true)!, value);

        var batchNorm = Create("ImportedBatchNorm", Enum("NetGen.BatchNormPlacement", "BeforeActivation"), Epsilon, Gamma, Beta, RunningMean, RunningVariance);
        var layers = Array.CreateInstance(Import("ImportedLayer"), 2);
        layers.SetValue(Create("ImportedLayer", "/fc1/Gemm", 3, 4, Enum("NetGen.Act", "Relu"), 0f, Kernel0, Bias0, batchNorm), 0);
        layers.SetValue(Create("ImportedLayer", "/fc2/Gemm", 4, 2, Enum("NetGen.Act", "Linear"), 0f, Kernel1, Bias1, null), 1);
        var normalization = Create("ImportedNormalization", Mean, Variance);
        var network = Create("ImportedNetwork", 3, layers, Enum("NetGen.Generator.Import.ImportedOutput", "Softmax"), normalization);
        var result = Create("ModelReadResult", network, Array.Empty<string>());

        var readerType = typeof(Func<,>).MakeGenericType(typeof(byte[]), Import("ModelReadResult"));
        var reader = Expression.Lambda(readerType, Expression.Constant(result, Import("ModelReadResult")), Expression.Parameter(typeof(byte[]), "bytes")).Compile();
        var generator = (NetGen.Generator.NetworkGenerator)Activator.CreateInstance(typeof(NetGen.Generator.NetworkGenerator),
            BindingFlags.Instance | BindingFlags.NonPublic, null, new object[] { reader }, null)!;
        return generator.AsSourceGenerator();
    }
}
