using System;
using System.Collections.Generic;

namespace NetGen.Generator.Import.Onnx
{
    // The parts of onnx.proto (ONNX 1.12, https://github.com/onnx/onnx/blob/main/onnx/onnx.proto) the dense
    // chain needs; the parser skips every other field. Field numbers are in OnnxParser.

    /// <summary>ModelProto: the opsets it imports and its graph.</summary>
    internal sealed class OnnxModel
    {
        public long IrVersion { get; set; }

        public string ProducerName { get; set; } = "";

        public List<(string Domain, long Version)> Opsets { get; } = new();

        public OnnxGraph? Graph { get; set; }
    }

    /// <summary>GraphProto.</summary>
    internal sealed class OnnxGraph
    {
        public List<OnnxNode> Nodes { get; } = new();

        public List<OnnxTensor> Initializers { get; } = new();

        public List<OnnxValueInfo> Inputs { get; } = new();

        public List<OnnxValueInfo> Outputs { get; } = new();

        public List<OnnxValueInfo> ValueInfos { get; } = new();

        /// <summary>Sparse initializers are not read: their names are kept to report them.</summary>
        public int SparseInitializers { get; set; }
    }

    /// <summary>NodeProto.</summary>
    internal sealed class OnnxNode
    {
        public List<string> Inputs { get; } = new();

        public List<string> Outputs { get; } = new();

        public string Name { get; set; } = "";

        public string OpType { get; set; } = "";

        public string Domain { get; set; } = "";

        public List<OnnxAttribute> Attributes { get; } = new();

        /// <summary>How messages name the node: its name, or its first output when it has none.</summary>
        public string Label => Name.Length > 0 ? Name : Outputs.Count > 0 ? "producing '" + Outputs[0] + "'" : "(unnamed)";

        public OnnxAttribute? Attribute(string name)
        {
            foreach (var attribute in Attributes)
                if (attribute.Name == name) return attribute;
            return null;
        }
    }

    /// <summary>AttributeProto; graph-valued attributes (If, Loop bodies) are noted, not parsed.</summary>
    internal sealed class OnnxAttribute
    {
        public string Name { get; set; } = "";

        /// <summary>AttributeProto.AttributeType: 1 FLOAT, 2 INT, 3 STRING, 4 TENSOR, 5 GRAPH, 6 FLOATS, 7 INTS.</summary>
        public long Type { get; set; }

        public float F { get; set; }

        public long I { get; set; }

        public string? S { get; set; }

        public OnnxTensor? T { get; set; }

        public List<float> Floats { get; } = new();

        public List<long> Ints { get; } = new();
    }

    /// <summary>TensorProto: dims, element type and whichever data field the writer used.</summary>
    internal sealed class OnnxTensor
    {
        public string Name { get; set; } = "";

        public List<long> Dims { get; } = new();

        /// <summary>TensorProto.DataType: 1 FLOAT, 6 INT32, 7 INT64, 10 FLOAT16, 11 DOUBLE, 16 BFLOAT16.</summary>
        public long DataType { get; set; }

        public ArraySegment<byte>? RawData { get; set; }

        public List<float> FloatData { get; } = new();

        public List<long> Int32Data { get; } = new();

        public List<long> Int64Data { get; } = new();

        public List<double> DoubleData { get; } = new();

        /// <summary>The "location" entry of external_data, or "" when it names none.</summary>
        public string? ExternalLocation { get; set; }

        public bool HasSegment { get; set; }
    }

    /// <summary>ValueInfoProto with a tensor type: element type and shape (null when the file gives none).</summary>
    internal sealed class OnnxValueInfo
    {
        public string Name { get; set; } = "";

        public long ElementType { get; set; }

        /// <summary>Each dimension: a fixed size, or null for a symbolic or unknown one (a dynamic batch).</summary>
        public List<long?>? Shape { get; set; }
    }
}
