using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NetGen
{
    /// <summary>Builds the bytes of a checkpoint: header length, JSON header padded to 8 bytes, data buffer.</summary>
    internal static class CheckpointWriter
    {
        public static void Write(Stream stream, INetwork network, IOptimizer? optimizer, TrainingPosition? position)
        {
            var slots = CheckpointLayout.For(network);
            var state = optimizer?.ExportState();
            var optimizerBuffers = new List<KeyValuePair<string, float[]>>();
            if (state is not null)
            {
                foreach (var name in state.BufferNames)
                {
                    int bufferLength = state.Buffers[name].Length;
                    // The same rule as loading: a buffer per parameter, or a scalar.
                    if (bufferLength != network.ParameterCount && bufferLength != 1)
                        throw new ArgumentException($"The optimizer's buffer '{name}' has {bufferLength} values, but the network has {network.ParameterCount} parameters: the optimizer serves another network.", nameof(optimizer));
                    optimizerBuffers.Add(new KeyValuePair<string, float[]>(CheckpointLayout.OptimizerPrefix + name, state.Buffers[name]));
                }
            }

            var tensors = new List<(string Name, long[] Shape, float[] Values)>();
            ReadOnlySpan<float> parameters = network.Parameters, networkState = network.State;
            foreach (var slot in slots)
                tensors.Add((slot.Name, slot.Shape, (slot.InState ? networkState : parameters).Slice(slot.Offset, slot.Count).ToArray()));
            foreach (var pair in optimizerBuffers) tensors.Add((pair.Key, new long[] { pair.Value.Length }, pair.Value));

            var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["format"] = Checkpoint.Format,
                ["version"] = Checkpoint.FormatVersion,
                ["architecture"] = ArchitectureSignature.Of(network),
                ["optimizer"] = state?.Kind ?? CheckpointReader.NoOptimizer,
                ["optimizer_steps"] = Number(state?.StepCount ?? 0),
            };
            if (position is not null)
            {
                metadata["epoch"] = Number(position.Epoch);
                metadata["step"] = Number(position.Step);
            }
            WriteFile(stream, tensors, metadata);
        }

        /// <summary>
        /// Writes any set of F32 tensors as a safetensors file, in the given order, with the data and
        /// header checksums added to <paramref name="metadata"/>.
        /// </summary>
        public static void WriteFile(Stream stream, IReadOnlyList<(string Name, long[] Shape, float[] Values)> tensors, Dictionary<string, string> metadata)
        {
            long total = 0;
            foreach (var tensor in tensors) total += (long)tensor.Values.Length * sizeof(float);
            if (total > Array.MaxLength) throw new ArgumentException("The tensors are too large for one safetensors buffer.", nameof(tensors));

            var data = new byte[total];
            var entries = new List<SafetensorsEntry>();
            long offset = 0;
            foreach (var tensor in tensors) entries.Add(Place(tensor.Name, tensor.Shape, tensor.Values, data, ref offset));
            metadata[CheckpointDigest.DataKey] = CheckpointDigest.OfData(data);
            metadata[CheckpointDigest.HeaderKey] = CheckpointDigest.OfHeader(metadata, entries);

            var header = Header(metadata, entries);
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            stream.Write(data);
        }

        private static SafetensorsEntry Place(string name, long[] shape, ReadOnlySpan<float> values, byte[] data, ref long offset)
        {
            long begin = offset;
            FloatCodec.Write(values, data.AsSpan((int)begin, values.Length * sizeof(float)));
            offset += (long)values.Length * sizeof(float);
            return new SafetensorsEntry(name, "F32", shape, begin, offset) { ElementCount = values.Length };
        }

        /// <summary>The JSON header, metadata first, tensors in buffer order, padded with spaces to a multiple of 8 bytes.</summary>
        private static byte[] Header(Dictionary<string, string> metadata, List<SafetensorsEntry> entries)
        {
            var buffer = new ArrayBufferWriter<byte>();
            // Relaxed escaping keeps the architecture signature readable ('+', '<' stay literal);
            // the header is never embedded in HTML.
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteStartObject(SafetensorsFile.MetadataKey);
                foreach (var pair in metadata) json.WriteString(pair.Key, pair.Value);
                json.WriteEndObject();
                foreach (var entry in entries)
                {
                    json.WriteStartObject(entry.Name);
                    json.WriteString("dtype", entry.DataType);
                    json.WriteStartArray("shape");
                    foreach (long dimension in entry.Shape) json.WriteNumberValue(dimension);
                    json.WriteEndArray();
                    json.WriteStartArray("data_offsets");
                    json.WriteNumberValue(entry.Begin);
                    json.WriteNumberValue(entry.End);
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            int padded = (buffer.WrittenCount + 7) / 8 * 8;
            var header = new byte[padded];
            buffer.WrittenSpan.CopyTo(header);
            header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
            return header;
        }

        private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
