using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Unicode;

namespace NetGen
{
    /// <summary>
    /// A validated view of a safetensors file held in memory: 8-byte little-endian header length N,
    /// N bytes of UTF-8 JSON, then the data buffer. Parsing checks everything the format promises
    /// (known dtypes, F32 only for NetGen checkpoints, offsets consistent with shapes, tensors tiling
    /// the buffer with no gap or overlap) and throws <see cref="CheckpointException"/> on the first violation.
    /// </summary>
    internal sealed class SafetensorsFile
    {
        /// <summary>The safetensors reference reader's limit on the header size.</summary>
        public const long MaxHeaderLength = 100_000_000;

        public const string MetadataKey = "__metadata__";

        private readonly byte[] _file;
        private readonly int _dataStart;

        private SafetensorsFile(byte[] file, int dataStart, Dictionary<string, SafetensorsEntry> entries, Dictionary<string, string> metadata)
        {
            _file = file;
            _dataStart = dataStart;
            Entries = entries;
            Metadata = metadata;
        }

        public IReadOnlyDictionary<string, SafetensorsEntry> Entries { get; }

        public IReadOnlyDictionary<string, string> Metadata { get; }

        public ReadOnlySpan<byte> Data => _file.AsSpan(_dataStart);

        public ReadOnlySpan<byte> Bytes(SafetensorsEntry entry) => Data.Slice((int)entry.Begin, (int)(entry.End - entry.Begin));

        /// <summary>Parses and validates <paramref name="file"/>; <paramref name="anyDtype"/> admits every safetensors dtype, not only F32.</summary>
        public static SafetensorsFile Parse(byte[] file, bool anyDtype = false)
        {
            if (file.Length < 8)
                throw new CheckpointException(CheckpointFailure.Truncated, $"the file has {file.Length} bytes; a safetensors file starts with an 8-byte header length");
            ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
            if (headerLength > MaxHeaderLength)
                throw new CheckpointException(CheckpointFailure.HeaderLength, $"header length {headerLength} exceeds the limit of {MaxHeaderLength} bytes");
            if (headerLength > (ulong)(file.Length - 8))
                throw new CheckpointException(CheckpointFailure.Truncated, $"header length {headerLength} exceeds the {file.Length - 8} bytes after the length field");
            var header = file.AsSpan(8, (int)headerLength);
            if (header.Length < 2 || header[0] != (byte)'{')
                throw new CheckpointException(CheckpointFailure.HeaderJson, "the header does not start with '{'");
            if (!Utf8.IsValid(header))
                throw new CheckpointException(CheckpointFailure.HeaderJson, "the header is not valid UTF-8");

            var (entries, metadata) = ParseHeader(header, anyDtype);
            int dataStart = 8 + header.Length;
            CheckLayout(entries, file.Length - dataStart);
            return new SafetensorsFile(file, dataStart, entries, metadata);
        }

        private static (Dictionary<string, SafetensorsEntry>, Dictionary<string, string>) ParseHeader(ReadOnlySpan<byte> header, bool anyDtype)
        {
            var entries = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            bool sawMetadata = false;
            try
            {
                var reader = new Utf8JsonReader(header, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 4 });
                Expect(ref reader, JsonTokenType.StartObject, "the header");
                while (true)
                {
                    Next(ref reader);
                    if (reader.TokenType == JsonTokenType.EndObject) break;
                    string name = reader.GetString()!;
                    if (name == MetadataKey)
                    {
                        if (sawMetadata) throw Json($"key '{MetadataKey}' appears twice");
                        sawMetadata = true;
                        ReadMetadata(ref reader, metadata);
                    }
                    else
                    {
                        if (name.Length == 0) throw Json("a tensor has an empty name");
                        if (entries.ContainsKey(name)) throw Json($"tensor {name} appears twice");
                        entries.Add(name, ReadEntry(ref reader, name, anyDtype));
                    }
                }
                // Only whitespace (the padding) may follow; the reader throws on anything else.
                if (reader.Read()) throw Json("data follows the header object");
            }
            catch (JsonException exception)
            {
                throw Json($"the header is not valid JSON ({exception.Message})");
            }
            catch (InvalidOperationException exception)
            {
                throw Json($"the header holds an unreadable string ({exception.Message})");
            }
            return (entries, metadata);
        }

        private static void ReadMetadata(ref Utf8JsonReader reader, Dictionary<string, string> metadata)
        {
            Expect(ref reader, JsonTokenType.StartObject, $"'{MetadataKey}'");
            while (true)
            {
                Next(ref reader);
                if (reader.TokenType == JsonTokenType.EndObject) return;
                string key = reader.GetString()!;
                Next(ref reader);
                if (reader.TokenType != JsonTokenType.String) throw Json($"metadata '{key}' is a {reader.TokenType}, not a string");
                if (!metadata.TryAdd(key, reader.GetString()!)) throw Json($"metadata '{key}' appears twice");
            }
        }

        private static SafetensorsEntry ReadEntry(ref Utf8JsonReader reader, string name, bool anyDtype)
        {
            Expect(ref reader, JsonTokenType.StartObject, $"tensor {name}");
            string? dtype = null;
            long[]? shape = null, offsets = null;
            while (true)
            {
                Next(ref reader);
                if (reader.TokenType == JsonTokenType.EndObject) break;
                string key = reader.GetString()!;
                switch (key)
                {
                    case "dtype" when dtype is null:
                        Next(ref reader);
                        if (reader.TokenType != JsonTokenType.String) throw Json($"tensor {name}: dtype is a {reader.TokenType}, not a string");
                        dtype = reader.GetString()!;
                        break;
                    case "shape" when shape is null:
                        shape = ReadIntegers(ref reader, name, key);
                        break;
                    case "data_offsets" when offsets is null:
                        offsets = ReadIntegers(ref reader, name, key);
                        break;
                    case "dtype" or "shape" or "data_offsets":
                        throw Json($"tensor {name}: '{key}' appears twice");
                    default:
                        throw Json($"tensor {name}: unknown field '{key}'");
                }
            }
            if (dtype is null || shape is null || offsets is null)
                throw Json($"tensor {name}: missing '{(dtype is null ? "dtype" : shape is null ? "shape" : "data_offsets")}'");
            return Validate(name, dtype, shape, offsets, anyDtype);
        }

        private static SafetensorsEntry Validate(string name, string dtype, long[] shape, long[] offsets, bool anyDtype)
        {
            int size = SafetensorsDtype.Size(dtype);
            if (size == 0)
                throw new CheckpointException(CheckpointFailure.TensorEntry, $"tensor {name}: dtype {dtype} is not a safetensors dtype");
            if (!anyDtype && dtype != SafetensorsDtype.F32)
                throw new CheckpointException(CheckpointFailure.TensorEntry, $"tensor {name}: dtype {dtype} is not supported (only F32)");
            if (offsets.Length != 2)
                throw new CheckpointException(CheckpointFailure.TensorEntry, $"tensor {name}: data_offsets has {offsets.Length} values, not 2");
            long begin = offsets[0], end = offsets[1];
            if (begin > end)
                throw new CheckpointException(CheckpointFailure.TensorEntry, $"tensor {name}: data_offsets [{begin}, {end}] end before they begin");
            long count = ElementCount(shape);
            long elements = (end - begin) / size;
            if ((end - begin) % size != 0 || elements != count)
            {
                string unit = dtype == SafetensorsDtype.F32 ? (elements == 1 ? "float" : "floats") : dtype + (elements == 1 ? " value" : " values");
                string held = (end - begin) % size == 0 ? $"hold {elements} {unit}" : $"hold {end - begin} bytes, not a whole number of {(dtype == SafetensorsDtype.F32 ? "floats" : dtype + " values")}";
                string needed = count < 0 ? "more than any buffer" : count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                throw new CheckpointException(CheckpointFailure.TensorEntry, $"tensor {name}: data_offsets [{begin}, {end}] {held}; shape [{string.Join(", ", shape)}] needs {needed}");
            }
            return new SafetensorsEntry(name, dtype, shape, begin, end) { ElementCount = count };
        }

        /// <summary>The product of the dimensions, or −1 when it would overflow a long.</summary>
        private static long ElementCount(long[] shape)
        {
            if (Array.IndexOf(shape, 0L) >= 0) return 0;
            long count = 1;
            foreach (long dimension in shape)
            {
                if (count > long.MaxValue / sizeof(double) / dimension) return -1;
                count *= dimension;
            }
            return count;
        }

        /// <summary>Tensors must tile the data buffer exactly: sorted by offset, each begins where the previous ends.</summary>
        private static void CheckLayout(Dictionary<string, SafetensorsEntry> entries, long bufferLength)
        {
            var sorted = new List<SafetensorsEntry>(entries.Values);
            sorted.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End != b.End ? a.End.CompareTo(b.End) : string.CompareOrdinal(a.Name, b.Name));
            long position = 0;
            string previous = "the start of the buffer";
            foreach (var entry in sorted)
            {
                if (entry.End > bufferLength)
                    throw new CheckpointException(CheckpointFailure.DataLayout, $"tensor {entry.Name}: data_offsets [{entry.Begin}, {entry.End}] run past the {bufferLength}-byte data buffer");
                if (entry.Begin < position)
                    throw new CheckpointException(CheckpointFailure.DataLayout, $"tensor {entry.Name}: data_offsets [{entry.Begin}, {entry.End}] overlap {previous}, which ends at {position}");
                if (entry.Begin > position)
                    throw new CheckpointException(CheckpointFailure.DataLayout, $"tensor {entry.Name}: data_offsets [{entry.Begin}, {entry.End}] leave a gap of {entry.Begin - position} bytes after {previous}");
                position = entry.End;
                previous = "tensor " + entry.Name;
            }
            if (position != bufferLength)
                throw new CheckpointException(CheckpointFailure.DataLayout, $"the data buffer has {bufferLength - position} bytes after the last tensor ({bufferLength} bytes, tensors cover {position})");
            if (bufferLength > Array.MaxLength)
                throw new CheckpointException(CheckpointFailure.TooLarge, $"the data buffer of {bufferLength} bytes is too large to read");
        }

        private static long[] ReadIntegers(ref Utf8JsonReader reader, string name, string key)
        {
            Next(ref reader);
            if (reader.TokenType != JsonTokenType.StartArray) throw Json($"tensor {name}: '{key}' is a {reader.TokenType}, not an array");
            var values = new List<long>();
            while (true)
            {
                Next(ref reader);
                if (reader.TokenType == JsonTokenType.EndArray) return values.ToArray();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long value) || value < 0)
                    throw new CheckpointException(CheckpointFailure.TensorEntry, $"tensor {name}: '{key}' holds {Describe(ref reader)}, not a non-negative integer");
                values.Add(value);
            }
        }

        private static string Describe(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.Number) return "a " + reader.TokenType;
            var text = reader.ValueSpan;
            return text.Length <= 24 ? System.Text.Encoding.UTF8.GetString(text) : System.Text.Encoding.UTF8.GetString(text.Slice(0, 24)) + "…";
        }

        private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
        {
            Next(ref reader);
            if (reader.TokenType != type) throw Json($"{what} is a {reader.TokenType}, not an object");
        }

        private static void Next(ref Utf8JsonReader reader)
        {
            if (!reader.Read()) throw Json("the header ends inside the JSON object");
        }

        private static CheckpointException Json(string message) => new CheckpointException(CheckpointFailure.HeaderJson, message);
    }
}
