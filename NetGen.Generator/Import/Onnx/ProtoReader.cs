using System;
using System.Text;

namespace NetGen.Generator.Import.Onnx
{
    /// <summary>
    /// A cursor over one protocol-buffer message inside a byte array (the wire format of
    /// https://protobuf.dev/programming-guides/encoding/). Every length is checked against the bytes that
    /// remain before anything is sliced or allocated, so a corrupt length costs an exception, never memory.
    /// Nested messages are read as sub-cursors over the same array: nothing is copied.
    /// </summary>
    internal struct ProtoReader
    {
        /// <summary>Varint: int32, int64, uint64, bool, enum.</summary>
        public const int Varint = 0;

        /// <summary>Fixed 64-bit: double, fixed64.</summary>
        public const int Fixed64 = 1;

        /// <summary>Length-delimited: string, bytes, messages, packed repeated fields.</summary>
        public const int LengthDelimited = 2;

        /// <summary>Fixed 32-bit: float, fixed32.</summary>
        public const int Fixed32 = 5;

        private readonly byte[] _buffer;
        private readonly int _end;
        private int _position;

        public ProtoReader(byte[] buffer)
            : this(buffer, 0, buffer.Length)
        {
        }

        private ProtoReader(byte[] buffer, int start, int end)
        {
            _buffer = buffer;
            _position = start;
            _end = end;
        }

        /// <summary>True when the message has no bytes left.</summary>
        public readonly bool AtEnd => _position >= _end;

        /// <summary>Offset of the cursor in the whole file (for messages).</summary>
        public readonly int Position => _position;

        /// <summary>Bytes left in this message.</summary>
        public readonly int Remaining => _end - _position;

        /// <summary>Reads a field key; field numbers start at 1 and only wire types 0, 1, 2 and 5 exist in ONNX.</summary>
        public (int Field, int WireType) ReadTag()
        {
            int at = _position;
            ulong key = ReadVarint();
            int wireType = (int)(key & 7);
            ulong field = key >> 3;
            if (field == 0 || field > int.MaxValue)
                throw new OnnxFormatException($"invalid field number {field} at byte {at}");
            if (wireType is not (Varint or Fixed64 or LengthDelimited or Fixed32))
                throw new OnnxFormatException($"unsupported wire type {wireType} (field {field}) at byte {at}");
            return ((int)field, wireType);
        }

        /// <summary>A base-128 varint of at most 10 bytes.</summary>
        public ulong ReadVarint()
        {
            ulong value = 0;
            for (int shift = 0; shift < 70; shift += 7)
            {
                if (_position >= _end)
                    throw new OnnxFormatException($"a number runs past the end of its message at byte {_position}: the file is truncated");
                byte next = _buffer[_position++];
                value |= (ulong)(next & 0x7F) << shift;
                if (next < 0x80) return value;
            }
            throw new OnnxFormatException($"a number longer than 10 bytes ends at byte {_position}");
        }

        /// <summary>A varint read as a signed 64-bit integer (protobuf int64 two's complement).</summary>
        public long ReadInt64() => unchecked((long)ReadVarint());

        public uint ReadFixed32()
        {
            Require(4);
            uint value = (uint)(_buffer[_position] | _buffer[_position + 1] << 8 | _buffer[_position + 2] << 16 | _buffer[_position + 3] << 24);
            _position += 4;
            return value;
        }

        public ulong ReadFixed64()
        {
            ulong low = ReadFixed32();
            ulong high = ReadFixed32();
            return low | high << 32;
        }

        public float ReadFloat() => FloatBits.ToSingle(ReadFixed32());

        /// <summary>The payload of a length-delimited field, as a cursor of its own.</summary>
        public ProtoReader ReadMessage()
        {
            int length = ReadLength();
            var message = new ProtoReader(_buffer, _position, _position + length);
            _position += length;
            return message;
        }

        /// <summary>The payload of a length-delimited field, as a view of the file's bytes.</summary>
        public ArraySegment<byte> ReadBytes()
        {
            int length = ReadLength();
            var bytes = new ArraySegment<byte>(_buffer, _position, length);
            _position += length;
            return bytes;
        }

        public string ReadString()
        {
            var bytes = ReadBytes();
            return Encoding.UTF8.GetString(bytes.Array!, bytes.Offset, bytes.Count);
        }

        /// <summary>Skips a field this reader does not need.</summary>
        public void Skip(int wireType)
        {
            switch (wireType)
            {
                case Varint: ReadVarint(); break;
                case Fixed64: Require(8); _position += 8; break;
                case Fixed32: Require(4); _position += 4; break;
                default: int length = ReadLength(); _position += length; break;
            }
        }

        private int ReadLength()
        {
            int at = _position;
            ulong length = ReadVarint();
            if (length > (ulong)(_end - _position))
                throw new OnnxFormatException($"a field at byte {at} declares {length} bytes but its message has {_end - _position} left: the file is truncated or is not an ONNX model");
            return (int)length;
        }

        private readonly void Require(int bytes)
        {
            if (_end - _position < bytes)
                throw new OnnxFormatException($"a {bytes}-byte value at byte {_position} runs past the end of its message: the file is truncated");
        }
    }
}
