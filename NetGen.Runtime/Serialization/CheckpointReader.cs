using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace NetGen
{
    /// <summary>
    /// Reads checkpoints: validates the whole file against the format, its checksums and the target
    /// network and optimizer first, and only then writes the values, so a failure changes nothing.
    /// </summary>
    internal static class CheckpointReader
    {
        /// <summary>The <c>optimizer</c> metadata value of a checkpoint saved without optimizer.</summary>
        public const string NoOptimizer = "none";

        public static CheckpointInfo Load(byte[] bytes, INetwork network, IOptimizer? optimizer)
        {
            var file = SafetensorsFile.Parse(bytes);
            var metadata = file.Metadata;
            string format = Required(metadata, "format");
            if (format != Checkpoint.Format) throw Metadata($"metadata 'format' is '{format}', not '{Checkpoint.Format}'");
            string version = Required(metadata, "version");
            if (version != Checkpoint.FormatVersion) throw Metadata($"metadata 'version' is '{version}'; this reader knows version {Checkpoint.FormatVersion}");
            string architecture = Required(metadata, "architecture");
            string optimizerKind = Required(metadata, "optimizer");
            if (optimizerKind.Length == 0) throw Metadata("metadata 'optimizer' is empty");
            long optimizerSteps = Count(metadata, "optimizer_steps");
            TrainingPosition? position = null;
            if (metadata.ContainsKey("epoch") || metadata.ContainsKey("step"))
                position = new TrainingPosition(Count(metadata, "epoch"), Count(metadata, "step"));
            VerifyChecksums(file);

            string expected = ArchitectureSignature.Of(network);
            if (architecture != expected)
                throw new CheckpointException(CheckpointFailure.Architecture, $"the checkpoint's architecture \"{architecture}\" differs from the network's \"{expected}\"");

            var slots = CheckpointLayout.For(network);
            var optimizerState = OptimizerStateOf(file, slots, optimizerKind, optimizerSteps, network.ParameterCount);
            if (optimizer is not null) Import(optimizer, optimizerState, optimizerKind);

            // Everything is checked: from here on nothing can fail.
            var parameters = network.Parameters;
            var state = network.State;
            foreach (var slot in slots)
            {
                var destination = (slot.InState ? state : parameters).Slice(slot.Offset, slot.Count);
                FloatCodec.Read(file.Bytes(file.Entries[slot.Name]), destination);
            }
            return new CheckpointInfo(position, architecture, optimizerState?.Kind, optimizerSteps, metadata);
        }

        /// <summary>
        /// Every tensor as float32 (F32, F16, BF16, F64; see <see cref="SafetensorsDtype"/>), except those
        /// <paramref name="skip"/> selects, which are checked for layout only and may have any dtype.
        /// </summary>
        public static IReadOnlyDictionary<string, CheckpointTensor> ReadTensors(byte[] bytes, Func<string, bool>? skip = null)
        {
            var file = SafetensorsFile.Parse(bytes, anyDtype: true);
            if (file.Metadata.TryGetValue("format", out var format) && format == Checkpoint.Format) VerifyChecksums(file);
            var entries = new List<SafetensorsEntry>();
            foreach (var entry in file.Entries.Values)
            {
                if (skip is not null && skip(entry.Name)) continue;
                if (!SafetensorsDtype.IsReadable(entry.DataType)) throw SafetensorsDtype.Unsupported(entry);
                entries.Add(entry);
            }
            var tensors = new Dictionary<string, CheckpointTensor>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                var values = new float[entry.ElementCount];
                SafetensorsDtype.ToFloat32(entry, file.Bytes(entry), values);
                tensors.Add(entry.Name, new CheckpointTensor((long[])entry.Shape.Clone(), values));
            }
            return tensors;
        }

        /// <summary>The whole rest of <paramref name="stream"/>, refusing what cannot fit in one array.</summary>
        public static byte[] ReadAll(Stream stream)
        {
            if (stream.CanSeek)
            {
                long remaining = Math.Max(0, stream.Length - stream.Position);
                if (remaining > Array.MaxLength)
                    throw new CheckpointException(CheckpointFailure.TooLarge, $"the file has {remaining} bytes, more than can be read at once");
                var bytes = new byte[remaining];
                stream.ReadExactly(bytes);
                return bytes;
            }
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        private static void VerifyChecksums(SafetensorsFile file)
        {
            string data = Required(file.Metadata, CheckpointDigest.DataKey);
            string actual = CheckpointDigest.OfData(file.Data);
            if (data != actual)
                throw new CheckpointException(CheckpointFailure.Checksum, $"the data buffer's checksum is {actual}, the header records {data}: the tensor data was altered or damaged");
            string header = Required(file.Metadata, CheckpointDigest.HeaderKey);
            actual = CheckpointDigest.OfHeader(file.Metadata, file.Entries.Values);
            if (header != actual)
                throw new CheckpointException(CheckpointFailure.Checksum, $"the header's checksum is {actual}, the header records {header}: metadata or tensor entries were altered");
        }

        /// <summary>
        /// Checks the tensor set: each of the network's tensors present with its shape, nothing else
        /// but <c>optimizer.*</c> buffers, which are gathered into a state (null without optimizer).
        /// </summary>
        private static OptimizerState? OptimizerStateOf(SafetensorsFile file, List<CheckpointSlot> slots, string kind, long steps, int parameterCount)
        {
            var expected = new HashSet<string>(StringComparer.Ordinal);
            foreach (var slot in slots)
            {
                expected.Add(slot.Name);
                if (!file.Entries.TryGetValue(slot.Name, out var entry))
                    throw TensorSet($"tensor {slot.Name} is missing");
                if (!ShapeEquals(entry.Shape, slot.Shape))
                    throw TensorSet($"tensor {slot.Name} has shape {entry.ShapeText}; the network needs [{string.Join(", ", slot.Shape)}]");
            }
            var buffers = new Dictionary<string, float[]>(StringComparer.Ordinal);
            var names = new List<string>(file.Entries.Keys);
            names.Sort(StringComparer.Ordinal);
            foreach (var name in names)
            {
                if (expected.Contains(name)) continue;
                if (!name.StartsWith(CheckpointLayout.OptimizerPrefix, StringComparison.Ordinal))
                    throw TensorSet($"tensor {name} is not one of the network's");
                var entry = file.Entries[name];
                if (kind == NoOptimizer)
                    throw TensorSet($"tensor {name} is optimizer state, but metadata 'optimizer' is '{NoOptimizer}'");
                if (entry.Shape.Length != 1 || (entry.Shape[0] != parameterCount && entry.Shape[0] != 1))
                    throw new CheckpointException(CheckpointFailure.Optimizer, $"tensor {name} has shape {entry.ShapeText}; optimizer buffers are [{parameterCount}] (one value per parameter) or [1]");
                var values = new float[entry.ElementCount];
                FloatCodec.Read(file.Bytes(entry), values);
                buffers.Add(name.Substring(CheckpointLayout.OptimizerPrefix.Length), values);
            }
            if (kind == NoOptimizer)
            {
                if (steps != 0) throw Metadata($"metadata 'optimizer_steps' is {steps} without optimizer");
                return null;
            }
            return new OptimizerState(kind, steps, buffers);
        }

        /// <summary>The optimizers validate a state completely before changing anything, so a refused import leaves them as they were.</summary>
        private static void Import(IOptimizer optimizer, OptimizerState? state, string kind)
        {
            if (state is null)
                throw new CheckpointException(CheckpointFailure.Optimizer, "the checkpoint holds no optimizer state, but an optimizer was given to restore");
            string current = optimizer.ExportState().Kind;
            if (current != kind)
                throw new CheckpointException(CheckpointFailure.Optimizer, $"the checkpoint holds '{kind}' optimizer state; the given optimizer is '{current}'");
            try
            {
                optimizer.ImportState(state);
            }
            catch (ArgumentException exception)
            {
                throw new CheckpointException(CheckpointFailure.Optimizer, $"the '{kind}' optimizer refused the saved state: {exception.Message}");
            }
        }

        private static bool ShapeEquals(long[] actual, long[] expected) => actual.AsSpan().SequenceEqual(expected);

        private static string Required(IReadOnlyDictionary<string, string> metadata, string key)
            => metadata.TryGetValue(key, out var value) ? value : throw Metadata($"metadata '{key}' is missing");

        private static long Count(IReadOnlyDictionary<string, string> metadata, string key)
        {
            string text = Required(metadata, key);
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
                throw Metadata($"metadata '{key}' is '{text}', not a non-negative integer");
            return value;
        }

        private static CheckpointException Metadata(string message) => new CheckpointException(CheckpointFailure.Metadata, message);

        private static CheckpointException TensorSet(string message) => new CheckpointException(CheckpointFailure.TensorSet, message);
    }
}
