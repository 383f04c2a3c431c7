using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace NetGen
{
    /// <summary>Floats to and from little-endian bytes, bit for bit (NaN payloads included).</summary>
    internal static class FloatCodec
    {
        public static void Write(ReadOnlySpan<float> values, Span<byte> destination)
        {
            if (BitConverter.IsLittleEndian)
            {
                MemoryMarshal.AsBytes(values).CopyTo(destination);
                return;
            }
            for (int i = 0; i < values.Length; i++)
                BinaryPrimitives.WriteSingleLittleEndian(destination.Slice(i * sizeof(float)), values[i]);
        }

        public static void Read(ReadOnlySpan<byte> source, Span<float> destination)
        {
            if (BitConverter.IsLittleEndian)
            {
                source.Slice(0, destination.Length * sizeof(float)).CopyTo(MemoryMarshal.AsBytes(destination));
                return;
            }
            for (int i = 0; i < destination.Length; i++)
                destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source.Slice(i * sizeof(float)));
        }
    }
}
