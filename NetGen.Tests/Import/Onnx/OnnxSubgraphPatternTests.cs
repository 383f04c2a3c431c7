using System;
using System.Linq;
using NetGen.Generator.Import;
using Xunit;
using static NetGen.Tests.Import.Onnx.OnnxGraphBuilder;
using static NetGen.Tests.Import.Onnx.OnnxPatternTests;

namespace NetGen.Tests.Import.Onnx;

/// <summary>Multi-node activations (GELU, SiLU), no-op nodes, input normalization, constants and tensor encodings.</summary>
public class OnnxSubgraphPatternTests
{
    private static OnnxGraphBuilder Linear() => new OnnxGraphBuilder()
        .Input("x", null, 3)
        .Initializer("W", Values(12, 1), 3, 4)
        .Node("Gemm", new[] { "x", "W" }, "h");

    [Fact]
    public void GELU_as_PyTorch_1_13_exports_it_at_opset_13_with_Constant_nodes()
    {
        // Div(x, √2) → Erf → Add 1 → Mul(x, ·) → Mul(·, 0.5), constants as Constant nodes.
        var layer = Read(Linear().Output("y", null, 4)
            .ConstantNode("sqrt2", new[] { 1.4142135f }).ConstantNode("one", new[] { 1f }).ConstantNode("half", new[] { 0.5f })
            .Node("Div", new[] { "h", "sqrt2" }, "d").Node("Erf", new[] { "d" }, "e").Node("Add", new[] { "e", "one" }, "p")
            .Node("Mul", new[] { "h", "p" }, "m").Node("Mul", new[] { "m", "half" }, "y").Build()).Layers[0];
        Assert.Equal(Act.Gelu, layer.Activation);
        Assert.Null(layer.Bias);
    }

    [Fact]
    public void GELU_as_NetGens_exporter_writes_it_and_with_the_half_first()
    {
        // NetGen: Mul(x, 1/√2) → Erf → Add 1 → Mul(·, 0.5) → Mul(x, ·).
        var netgen = Linear().Output("y", null, 4)
            .Initializer("r", new[] { 0.70710677f }).Initializer("one", new[] { 1f }).Initializer("half", new[] { 0.5f })
            .Node("Mul", new[] { "r", "h" }, "d").Node("Erf", new[] { "d" }, "e").Node("Add", new[] { "one", "e" }, "p")
            .Node("Mul", new[] { "p", "half" }, "q").Node("Mul", new[] { "h", "q" }, "y").Build();
        // (x · 0.5) · (1 + erf(x/√2)).
        var halfFirst = Linear().Output("y", null, 4)
            .Initializer("sqrt2", new[] { 1.4142135f }, 1).Initializer("one", new[] { 1f }).Initializer("half", new[] { 0.5f })
            .Node("Div", new[] { "h", "sqrt2" }, "d").Node("Erf", new[] { "d" }, "e").Node("Add", new[] { "e", "one" }, "p")
            .Node("Mul", new[] { "h", "half" }, "hx").Node("Mul", new[] { "p", "hx" }, "y").Build();
        Assert.Equal(Act.Gelu, Read(netgen).Layers[0].Activation);
        Assert.Equal(Act.Gelu, Read(halfFirst).Layers[0].Activation);
    }

    [Fact]
    public void A_GELU_look_alike_with_the_wrong_constant_is_a_branch_not_a_GELU()
    {
        var result = OnnxModelReader.Read(Linear().Output("y", null, 4)
            .Initializer("c", new[] { 2f }).Initializer("one", new[] { 1f }).Initializer("half", new[] { 0.5f })
            .Node("Div", new[] { "h", "c" }, "d").Node("Erf", new[] { "d" }, "e").Node("Add", new[] { "e", "one" }, "p")
            .Node("Mul", new[] { "h", "p" }, "m").Node("Mul", new[] { "m", "half" }, "y").Build());
        Assert.Null(result.Network);
        Assert.Contains("value 'h' feeds 2 nodes", Text(result.Problems));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SiLU_as_Sigmoid_and_Mul_in_either_order(bool chainFirst)
    {
        var layer = Read(Linear().Output("y", null, 4)
            .Node("Sigmoid", new[] { "h" }, "s").Node("Mul", chainFirst ? new[] { "h", "s" } : new[] { "s", "h" }, "y").Build()).Layers[0];
        Assert.Equal(Act.Silu, layer.Activation);
    }

    [Fact]
    public void Dropout_Identity_Flatten_and_Reshape_of_a_batch_by_features_tensor_are_no_ops()
    {
        var network = Read(new OnnxGraphBuilder()
            .Input("x", null, 2, 3)
            .Initializer("W", Values(24, 1), 6, 4)
            .Tensor(Int64Tensor("shape", new[] { -1L, 4 }, 2))
            .Tensor(Int64Tensor("same", new[] { 0L, -1 }, 2))
            .Initializer("ratio", new[] { 0.5f })
            .Node("Flatten", new[] { "x" }, "f", ("axis", 1L))
            .Node("Gemm", new[] { "f", "W" }, "h")
            .NodeIn("", "Dropout", new[] { "h", "ratio" }, new[] { "d", "mask" }, "drop")
            .Node("Identity", new[] { "d" }, "i")
            .Node("Reshape", new[] { "i", "shape" }, "r")
            .Node("Reshape", new[] { "r", "same" }, "y")
            .Output("y", null, 4).Build());
        var layer = Assert.Single(network.Layers);
        Assert.Equal((6, 4, 6), (network.Inputs, layer.Units, layer.Inputs));
    }

    [Fact]
    public void Input_normalization_Sub_then_Div_becomes_mean_and_variance_std_squared()
    {
        var network = Read(new OnnxGraphBuilder()
            .Input("x", null, 3)
            .Initializer("mean", new[] { 1f, -2f, 0.5f }, 3).Initializer("std", new[] { 2f, 0.5f, 3f }, 3)
            .Initializer("W", Values(6, 1), 3, 2)
            .Node("Sub", new[] { "x", "mean" }, "c").Node("Div", new[] { "c", "std" }, "n").Node("MatMul", new[] { "n", "W" }, "y")
            .Output("y", null, 2).Build());
        var norm = Assert.IsType<ImportedNormalization>(network.Normalization);
        Assert.Equal(new[] { 1f, -2f, 0.5f }, norm.Mean);
        Assert.Equal(new[] { 4f, 0.25f, 9f }, norm.Variance);
    }

    [Fact]
    public void Float16_double_and_float_data_initializers_are_converted_exactly()
    {
        var half = new ProtobufWriter().Varint(1, 2).Varint(1, 2).Varint(2, 10).String(8, "W");
        foreach (ushort bits in new ushort[] { 0x3C00, 0xC000, 0x3800, 0x0001 }) half.Varint(5, bits);   // 1, -2, 0.5, 2^-24 in int32_data
        var doubles = new ProtobufWriter().Varint(1, 2).Varint(2, 11).String(8, "b");
        foreach (double value in new[] { 0.25, -1.5 }) doubles.Bytes(10, BitConverter.GetBytes(value));  // packed double_data, one value each
        var network = Read(new OnnxGraphBuilder().Input("x", null, 2).Tensor(half).Tensor(doubles)
            .Node("Gemm", new[] { "x", "W", "b" }, "y").Output("y", null, 2).Build());
        Assert.Equal(new[] { 1f, -2f, 0.5f, MathF.Pow(2, -24) }, network.Layers[0].Kernel);
        Assert.Equal(new[] { 0.25f, -1.5f }, network.Layers[0].Bias);

        var floatData = new ProtobufWriter().Varint(1, 1).Varint(1, 2).Varint(2, 1).String(8, "W").Float(4, 3f).Float(4, -4f);
        var unpacked = Read(new OnnxGraphBuilder().Input("x", null, 1).Tensor(floatData).Node("MatMul", new[] { "x", "W" }, "y").Output("y", null, 2).Build());
        Assert.Equal(new[] { 3f, -4f }, unpacked.Layers[0].Kernel);
    }

    [Fact]
    public void Initializers_listed_as_graph_inputs_by_older_exporters_are_not_inputs()
    {
        var network = Read(Linear().Input("W", 3, 4).Output("h", 5, 4).Build());
        Assert.Equal(3, network.Inputs);
    }

    [Fact]
    public void Fixed_and_dynamic_batch_inputs_and_an_input_without_shape_are_read_alike()
    {
        foreach (var batch in new long?[] { null, 8 })
            Assert.Equal(3, Read(new OnnxGraphBuilder().Input("x", batch, 3).Initializer("W", Values(12, 1), 3, 4).Node("Gemm", new[] { "x", "W" }, "y").Output("y", batch, 4).Build()).Inputs);
        Assert.Equal(3, Read(new OnnxGraphBuilder().Input("x").Initializer("W", Values(12, 1), 3, 4).Node("Gemm", new[] { "x", "W" }, "y").Output("y").Build()).Inputs);
    }

    [Fact]
    public void A_chain_of_three_layers_predicts_like_its_reference()
    {
        var network = Read(new OnnxGraphBuilder().Input("x", null, 3)
            .Initializer("W1", Values(12, 1), 4, 3).Initializer("b1", Values(4, 2), 4)
            .Initializer("W2", Values(20, 3), 4, 5).Initializer("W3", Values(10, 4), 2, 5).Initializer("b3", Values(2, 5), 2)
            .Node("Gemm", new[] { "x", "W1", "b1" }, "h1", ("transB", 1L)).Node("Elu", new[] { "h1" }, "a1")
            .Node("MatMul", new[] { "a1", "W2" }, "h2").Node("Sigmoid", new[] { "h2" }, "s").Node("Mul", new[] { "h2", "s" }, "a2")
            .Node("Gemm", new[] { "a2", "W3", "b3" }, "z", ("transB", 1L)).Node("LogSoftmax", new[] { "z" }, "y", ("axis", 1L))
            .Output("y", null, 2).Build());
        Assert.Equal(new[] { Act.Elu, Act.Silu, Act.Linear }, network.Layers.Select(l => l.Activation));
        Assert.Equal(new[] { 4, 5, 2 }, network.Layers.Select(l => l.Units));
        Assert.Equal(ImportedOutput.LogSoftmax, network.Output);
    }
}
