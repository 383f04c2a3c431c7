using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen.Generator.Import.Onnx
{
    /// <summary>
    /// A tensor's values as floats (or int64 for shapes), checked against its dims before anything is
    /// allocated: the data must hold exactly the product of the dims, so an array is never larger than the
    /// bytes that carried it.
    /// </summary>
    internal static class TensorValues
    {
        private const int FloatType = 1, Int32Type = 6, Int64Type = 7, Float16Type = 10, DoubleType = 11, BFloat16Type = 16;

        /// <summary>The tensor as float32 (float16 and double converted), or null with the reason.</summary>
        public static float[]? Floats(OnnxTensor tensor, out string? problem)
        {
            long count = ElementCount(tensor, out problem);
            if (problem is not null) return null;
            switch (tensor.DataType)
            {
                case FloatType:
                    if (tensor.RawData is { } raw) return Decode(tensor, raw, count, 4, (bytes, at) => FloatBits.ToSingle(ReadUInt32(bytes, at)), out problem);
                    return FromList(tensor, tensor.FloatData, count, value => value, out problem);
                case DoubleType:
                    if (tensor.RawData is { } rawDouble)
                        return Decode(tensor, rawDouble, count, 8, (bytes, at) => (float)FloatBits.ToDouble(ReadUInt32(bytes, at) | (ulong)ReadUInt32(bytes, at + 4) << 32), out problem);
                    return FromList(tensor, tensor.DoubleData, count, value => (float)value, out problem);
                case Float16Type:
                    // float16 values travel as raw little-endian halves or as the low 16 bits of int32_data.
                    if (tensor.RawData is { } rawHalf) return Decode(tensor, rawHalf, count, 2, (bytes, at) => FloatBits.HalfToSingle((ushort)(bytes[at] | bytes[at + 1] << 8)), out problem);
                    return FromList(tensor, tensor.Int32Data, count, value => FloatBits.HalfToSingle((ushort)value), out problem);
                default:
                    problem = $"tensor '{tensor.Name}' holds {TypeName(tensor.DataType)} values; weights must be float32, float16 or double";
                    return null;
            }
        }

        /// <summary>The tensor as int64 (Reshape's target shape), or null with the reason.</summary>
        public static long[]? Int64s(OnnxTensor tensor, out string? problem)
        {
            long count = ElementCount(tensor, out problem);
            if (problem is not null) return null;
            switch (tensor.DataType)
            {
                case Int64Type:
                    if (tensor.RawData is { } raw) return Decode(tensor, raw, count, 8, (bytes, at) => (long)(ReadUInt32(bytes, at) | (ulong)ReadUInt32(bytes, at + 4) << 32), out problem);
                    return FromList(tensor, tensor.Int64Data, count, value => value, out problem);
                case 9:
                    // bool: one byte each in raw_data, or int32_data.
                    if (tensor.RawData is { } rawBool) return Decode(tensor, rawBool, count, 1, (bytes, at) => (long)bytes[at], out problem);
                    return FromList(tensor, tensor.Int32Data, count, value => value, out problem);
                case Int32Type:
                    if (tensor.RawData is { } raw32) return Decode(tensor, raw32, count, 4, (bytes, at) => (long)(int)ReadUInt32(bytes, at), out problem);
                    return FromList(tensor, tensor.Int32Data, count, value => value, out problem);
                default:
                    problem = $"tensor '{tensor.Name}' holds {TypeName(tensor.DataType)} values where integers are expected";
                    return null;
            }
        }

        /// <summary>"[3, 4]".</summary>
        public static string Shape(IReadOnlyList<long> dims)
        {
            var text = new StringBuilder("[");
            for (int i = 0; i < dims.Count; i++) text.Append(i == 0 ? "" : ", ").Append(dims[i].ToString(CultureInfo.InvariantCulture));
            return text.Append(']').ToString();
        }

        public static string TypeName(long dataType) => dataType switch
        {
            FloatType => "float32",
            2 => "uint8",
            3 => "int8",
            4 => "uint16",
            5 => "int16",
            Int32Type => "int32",
            Int64Type => "int64",
            8 => "string",
            9 => "bool",
            Float16Type => "float16",
            DoubleType => "double",
            12 => "uint32",
            13 => "uint64",
            14 => "complex64",
            15 => "complex128",
            BFloat16Type => "bfloat16",
            _ => "element type " + dataType.ToString(CultureInfo.InvariantCulture),
        };

        private static long ElementCount(OnnxTensor tensor, out string? problem)
        {
            problem = null;
            if (tensor.ExternalLocation is { } location)
            {
                problem = $"tensor '{tensor.Name}' keeps its data in an external file{(location.Length > 0 ? " ('" + location + "')" : "")}, which the build does not read: save the model with its weights inside (onnx.save_model(model, path, save_as_external_data=False))";
                return 0;
            }
            if (tensor.HasSegment)
            {
                problem = $"tensor '{tensor.Name}' is split into segments, which the reader does not support";
                return 0;
            }
            long count = 1;
            foreach (long dim in tensor.Dims)
            {
                // Bounded by int.MaxValue at each step, so the product never overflows.
                if (dim < 0 || dim > int.MaxValue || (count = count * dim) > int.MaxValue)
                {
                    problem = $"tensor '{tensor.Name}' has invalid dims {Shape(tensor.Dims)}";
                    return 0;
                }
            }
            return count;
        }

        private static T[]? Decode<T>(OnnxTensor tensor, ArraySegment<byte> raw, long count, int size, Func<byte[], int, T> read, out string? problem)
        {
            if (raw.Count != count * size)
            {
                problem = $"tensor '{tensor.Name}' has dims {Shape(tensor.Dims)} ({count} values) but {raw.Count} bytes of {TypeName(tensor.DataType)} data";
                return null;
            }
            problem = null;
            var values = new T[count];
            for (int i = 0; i < values.Length; i++) values[i] = read(raw.Array!, raw.Offset + i * size);
            return values;
        }

        private static TResult[]? FromList<TSource, TResult>(OnnxTensor tensor, List<TSource> data, long count, Func<TSource, TResult> convert, out string? problem)
        {
            if (data.Count != count)
            {
                problem = $"tensor '{tensor.Name}' has dims {Shape(tensor.Dims)} ({count} values) but holds {data.Count} values";
                return null;
            }
            problem = null;
            var values = new TResult[count];
            for (int i = 0; i < values.Length; i++) values[i] = convert(data[i]);
            return values;
        }

        private static uint ReadUInt32(byte[] bytes, int at) => (uint)(bytes[at] | bytes[at + 1] << 8 | bytes[at + 2] << 16 | bytes[at + 3] << 24);
    }
}
