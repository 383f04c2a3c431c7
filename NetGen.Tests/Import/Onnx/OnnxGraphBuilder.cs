using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen.Tests.Import.Onnx;

/// <summary>Writes small ONNX models for reader tests with the runtime's own protobuf writer.</summary>
internal sealed class OnnxGraphBuilder
{
    private readonly List<ProtobufWriter> _nodes = new();
    private readonly List<ProtobufWriter> _initializers = new();
    private readonly List<ProtobufWriter> _inputs = new();
    private readonly List<ProtobufWriter> _outputs = new();
    private int _counter;

    /// <summary>A float32 graph input; null dims are symbolic ("batch").</summary>
    public OnnxGraphBuilder Input(string name, params long?[] dims)
    {
        _inputs.Add(ValueInfo(name, 1, dims));
        return this;
    }

    public OnnxGraphBuilder TypedInput(string name, int elementType, params long?[] dims)
    {
        _inputs.Add(ValueInfo(name, elementType, dims));
        return this;
    }

    public OnnxGraphBuilder Output(string name, params long?[] dims)
    {
        _outputs.Add(ValueInfo(name, 1, dims));
        return this;
    }

    /// <summary>A node; attributes are float (FLOAT), long (INT), string (STRING), long[] (INTS) or a tensor writer (TENSOR).</summary>
    public OnnxGraphBuilder Node(string op, string[] inputs, string output, params (string Name, object Value)[] attributes)
        => NodeIn("", op, inputs, new[] { output }, null, attributes);

    public OnnxGraphBuilder NodeIn(string domain, string op, string[] inputs, string[] outputs, string? name, params (string Name, object Value)[] attributes)
    {
        var node = new ProtobufWriter();
        foreach (var input in inputs) node.String(1, input);
        foreach (var output in outputs) node.String(2, output);
        node.String(3, name ?? $"{op}_{_counter++}").String(4, op);
        if (domain.Length > 0) node.String(7, domain);
        foreach (var (attributeName, value) in attributes)
        {
            var attribute = new ProtobufWriter().String(1, attributeName);
            switch (value)
            {
                case float f: attribute.Float(2, f).Varint(20, 1); break;
                case long i: attribute.Varint(3, i).Varint(20, 2); break;
                case int i: attribute.Varint(3, i).Varint(20, 2); break;
                case string s: attribute.String(4, s).Varint(20, 3); break;
                case ProtobufWriter t: attribute.Message(5, t).Varint(20, 4); break;
                case long[] ints:
                    foreach (long i in ints) attribute.Varint(8, i);
                    attribute.Varint(20, 7);
                    break;
                default: throw new ArgumentException($"attribute type {value.GetType()}");
            }
            node.Message(5, attribute);
        }
        _nodes.Add(node);
        return this;
    }

    /// <summary>A float32 initializer stored as raw little-endian bytes.</summary>
    public OnnxGraphBuilder Initializer(string name, float[] values, params long[] dims)
    {
        _initializers.Add(FloatTensor(name, values, dims));
        return this;
    }

    public OnnxGraphBuilder Tensor(ProtobufWriter tensor)
    {
        _initializers.Add(tensor);
        return this;
    }

    /// <summary>A Constant node holding a float32 tensor.</summary>
    public OnnxGraphBuilder ConstantNode(string output, float[] values, params long[] dims)
        => NodeIn("", "Constant", Array.Empty<string>(), new[] { output }, null, ("value", FloatTensor("", values, dims)));

    public static ProtobufWriter FloatTensor(string name, float[] values, params long[] dims)
    {
        var tensor = new ProtobufWriter();
        foreach (long dim in dims) tensor.Varint(1, dim);
        tensor.Varint(2, 1).String(8, name);
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BitConverter.TryWriteBytes(bytes.AsSpan(i * 4), values[i]);
        return tensor.Bytes(9, bytes);
    }

    public static ProtobufWriter Int64Tensor(string name, long[] values, params long[] dims)
    {
        var tensor = new ProtobufWriter();
        foreach (long dim in dims) tensor.Varint(1, dim);
        tensor.Varint(2, 7).String(8, name);
        foreach (long value in values) tensor.Varint(7, value);
        return tensor;
    }

    public byte[] Build(long opset = 13)
    {
        var graph = new ProtobufWriter();
        foreach (var node in _nodes) graph.Message(1, node);
        graph.String(2, "test");
        foreach (var initializer in _initializers) graph.Message(5, initializer);
        foreach (var input in _inputs) graph.Message(11, input);
        foreach (var output in _outputs) graph.Message(12, output);
        return new ProtobufWriter()
            .Varint(1, 8)
            .String(2, "NetGen.Tests")
            .Message(7, graph)
            .Message(8, new ProtobufWriter().String(1, "").Varint(2, opset))
            .ToArray();
    }

    private static ProtobufWriter ValueInfo(string name, int elementType, long?[] dims)
    {
        var shape = new ProtobufWriter();
        foreach (var dim in dims)
            shape.Message(1, dim is { } size ? new ProtobufWriter().Varint(1, size) : new ProtobufWriter().String(2, "batch"));
        var tensorType = new ProtobufWriter().Varint(1, elementType).Message(2, shape);
        return new ProtobufWriter().String(1, name).Message(2, new ProtobufWriter().Message(1, tensorType));
    }

    /// <summary>Deterministic test values: small, distinct, exactly representable.</summary>
    public static float[] Values(int count, int seed)
        => Enumerable.Range(0, count).Select(i => (float)(((i * 37 + seed * 11) % 23) - 11) / 16f).ToArray();

    public static string Text(IEnumerable<string> problems) => string.Join(" | ", problems.Select(p => p.ToString(CultureInfo.InvariantCulture)));
}
