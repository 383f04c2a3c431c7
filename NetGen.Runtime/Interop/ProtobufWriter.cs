using System;
using System.IO;
using System.Text;

namespace NetGen
{
    /// <summary>
    /// The few protocol-buffer encodings an ONNX file needs (varints, 32-bit floats, length-delimited
    /// fields), written by hand so the runtime takes no dependency. Nested messages are built in their
    /// own writer and embedded as bytes.
    /// </summary>
    internal sealed class ProtobufWriter
    {
        private readonly MemoryStream _buffer = new();

        public byte[] ToArray() => _buffer.ToArray();

        public ProtobufWriter Varint(int field, long value)
        {
            Tag(field, 0);
            WriteVarint(unchecked((ulong)value));
            return this;
        }

        public ProtobufWriter Float(int field, float value)
        {
            Tag(field, 5);
            Span<byte> bytes = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
            _buffer.Write(bytes);
            return this;
        }

        public ProtobufWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public ProtobufWriter Message(int field, ProtobufWriter message) => Bytes(field, message.ToArray());

        public ProtobufWriter Bytes(int field, ReadOnlySpan<byte> value)
        {
            Tag(field, 2);
            WriteVarint((ulong)value.Length);
            _buffer.Write(value);
            return this;
        }

        private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

        private void WriteVarint(ulong value)
        {
            while (value >= 0x80)
            {
                _buffer.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }
            _buffer.WriteByte((byte)value);
        }
    }
}
