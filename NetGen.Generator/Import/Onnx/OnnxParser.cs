using System.Collections.Generic;

namespace NetGen.Generator.Import.Onnx
{
    /// <summary>
    /// Decodes ModelProto bytes into <see cref="OnnxModel"/>. Only fields the dense chain needs are kept;
    /// the rest are skipped by wire type. Nesting is fixed by the schema (model, graph, node, attribute,
    /// tensor), never by the input: subgraphs in attributes are skipped, not descended into.
    /// </summary>
    internal static class OnnxParser
    {
        public static OnnxModel ParseModel(byte[] bytes)
        {
            var reader = new ProtoReader(bytes);
            var model = new OnnxModel();
            while (!reader.AtEnd)
            {
                var (field, wire) = reader.ReadTag();
                switch (field)
                {
                    case 1 when wire == ProtoReader.Varint: model.IrVersion = reader.ReadInt64(); break;
                    case 2 when wire == ProtoReader.LengthDelimited: model.ProducerName = reader.ReadString(); break;
                    case 7 when wire == ProtoReader.LengthDelimited: model.Graph = ParseGraph(reader.ReadMessage()); break;
                    case 8 when wire == ProtoReader.LengthDelimited: model.Opsets.Add(ParseOpset(reader.ReadMessage())); break;
                    default: reader.Skip(wire); break;
                }
            }
            return model;
        }

        private static (string Domain, long Version) ParseOpset(ProtoReader reader)
        {
            string domain = "";
            long version = 0;
            while (!reader.AtEnd)
            {
                var (field, wire) = reader.ReadTag();
                if (field == 1 && wire == ProtoReader.LengthDelimited) domain = reader.ReadString();
                else if (field == 2 && wire == ProtoReader.Varint) version = reader.ReadInt64();
                else reader.Skip(wire);
            }
            return (domain, version);
        }

        private static OnnxGraph ParseGraph(ProtoReader reader)
        {
            var graph = new OnnxGraph();
            while (!reader.AtEnd)
            {
                var (field, wire) = reader.ReadTag();
                if (wire != ProtoReader.LengthDelimited)
                {
                    reader.Skip(wire);
                    continue;
                }
                switch (field)
                {
                    case 1: graph.Nodes.Add(ParseNode(reader.ReadMessage())); break;
                    case 5: graph.Initializers.Add(ParseTensor(reader.ReadMessage())); break;
                    case 11: graph.Inputs.Add(ParseValueInfo(reader.ReadMessage())); break;
                    case 12: graph.Outputs.Add(ParseValueInfo(reader.ReadMessage())); break;
                    case 13: graph.ValueInfos.Add(ParseValueInfo(reader.ReadMessage())); break;
                    case 15: graph.SparseInitializers++; reader.Skip(wire); break;
                    default: reader.Skip(wire); break;
                }
            }
            return graph;
        }

        private static OnnxNode ParseNode(ProtoReader reader)
        {
            var node = new OnnxNode();
            while (!reader.AtEnd)
            {
                var (field, wire) = reader.ReadTag();
                if (wire != ProtoReader.LengthDelimited)
                {
                    reader.Skip(wire);
                    continue;
                }
                switch (field)
                {
                    case 1: node.Inputs.Add(reader.ReadString()); break;
                    case 2: node.Outputs.Add(reader.ReadString()); break;
                    case 3: node.Name = reader.ReadString(); break;
                    case 4: node.OpType = reader.ReadString(); break;
                    case 5: node.Attributes.Add(ParseAttribute(reader.ReadMessage())); break;
                    case 7: node.Domain = reader.ReadString(); break;
                    default: reader.Skip(wire); break;
                }
            }
            return node;
        }

        private static OnnxAttribute ParseAttribute(ProtoReader reader)
        {
            var attribute = new OnnxAttribute();
            while (!reader.AtEnd)
            {
                var (field, wire) = reader.ReadTag();
                switch (field)
                {
                    case 1 when wire == ProtoReader.LengthDelimited: attribute.Name = reader.ReadString(); break;
                    case 2 when wire == ProtoReader.Fixed32: attribute.F = reader.ReadFloat(); break;
                    case 3 when wire == ProtoReader.Varint: attribute.I = reader.ReadInt64(); break;
                    case 4 when wire == ProtoReader.LengthDelimited: attribute.S = reader.ReadString(); break;
                    case 5 when wire == ProtoReader.LengthDelimited: attribute.T = ParseTensor(reader.ReadMessage()); break;
                    case 7: ReadFloats(ref reader, wire, attribute.Floats); break;
                    case 8: ReadVarints(ref reader, wire, attribute.Ints); break;
                    case 20 when wire == ProtoReader.Varint: attribute.Type = reader.ReadInt64(); break;
                    default: reader.Skip(wire); break;
                }
            }
            return attribute;
        }

        private static OnnxTensor ParseTensor(ProtoReader reader)
        {
            var tensor = new OnnxTensor();
            while (!reader.AtEnd)
            {
                var (field, wire) = reader.ReadTag();
                switch (field)
                {
                    case 1: ReadVarints(ref reader, wire, tensor.Dims); break;
                    case 2 when wire == ProtoReader.Varint: tensor.DataType = reader.ReadInt64(); break;
                    case 3: tensor.HasSegment = true; reader.Skip(wire); break;
                    case 4: ReadFloats(ref reader, wire, tensor.FloatData); break;
                    case 5: ReadVarints(ref reader, wire, tensor.Int32Data); break;
                    case 7: ReadVarints(ref reader, wire, tensor.Int64Data); break;
                    case 8 when wire == ProtoReader.LengthDelimited: tensor.Name = reader.ReadString(); break;
                    case 9 when wire == ProtoReader.LengthDelimited: tensor.RawData = reader.ReadBytes(); break;
                    case 10: ReadDoubles(ref reader, wire, tensor.DoubleData); break;
                    case 13 when wire == ProtoReader.LengthDelimited: tensor.ExternalLocation ??= ExternalLocation(reader.ReadMessage()); break;
                    case 14 when wire == ProtoReader.Varint:
                        if (reader.ReadVarint() == 1) tensor.ExternalLocation ??= "";
                        break;
                    default: reader.Skip(wire); break;
                }
            }
            return tensor;
        }

        /// <summary>An external_data entry (StringStringEntryProto: key 1, value 2): the file it points to, if this entry is "location".</summary>
        private static string ExternalLocation(ProtoReader reader)
        {
            string key = "", value = "";
            while (!reader.AtEnd)
            {
                var (field, wire) = reader.ReadTag();
                if (field == 1 && wire == ProtoReader.LengthDelimited) key = reader.ReadString();
                else if (field == 2 && wire == ProtoReader.LengthDelimited) value = reader.ReadString();
                else reader.Skip(wire);
            }
            return key == "location" ? value : "";
        }

        private static OnnxValueInfo ParseValueInfo(ProtoReader reader)
        {
            var info = new OnnxValueInfo();
            while (!reader.AtEnd)
            {
                var (field, wire) = reader.ReadTag();
                if (field == 1 && wire == ProtoReader.LengthDelimited) info.Name = reader.ReadString();
                else if (field == 2 && wire == ProtoReader.LengthDelimited) ParseType(reader.ReadMessage(), info);
                else reader.Skip(wire);
            }
            return info;
        }

        /// <summary>TypeProto (tensor_type 1) → TypeProto.Tensor (elem_type 1, shape 2) → TensorShapeProto (dim 1).</summary>
        private static void ParseType(ProtoReader reader, OnnxValueInfo info)
        {
            while (!reader.AtEnd)
            {
                var (field, wire) = reader.ReadTag();
                if (field != 1 || wire != ProtoReader.LengthDelimited)
                {
                    reader.Skip(wire);
                    continue;
                }
                var tensorType = reader.ReadMessage();
                while (!tensorType.AtEnd)
                {
                    var (tensorField, tensorWire) = tensorType.ReadTag();
                    if (tensorField == 1 && tensorWire == ProtoReader.Varint) info.ElementType = tensorType.ReadInt64();
                    else if (tensorField == 2 && tensorWire == ProtoReader.LengthDelimited) info.Shape = ParseShape(tensorType.ReadMessage());
                    else tensorType.Skip(tensorWire);
                }
            }
        }

        private static List<long?> ParseShape(ProtoReader reader)
        {
            var shape = new List<long?>();
            while (!reader.AtEnd)
            {
                var (field, wire) = reader.ReadTag();
                if (field != 1 || wire != ProtoReader.LengthDelimited)
                {
                    reader.Skip(wire);
                    continue;
                }
                var dimension = reader.ReadMessage();
                long? size = null;
                while (!dimension.AtEnd)
                {
                    var (dimensionField, dimensionWire) = dimension.ReadTag();
                    if (dimensionField == 1 && dimensionWire == ProtoReader.Varint) size = dimension.ReadInt64();
                    else dimension.Skip(dimensionWire);
                }
                shape.Add(size);
            }
            return shape;
        }

        // Repeated scalars arrive packed (one length-delimited run) or one per field; parsers must accept both.
        private static void ReadVarints(ref ProtoReader reader, int wire, List<long> values)
        {
            if (wire == ProtoReader.Varint)
            {
                values.Add(reader.ReadInt64());
            }
            else if (wire == ProtoReader.LengthDelimited)
            {
                var packed = reader.ReadMessage();
                while (!packed.AtEnd) values.Add(packed.ReadInt64());
            }
            else
            {
                reader.Skip(wire);
            }
        }

        private static void ReadFloats(ref ProtoReader reader, int wire, List<float> values)
        {
            if (wire == ProtoReader.Fixed32)
            {
                values.Add(reader.ReadFloat());
            }
            else if (wire == ProtoReader.LengthDelimited)
            {
                var packed = reader.ReadMessage();
                if (packed.Remaining % 4 != 0) throw new OnnxFormatException($"a packed float list at byte {packed.Position} is {packed.Remaining} bytes long, not a multiple of 4");
                while (!packed.AtEnd) values.Add(packed.ReadFloat());
            }
            else
            {
                reader.Skip(wire);
            }
        }

        private static void ReadDoubles(ref ProtoReader reader, int wire, List<double> values)
        {
            if (wire == ProtoReader.Fixed64)
            {
                values.Add(FloatBits.ToDouble(reader.ReadFixed64()));
            }
            else if (wire == ProtoReader.LengthDelimited)
            {
                var packed = reader.ReadMessage();
                if (packed.Remaining % 8 != 0) throw new OnnxFormatException($"a packed double list at byte {packed.Position} is {packed.Remaining} bytes long, not a multiple of 8");
                while (!packed.AtEnd) values.Add(FloatBits.ToDouble(packed.ReadFixed64()));
            }
            else
            {
                reader.Skip(wire);
            }
        }
    }
}
