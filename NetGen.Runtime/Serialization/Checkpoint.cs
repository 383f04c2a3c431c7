using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen
{
    /// <summary>
    /// Saves and restores a network's parameters and batch-normalization statistics, optionally with
    /// its optimizer's state and the training position, as a safetensors file (the format of
    /// Hugging Face's <c>safetensors</c>: 8-byte little-endian header length, JSON header, raw
    /// little-endian data). See <c>docs/CHECKPOINTS.md</c> for tensor names and metadata.
    /// </summary>
    /// <remarks>
    /// Loading validates the whole file (structure, checksums, architecture, tensor set, optimizer
    /// kind and buffers) before it writes anything: it either restores everything or throws
    /// <see cref="CheckpointException"/> with the network and optimizer unchanged. I/O failures
    /// (missing file, denied access) surface as the usual <see cref="IOException"/> types; a path that
    /// names a directory, device, pipe or socket is a <see cref="CheckpointException"/>
    /// (<see cref="CheckpointFailure.NotAFile"/>).
    /// Not saved: the dropout masks' random stream (reseed with <see cref="INetwork.SeedDropout"/>),
    /// hyperparameters, learning-rate schedules, frozen flags.
    /// </remarks>
    public static class Checkpoint
    {
        /// <summary>The <c>format</c> metadata value of NetGen checkpoints.</summary>
        public const string Format = "netgen-checkpoint";

        /// <summary>The <c>version</c> metadata value this library writes and reads.</summary>
        public const string FormatVersion = "1";

        /// <summary>
        /// Writes a checkpoint to <paramref name="path"/> atomically: into a temporary file beside it
        /// (<c>path.netgen-tmp-…</c>), flushed to disk, then moved over <paramref name="path"/>. On failure the
        /// temporary file is removed and an existing file at <paramref name="path"/> is left intact.
        /// </summary>
        /// <remarks>
        /// A symbolic link is written through: its final target is replaced and the link stays. The replaced
        /// file's Unix permissions are kept. Temporary files of the same target left by a killed save
        /// (unchanged for 10 minutes, not held open) are removed. See <c>docs/CHECKPOINTS.md</c>.
        /// </remarks>
        /// <exception cref="IOException">The path (or a link's target) is a directory, device, pipe or socket, or the write failed.</exception>
        /// <param name="path">The file to create or replace.</param>
        /// <param name="network">The network whose parameters and state are saved.</param>
        /// <param name="optimizer">The optimizer whose state is saved too, or null.</param>
        /// <param name="position">The training position to record, or null.</param>
        public static void Save(string path, INetwork network, IOptimizer? optimizer = null, TrainingPosition? position = null)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (network is null) throw new ArgumentNullException(nameof(network));
            AtomicFile.Replace(path, stream => CheckpointWriter.Write(stream, network, optimizer, position));
        }

        /// <summary>Writes a checkpoint to <paramref name="stream"/> at its current position (no atomicity: the caller owns the stream).</summary>
        /// <param name="stream">A writable stream.</param>
        /// <param name="network">The network whose parameters and state are saved.</param>
        /// <param name="optimizer">The optimizer whose state is saved too, or null.</param>
        /// <param name="position">The training position to record, or null.</param>
        public static void Save(Stream stream, INetwork network, IOptimizer? optimizer = null, TrainingPosition? position = null)
        {
            if (stream is null) throw new ArgumentNullException(nameof(stream));
            if (network is null) throw new ArgumentNullException(nameof(network));
            CheckpointWriter.Write(stream, network, optimizer, position);
        }

        /// <summary>
        /// Restores <paramref name="network"/> (and <paramref name="optimizer"/>, when given) from the
        /// checkpoint at <paramref name="path"/>, after validating all of it.
        /// </summary>
        /// <param name="path">The checkpoint file.</param>
        /// <param name="network">A network of the architecture that saved the checkpoint.</param>
        /// <param name="optimizer">An optimizer of the saved kind and options to restore, or null to skip the optimizer state.</param>
        /// <returns>The training position and metadata.</returns>
        /// <exception cref="CheckpointException">The file is damaged, is not a NetGen checkpoint, does not fit the network or optimizer, or the path is not a regular file; nothing was changed.</exception>
        public static CheckpointInfo Load(string path, INetwork network, IOptimizer? optimizer = null)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (network is null) throw new ArgumentNullException(nameof(network));
            return CheckpointReader.Load(ReadFile(path), network, optimizer);
        }

        /// <summary>As <see cref="Load(string, INetwork, IOptimizer?)"/>, reading the rest of <paramref name="stream"/>.</summary>
        /// <param name="stream">A readable stream positioned at the start of the checkpoint.</param>
        /// <param name="network">A network of the architecture that saved the checkpoint.</param>
        /// <param name="optimizer">An optimizer of the saved kind and options to restore, or null to skip the optimizer state.</param>
        /// <returns>The training position and metadata.</returns>
        /// <exception cref="CheckpointException">The data is damaged, is not a NetGen checkpoint, or does not fit the network or optimizer; nothing was changed.</exception>
        public static CheckpointInfo Load(Stream stream, INetwork network, IOptimizer? optimizer = null)
        {
            if (stream is null) throw new ArgumentNullException(nameof(stream));
            if (network is null) throw new ArgumentNullException(nameof(network));
            return CheckpointReader.Load(CheckpointReader.ReadAll(stream), network, optimizer);
        }

        /// <summary>
        /// Reads every tensor of any safetensors file whose tensors are all F32, F16, BF16 or F64 (PyTorch, Keras or
        /// NumPy exports included), with the same structural validation as <see cref="Load(string, INetwork, IOptimizer?)"/>;
        /// a NetGen checkpoint's checksums are verified too. Values become float32 as PyTorch's <c>tensor.float()</c>
        /// makes them: F16 and BF16 exactly, F64 rounded to nearest (a finite F64 value beyond float32's range is refused).
        /// </summary>
        /// <param name="path">The safetensors file.</param>
        /// <returns>The tensors by name.</returns>
        /// <exception cref="CheckpointException">The file is damaged, holds another dtype (integers, booleans, 8-bit floats), or the path is not a regular file.</exception>
        public static IReadOnlyDictionary<string, CheckpointTensor> ReadTensors(string path)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            return CheckpointReader.ReadTensors(ReadFile(path));
        }

        /// <summary>As <see cref="ReadTensors(string)"/>, reading the rest of <paramref name="stream"/>.</summary>
        /// <param name="stream">A readable stream positioned at the start of the file.</param>
        /// <returns>The tensors by name.</returns>
        /// <exception cref="CheckpointException">The data is damaged or holds another dtype (integers, booleans, 8-bit floats).</exception>
        public static IReadOnlyDictionary<string, CheckpointTensor> ReadTensors(Stream stream)
        {
            if (stream is null) throw new ArgumentNullException(nameof(stream));
            return CheckpointReader.ReadTensors(CheckpointReader.ReadAll(stream));
        }

        /// <summary>
        /// The architecture signature stored in a checkpoint's <c>architecture</c> metadata, e.g.
        /// <c>inputs=5; loss=SoftmaxCrossEntropy; layer0=dense(units=7, activation=Relu, bias=false, bn=before(gamma=true, beta=true)); …</c>.
        /// A checkpoint loads only into a network with the same signature.
        /// </summary>
        /// <param name="network">The network to describe.</param>
        /// <returns>The signature.</returns>
        public static string ArchitectureOf(INetwork network)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            return ArchitectureSignature.Of(network);
        }

        /// <summary>
        /// The bytes of the regular file at <paramref name="path"/>. A directory, device, pipe or socket is refused
        /// before it is opened (opening a pipe would wait for a writer, reading a device might never end).
        /// </summary>
        internal static byte[] ReadFile(string path)
        {
            var type = FileKind.Of(path);
            if (type is not (FileKind.Type.Regular or FileKind.Type.Missing or FileKind.Type.Unknown))
                throw new CheckpointException(CheckpointFailure.NotAFile, $"{path} is not a regular file (it is a {FileKind.Describe(type)})");
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return CheckpointReader.ReadAll(stream);
        }
    }
}
