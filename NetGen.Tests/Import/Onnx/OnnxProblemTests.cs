using System;
using System.Text;
using NetGen.Generator.Import;
using Xunit;
using static NetGen.Tests.Import.Onnx.OnnxGraphBuilder;

namespace NetGen.Tests.Import.Onnx;

/// <summary>Everything the reader cannot import is a problem sentence naming the node, tensor or value — never an exception.</summary>
public class OnnxProblemTests
{
    private static string Problems(byte[] model)
    {
        var result = OnnxModelReader.ReadUnguarded(model);
        Assert.Null(result.Network);
        Assert.NotEmpty(result.Problems);
        return Text(result.Problems);
    }

    private static OnnxGraphBuilder Linear(string output = "h") => new OnnxGraphBuilder()
        .Input("x", null, 3)
        .Initializer("W", Values(12, 1), 3, 4)
        .Node("Gemm", new[] { "x", "W" }, output);

    [Fact]
    public void Every_unsupported_node_is_listed_at_once_with_its_name_and_op_type()
    {
        var result = OnnxModelReader.Read(new OnnxGraphBuilder().Input("x", null, 1, 8, 8).Output("y", null, 10)
            .Initializer("k", Values(9, 1), 1, 1, 3, 3)
            .NodeIn("", "Conv", new[] { "x", "k" }, new[] { "c" }, "/conv/Conv")
            .NodeIn("", "MaxPool", new[] { "c" }, new[] { "p" }, "/pool/MaxPool")
            .NodeIn("com.example", "Relu", new[] { "p" }, new[] { "r" }, "custom")
            .NodeIn("", "Flatten", new[] { "r" }, new[] { "y" }, "flat").Build());
        Assert.Equal(new[]
        {
            "node '/conv/Conv' (Conv) is not supported: convolutions are not dense layers",
            "node '/pool/MaxPool' (MaxPool) is not supported: pooling belongs to convolutional networks",
            "node 'custom' (com.example.Relu) is not supported",
        }, result.Problems);
    }

    [Fact]
    public void A_skip_connection_names_the_value_read_twice()
    {
        var text = Problems(new OnnxGraphBuilder().Input("x", null, 4).Output("y", null, 4)
            .Initializer("W", Values(16, 1), 4, 4)
            .NodeIn("", "Gemm", new[] { "x", "W" }, new[] { "h" }, "fc").NodeIn("", "Relu", new[] { "h" }, new[] { "a" }, "act")
            .NodeIn("", "Add", new[] { "a", "x" }, new[] { "y" }, "residual").Build());
        Assert.Equal("value 'x' feeds 2 nodes (node 'fc' (Gemm), node 'residual' (Add)): a skip connection or branch is not a dense chain", text);
    }

    [Fact]
    public void A_node_joining_a_second_graph_input_is_a_join()
    {
        var text = Problems(Linear().Input("x2", null, 4).Output("y", null, 4).NodeIn("", "Add", new[] { "h", "x2" }, new[] { "y" }, "join").Build());
        Assert.Contains("the graph has 2 inputs ('x', 'x2')", text);
    }

    [Fact]
    public void A_branch_into_two_dense_layers_names_both()
    {
        var text = Problems(Linear().Output("y", null, 4).Initializer("V", Values(16, 2), 4, 4)
            .NodeIn("", "MatMul", new[] { "h", "V" }, new[] { "y" }, "left").NodeIn("", "MatMul", new[] { "h", "V" }, new[] { "z" }, "right").Build());
        Assert.Contains("value 'h' feeds 2 nodes (node 'left' (MatMul), node 'right' (MatMul))", text);
    }

    [Fact]
    public void A_node_off_the_chain_is_named()
    {
        var text = Problems(Linear().Output("h", null, 4).NodeIn("", "Relu", new[] { "unknown" }, new[] { "stray" }, "dangling").Build());
        Assert.Equal("node 'dangling' (Relu) is not on the chain from 'x' to 'h'", text);
    }

    [Fact]
    public void A_weight_whose_shape_contradicts_the_chain_names_the_tensor_and_both_shapes()
    {
        var text = Problems(Linear().Output("y", null, 2).Initializer("W2", Values(10, 2), 5, 2).NodeIn("", "MatMul", new[] { "h", "W2" }, new[] { "y" }, "fc2").Build());
        Assert.Equal("weight 'W2' of node 'fc2' (MatMul) has shape [5, 2] ([inputs, units]), so it takes 5 features, but the chain carries 4 here (shape [N, 4])", text);
    }

    [Fact]
    public void A_first_weight_that_contradicts_the_declared_input_is_named()
    {
        var text = Problems(new OnnxGraphBuilder().Input("x", null, 7).Output("y", null, 4).Initializer("W", Values(12, 1), 4, 3)
            .NodeIn("", "Gemm", new[] { "x", "W" }, new[] { "y" }, "fc1", ("transB", 1L)).Build());
        Assert.Contains("weight 'W' of node 'fc1' (Gemm) has shape [4, 3] (transB=1: [units, inputs]), so it takes 3 features, but the chain carries 7 here", text);
    }

    [Fact]
    public void A_bias_of_the_wrong_length_is_named()
    {
        var text = Problems(Linear().Output("y", null, 4).Initializer("b", Values(3, 1), 3).Node("Add", new[] { "h", "b" }, "y").Build());
        Assert.Contains("tensor 'b' of node 'Add_1' (Add) has shape [3], but the chain carries 4 features here", text);
    }

    [Fact]
    public void A_missing_initializer_is_named()
    {
        var text = Problems(new OnnxGraphBuilder().Input("x", null, 3).Output("y", null, 4).Node("Gemm", new[] { "x", "fc.weight" }, "y").Build());
        Assert.Equal("input 'fc.weight' of node 'Gemm_0' (Gemm) is not an initializer, a Constant, a graph input or any node's output: the initializer is missing", text);
    }

    [Fact]
    public void A_tensor_stored_in_an_external_file_is_a_problem_naming_the_file()
    {
        var external = new ProtobufWriter().Varint(1, 3).Varint(1, 4).Varint(2, 1).String(8, "W")
            .Message(13, new ProtobufWriter().String(1, "location").String(2, "weights.bin")).Varint(14, 1);
        var text = Problems(new OnnxGraphBuilder().Input("x", null, 3).Output("y", null, 4).Tensor(external).Node("Gemm", new[] { "x", "W" }, "y").Build());
        Assert.Contains("tensor 'W' keeps its data in an external file ('weights.bin')", text);
    }

    [Fact]
    public void A_tensor_whose_data_does_not_match_its_dims_is_named()
    {
        var text = Problems(new OnnxGraphBuilder().Input("x", null, 3).Output("y", null, 4).Initializer("W", Values(11, 1), 3, 4).Node("Gemm", new[] { "x", "W" }, "y").Build());
        Assert.Equal("tensor 'W' has dims [3, 4] (12 values) but 44 bytes of float32 data", text);
    }

    [Fact]
    public void Integer_weights_are_named_with_their_type()
    {
        var text = Problems(new OnnxGraphBuilder().Input("x", null, 1).Output("y", null, 2).Tensor(Int64Tensor("W", new[] { 1L, 2 }, 1, 2)).Node("MatMul", new[] { "x", "W" }, "y").Build());
        Assert.Equal("tensor 'W' holds int64 values; weights must be float32, float16 or double", text);
    }

    public static TheoryData<string, string> UnsupportedSettings() => new()
    {
        { "transA", "has transA=1" },
        { "alpha", "has alpha=2, beta=1: only alpha = beta = 1 is a dense layer" },
        { "selu", "(Selu) has alpha=1.5" },
        { "gelu", "(Gelu) uses approximate='tanh'" },
        { "softmax0", "applies axis 0 to a tensor of shape [N, 4]" },
        { "softmaxMiddle", "a softmax is supported only as the graph's last step" },
        { "dropoutTraining", "(Dropout) is in training mode" },
        { "bnTraining", "(BatchNormalization) is in training mode" },
        { "reshape", "(Reshape) turns a tensor of shape [N, 4] into [2, -1, 2]" },
        { "flatten0", "(Flatten) uses axis 0" },
        { "twoActivations", "node 'Tanh_2' (Tanh) follows node 'Relu_1' (Relu) in layer 'Gemm_0'" },
        { "activationFirst", "node 'Relu_0' (Relu) comes before the first dense layer" },
        { "noDense", "the graph has no dense layer" },
        { "constantMinusX", "computes constant − chain value" },
        { "outputWidth", "graph output 'h' is declared with 5 features, but the last layer ('Gemm_0') has 4 units" },
        { "doubleInput", "graph input 'x' is double" },
    };

    [Theory]
    [MemberData(nameof(UnsupportedSettings))]
    public void Unsupported_settings_are_named(string name, string expected)
    {
        var model = name switch
        {
            "transA" => new OnnxGraphBuilder().Input("x", null, 3).Output("h", 4, null).Initializer("W", Values(12, 1), 3, 4).Node("Gemm", new[] { "x", "W" }, "h", ("transA", 1L)),
            "alpha" => new OnnxGraphBuilder().Input("x", null, 3).Output("h", null, 4).Initializer("W", Values(12, 1), 3, 4).Node("Gemm", new[] { "x", "W" }, "h", ("alpha", 2f)),
            "selu" => Linear().Output("y", null, 4).Node("Selu", new[] { "h" }, "y", ("alpha", 1.5f)),
            "gelu" => Linear().Output("y", null, 4).Node("Gelu", new[] { "h" }, "y", ("approximate", "tanh")),
            "softmax0" => Linear().Output("y", null, 4).Node("Softmax", new[] { "h" }, "y", ("axis", 0L)),
            "softmaxMiddle" => Linear().Output("y", null, 4).Node("Softmax", new[] { "h" }, "s").Node("Relu", new[] { "s" }, "y"),
            "dropoutTraining" => Linear().Output("y", null, 4).Initializer("ratio", new[] { 0.5f }).Tensor(BoolTensor("mode", true)).Node("Dropout", new[] { "h", "ratio", "mode" }, "y"),
            "bnTraining" => Linear().Output("y", null, 4).Initializer("v", new[] { 1f, 1, 1, 1 }, 4).Node("BatchNormalization", new[] { "h", "v", "v", "v", "v" }, "y", ("training_mode", 1L)),
            "reshape" => Linear().Output("y", null, 4).Tensor(Int64Tensor("s", new[] { 2L, -1, 2 }, 3)).Node("Reshape", new[] { "h", "s" }, "y"),
            "flatten0" => Linear().Output("y", null, 4).Node("Flatten", new[] { "h" }, "y", ("axis", 0L)),
            "twoActivations" => Linear().Output("y", null, 4).Node("Relu", new[] { "h" }, "a").Node("Tanh", new[] { "a" }, "y"),
            "activationFirst" => new OnnxGraphBuilder().Input("x", null, 3).Output("y", null, 4).Initializer("W", Values(12, 1), 3, 4).Node("Relu", new[] { "x" }, "a").Node("Gemm", new[] { "a", "W" }, "y"),
            "noDense" => new OnnxGraphBuilder().Input("x", null, 3).Output("y", null, 3).Node("Relu", new[] { "x" }, "y"),
            "constantMinusX" => Linear().Output("y", null, 4).Initializer("c", new[] { 1f }).Node("Sub", new[] { "c", "h" }, "y"),
            "outputWidth" => Linear().Output("h", null, 5),
            "doubleInput" => new OnnxGraphBuilder().TypedInput("x", 11, null, 3).Output("h", null, 4).Initializer("W", Values(12, 1), 3, 4).Node("Gemm", new[] { "x", "W" }, "h"),
            _ => throw new ArgumentException(name),
        };
        Assert.Contains(expected, Problems(model.Build()));
    }

    private static ProtobufWriter BoolTensor(string name, bool value)
        => new ProtobufWriter().Varint(2, 9).String(8, name).Bytes(9, new[] { value ? (byte)1 : (byte)0 });

    [Fact]
    public void Truncated_files_say_so()
    {
        var model = Linear().Output("h", null, 4).Build();
        foreach (int length in new[] { model.Length - 1, model.Length / 2, 3 })
            Assert.Contains("truncated", Problems(model.AsSpan(0, length).ToArray()));
    }

    [Fact]
    public void Files_that_are_not_ONNX_say_so()
    {
        Assert.Equal("the file is empty", Problems(Array.Empty<byte>()));
        Assert.Contains("zip archive", Problems(new byte[] { (byte)'P', (byte)'K', 3, 4, 0, 0 }));
        Assert.Contains("not a readable ONNX model", Problems(Encoding.UTF8.GetBytes("{\"__metadata__\": {}}")));
        Assert.Contains("not an ONNX model", Problems(new byte[] { 0x08, 0x01 }));     // a valid message without a graph
    }

    [Fact]
    public void Hundreds_of_unsupported_nodes_are_counted_after_the_first_fifty()
    {
        var builder = new OnnxGraphBuilder().Input("x", null, 1).Output("y", null, 1);
        string value = "x";
        for (int i = 0; i < 300; i++) builder.Node("Cos", new[] { value }, value = "v" + i);
        builder.Node("Identity", new[] { value }, "y");
        var problems = OnnxModelReader.Read(builder.Build()).Problems;
        Assert.Equal(51, problems.Length);
        Assert.Equal("and 250 more unsupported nodes", problems[^1]);
    }

    [Fact]
    public void Read_turns_an_unexpected_failure_into_a_problem_instead_of_throwing()
    {
        // Null is not a file the generator can pass, but the guard must hold for anything.
        Assert.Equal("the file is empty", Assert.Single(OnnxModelReader.Read(null!).Problems));
    }
}
