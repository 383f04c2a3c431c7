using System;
using System.Linq;
using NetGen.Generator.Import;
using Xunit;
using static NetGen.Tests.Import.Onnx.OnnxGraphBuilder;

namespace NetGen.Tests.Import.Onnx;

/// <summary>Each recognised pattern in a graph written here, read to the expected layers and weights.</summary>
public class OnnxPatternTests
{
    internal static ImportedNetwork Read(byte[] model)
    {
        var result = OnnxModelReader.Read(model);
        Assert.True(result.Network is not null, "problems: " + Text(result.Problems));
        Assert.Empty(result.Problems);
        return result.Network!;
    }

    /// <summary>input [N, 3] → Gemm(W [4, 3] transB=1, b [4]) → "h".</summary>
    private static OnnxGraphBuilder TorchLinear(string output = "h") => new OnnxGraphBuilder()
        .Input("x", null, 3)
        .Initializer("fc.weight", Values(12, 1), 4, 3)
        .Initializer("fc.bias", Values(4, 2), 4)
        .Node("Gemm", new[] { "x", "fc.weight", "fc.bias" }, output, ("transB", 1L));

    [Fact]
    public void Gemm_with_transB_1_transposes_PyTorchs_out_by_in_weight_to_NetGens_kernel()
    {
        var network = Read(TorchLinear().Output("h", null, 4).Build());
        var layer = Assert.Single(network.Layers);
        var weight = Values(12, 1);    // [out=4, in=3]
        Assert.Equal((3, 4, Act.Linear), (layer.Inputs, layer.Units, layer.Activation));
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++) Assert.Equal(weight[j * 3 + i], layer.Kernel[i * 4 + j]);
        Assert.Equal(Values(4, 2), layer.Bias);
        Assert.Equal(ImportedOutput.None, network.Output);
        Assert.Null(network.Normalization);
        Assert.Equal(3, network.Inputs);
    }

    [Fact]
    public void Gemm_with_transB_0_and_MatMul_plus_Add_keep_the_inputs_by_units_weight()
    {
        var gemm = Read(new OnnxGraphBuilder().Input("x", null, 3).Output("y", null, 4)
            .Initializer("W", Values(12, 3), 3, 4).Initializer("b", Values(4, 4), 1, 4)
            .Node("Gemm", new[] { "x", "W", "b" }, "y").Build());
        var matMul = Read(new OnnxGraphBuilder().Input("x", null, 3).Output("y", null, 4)
            .Initializer("W", Values(12, 3), 3, 4).Initializer("b", Values(4, 4), 4)
            .Node("MatMul", new[] { "x", "W" }, "m").Node("Add", new[] { "m", "b" }, "y").Build());
        foreach (var network in new[] { gemm, matMul })
        {
            Assert.Equal(Values(12, 3), network.Layers[0].Kernel);
            Assert.Equal(Values(4, 4), network.Layers[0].Bias);
        }
        Assert.Equal("MatMul_0", matMul.Layers[0].Name);
    }

    [Fact]
    public void MatMul_without_Add_has_no_bias_and_bias_first_Add_is_recognised()
    {
        var noBias = Read(new OnnxGraphBuilder().Input("x", null, 3).Output("m", null, 2)
            .Initializer("W", Values(6, 3), 3, 2).Node("MatMul", new[] { "x", "W" }, "m").Build());
        Assert.Null(noBias.Layers[0].Bias);
        var biasFirst = Read(new OnnxGraphBuilder().Input("x", null, 3).Output("y", null, 2)
            .Initializer("W", Values(6, 3), 3, 2).Initializer("b", Values(2, 5), 2)
            .Node("MatMul", new[] { "x", "W" }, "m").Node("Add", new[] { "b", "m" }, "y").Build());
        Assert.Equal(Values(2, 5), biasFirst.Layers[0].Bias);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BatchNormalization_before_or_after_the_activation_keeps_its_statistics_and_epsilon(bool before)
    {
        var builder = TorchLinear().Output("y", null, 4)
            .Initializer("g", Values(4, 6), 4).Initializer("be", Values(4, 7), 4)
            .Initializer("mu", Values(4, 8), 4).Initializer("var", Values(4, 9).Select(v => v + 1f).ToArray(), 4);
        if (before)
            builder.Node("BatchNormalization", new[] { "h", "g", "be", "mu", "var" }, "n", ("epsilon", 1e-3f)).Node("Relu", new[] { "n" }, "y");
        else
            builder.Node("Relu", new[] { "h" }, "a").Node("BatchNormalization", new[] { "a", "g", "be", "mu", "var" }, "y", ("epsilon", 1e-3f));
        var layer = Read(builder.Build()).Layers[0];
        var norm = Assert.IsType<ImportedBatchNorm>(layer.BatchNorm);
        Assert.Equal(before ? BatchNormPlacement.BeforeActivation : BatchNormPlacement.AfterActivation, norm.Placement);
        Assert.Equal((Act.Relu, 1e-3f), (layer.Activation, norm.Epsilon));
        Assert.Equal(Values(4, 6), norm.Gamma);
        Assert.Equal(Values(4, 7), norm.Beta);
        Assert.Equal(Values(4, 8), norm.Mean);
        Assert.Equal(Values(4, 9).Select(v => v + 1f), norm.Variance);
        Assert.Equal(Values(4, 2), layer.Bias);
    }

    [Fact]
    public void BatchNormalization_epsilon_defaults_to_ONNXs_1e_5()
    {
        var layer = Read(TorchLinear().Output("y", null, 4)
            .Initializer("g", Values(4, 6), 4).Initializer("be", Values(4, 7), 4).Initializer("mu", Values(4, 8), 4).Initializer("var", new float[] { 1, 2, 3, 4 }, 4)
            .Node("BatchNormalization", new[] { "h", "g", "be", "mu", "var" }, "y").Build()).Layers[0];
        Assert.Equal(1e-5f, layer.BatchNorm!.Epsilon);
    }

    [Fact]
    public void Mul_and_Add_right_after_a_dense_layer_fold_into_its_kernel_and_bias()
    {
        var scale = new[] { 2f, -0.5f, 1f, 4f };
        var shift = new[] { 0.25f, 1f, -2f, 0f };
        var layer = Read(TorchLinear().Output("y", null, 4)
            .Initializer("s", scale, 4).Initializer("t", shift, 1, 4)
            .Node("Mul", new[] { "h", "s" }, "scaled").Node("Add", new[] { "scaled", "t" }, "shifted").Node("Tanh", new[] { "shifted" }, "y").Build()).Layers[0];
        var weight = Values(12, 1);
        var bias = Values(4, 2);
        Assert.Null(layer.BatchNorm);
        Assert.Equal(Act.Tanh, layer.Activation);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++) Assert.Equal(weight[j * 3 + i] * scale[j], layer.Kernel[i * 4 + j]);
        for (int j = 0; j < 4; j++) Assert.Equal(bias[j] * scale[j] + shift[j], layer.Bias![j]);
    }

    [Fact]
    public void Mul_and_Add_after_the_activation_are_a_batch_norm_in_inference_form()
    {
        var scale = new[] { 2f, -0.5f, 1f, 4f };
        var layer = Read(TorchLinear().Output("y", null, 4)
            .Initializer("s", scale, 4).Initializer("t", new[] { 0.5f }, 1)
            .Node("Relu", new[] { "h" }, "a").Node("Mul", new[] { "s", "a" }, "scaled").Node("Add", new[] { "scaled", "t" }, "y").Build()).Layers[0];
        var norm = Assert.IsType<ImportedBatchNorm>(layer.BatchNorm);
        Assert.Equal((BatchNormPlacement.AfterActivation, 0f), (norm.Placement, norm.Epsilon));
        Assert.Equal(scale, norm.Gamma);
        Assert.Equal(new[] { 0.5f, 0.5f, 0.5f, 0.5f }, norm.Beta);
        Assert.Equal(new float[4], norm.Mean);
        Assert.Equal(new[] { 1f, 1f, 1f, 1f }, norm.Variance);
    }

    public static TheoryData<string, object[], Act, float> SingleNodeActivations() => new()
    {
        { "Relu", Array.Empty<object>(), Act.Relu, 0f },
        { "LeakyRelu", Array.Empty<object>(), Act.LeakyRelu, 0.01f },
        { "LeakyRelu", new object[] { 0.2f }, Act.LeakyRelu, 0.2f },
        { "Elu", Array.Empty<object>(), Act.Elu, 1f },
        { "Elu", new object[] { 0.5f }, Act.Elu, 0.5f },
        { "Selu", Array.Empty<object>(), Act.Selu, 0f },
        { "Tanh", Array.Empty<object>(), Act.Tanh, 0f },
        { "Softplus", Array.Empty<object>(), Act.Softplus, 0f },
        { "Gelu", Array.Empty<object>(), Act.Gelu, 0f },
    };

    [Theory]
    [MemberData(nameof(SingleNodeActivations))]
    public void Single_node_activations_map_with_ONNXs_default_alphas(string op, object[] alpha, Act expected, float expectedAlpha)
    {
        var attributes = alpha.Length == 0 ? Array.Empty<(string, object)>() : new (string, object)[] { ("alpha", alpha[0]) };
        var layer = Read(TorchLinear().Output("y", null, 4).Node(op, new[] { "h" }, "y", attributes).Build()).Layers[0];
        Assert.Equal((expected, expectedAlpha), (layer.Activation, layer.Alpha));
    }

    [Fact]
    public void Selu_with_its_standard_constants_written_out_is_recognised()
    {
        var layer = Read(TorchLinear().Output("y", null, 4).Node("Selu", new[] { "h" }, "y", ("alpha", 1.67326319f), ("gamma", 1.05070102f)).Build()).Layers[0];
        Assert.Equal(Act.Selu, layer.Activation);
    }

    [Fact]
    public void A_Sigmoid_inside_the_chain_is_an_activation_and_a_final_one_is_the_output()
    {
        var network = Read(TorchLinear().Output("y", null, 2)
            .Initializer("W2", Values(8, 5), 4, 2)
            .Node("Sigmoid", new[] { "h" }, "a").Node("MatMul", new[] { "a", "W2" }, "z").Node("Sigmoid", new[] { "z" }, "y").Build());
        Assert.Equal(Act.Sigmoid, network.Layers[0].Activation);
        Assert.Equal(Act.Linear, network.Layers[1].Activation);
        Assert.Equal(ImportedOutput.Sigmoid, network.Output);
    }

    [Theory]
    [InlineData("Softmax", -1L)]
    [InlineData("Softmax", 1L)]
    [InlineData("LogSoftmax", -1L)]
    [InlineData("LogSoftmax", 1L)]
    public void A_final_softmax_over_the_features_axis_is_the_output(string op, long axis)
    {
        var expected = op == "Softmax" ? ImportedOutput.Softmax : ImportedOutput.LogSoftmax;
        var network = Read(TorchLinear().Output("y", null, 4).Node(op, new[] { "h" }, "y", ("axis", axis)).Build());
        Assert.Equal(expected, network.Output);
        Assert.Equal(Act.Linear, network.Layers[0].Activation);
    }

    [Fact]
    public void Softmax_without_axis_is_read_at_old_and_new_opsets()
    {
        foreach (long opset in new[] { 11L, 13L })
            Assert.Equal(ImportedOutput.Softmax, Read(TorchLinear().Output("y", null, 4).Node("Softmax", new[] { "h" }, "y").Build(opset)).Output);
    }
}
