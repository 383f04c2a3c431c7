using System;
using System.Buffers.Binary;
using System.Globalization;

namespace NetGen
{
    /// <summary>
    /// The dtypes of the safetensors format and how NetGen turns the float ones into float32: F16 and BF16
    /// widen exactly, F64 rounds to nearest (ties to even), which is what PyTorch's <c>tensor.float()</c>
    /// does; a finite F64 value that would round to infinity is refused rather than silently saturated.
    /// </summary>
    internal static class SafetensorsDtype
    {
        public const string F32 = "F32";

        /// <summary>Bytes per element of a safetensors dtype, or 0 for a name the format does not define.</summary>
        public static int Size(string dtype) => SafetensorsElementSize.Of(dtype);

        /// <summary>Whether <see cref="ToFloat32"/> reads the dtype.</summary>
        public static bool IsReadable(string dtype) => dtype is "F32" or "F16" or "BF16" or "F64";

        /// <summary>Converts the little-endian elements of <paramref name="source"/> to float32 as described on the class.</summary>
        /// <exception cref="CheckpointException">An F64 value is finite but beyond float32's range.</exception>
        public static void ToFloat32(SafetensorsEntry entry, ReadOnlySpan<byte> source, Span<float> destination)
        {
            switch (entry.DataType)
            {
                case "F32":
                    FloatCodec.Read(source, destination);
                    break;
                case "F16":
                    for (int i = 0; i < destination.Length; i++)
                        destination[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(source.Slice(2 * i));
                    break;
                case "BF16":
                    // bfloat16 is the upper half of a float32's bits.
                    for (int i = 0; i < destination.Length; i++)
                        destination[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(2 * i)) << 16);
                    break;
                case "F64":
                    for (int i = 0; i < destination.Length; i++)
                    {
                        double value = BinaryPrimitives.ReadDoubleLittleEndian(source.Slice(8 * i));
                        float rounded = (float)value;
                        if (float.IsInfinity(rounded) && double.IsFinite(value))
                            throw new CheckpointException(CheckpointFailure.TensorValues,
                                $"tensor {entry.Name}: element {i} of dtype F64 is {value.ToString("R", CultureInfo.InvariantCulture)}, beyond float32's range (±{float.MaxValue.ToString("R", CultureInfo.InvariantCulture)})");
                        destination[i] = rounded;
                    }
                    break;
                default:
                    throw Unsupported(entry);
            }
        }

        public static CheckpointException Unsupported(SafetensorsEntry entry)
            => new CheckpointException(CheckpointFailure.TensorEntry, $"tensor {entry.Name}: dtype {entry.DataType} is not supported (F32, F16, BF16 and F64 are read as float32)");
    }
}
