using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Models;

namespace NetGen.Generator.Import
{
    /// <summary>
    /// Reads model files passed as AdditionalFiles: into a small, equatable summary for the cached pipeline
    /// (path, content hash, shapes, problems), and again in the output step for the tensors themselves.
    /// Never throws: what cannot be read is a problem in the summary.
    /// </summary>
    internal static class ModelFiles
    {
        public static bool IsModelFile(string path)
            => path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase);

        public static bool IsOnnx(string path) => path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);

        public static ModelFileSummary Summarize(AdditionalText text, Func<byte[], ModelReadResult> readOnnx, CancellationToken cancellationToken)
        {
            var bytes = ReadBytes(text.Path, out var failure);
            var none = new EquatableArray<TensorSummary>(Array.Empty<TensorSummary>());
            if (bytes is null) return new ModelFileSummary(text.Path, "", Problems(failure!), none, null);
            cancellationToken.ThrowIfCancellationRequested();
            string hash = Hash(bytes);
            if (IsOnnx(text.Path))
            {
                var read = ReadOnnx(bytes, readOnnx);
                if (read.Network is not { } network) return new ModelFileSummary(text.Path, hash, Problems(read.Problems), none, null);
                return new ModelFileSummary(text.Path, hash, Problems(), none, Shape(network));
            }
            var tensors = SafetensorsReader.ReadHeader(bytes, out var problem, out int dataStart);
            if (tensors is null) return new ModelFileSummary(text.Path, hash, Problems(problem!), none, null);
            var summaries = tensors.Select(t => new TensorSummary(t.Name, new EquatableArray<long>(t.Shape))).ToArray();
            return new ModelFileSummary(text.Path, hash, Problems(UnusableValue(bytes, dataStart, tensors)), new EquatableArray<TensorSummary>(summaries), null);
        }

        /// <summary>The file's bytes, or null with <paramref name="failure"/> when it cannot be read.</summary>
        /// <remarks>
        /// Read from the item's path: AdditionalText.GetText() decodes the file as text, which loses bytes of a
        /// binary file (docs/BUILD-COST.md, "How a binary file reaches the generator"). The path is an input the
        /// compiler already tracks (an AdditionalFiles item), so the build stays incremental and deterministic.
        /// </remarks>
        public static byte[]? ReadBytes(string path, out string? failure)
        {
            failure = null;
            try
            {
#pragma warning disable RS1035 // File IO in a generator: the AdditionalFiles item's own path; its text form loses binary bytes (see remarks).
                return System.IO.File.ReadAllBytes(path);
#pragma warning restore RS1035
            }
            catch (Exception exception) when (exception is System.IO.IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
            {
                failure = "the file cannot be read (" + exception.Message + ")";
                return null;
            }
        }

        public static string Hash(byte[] bytes)
        {
            using var sha = SHA256.Create();
            return string.Concat(sha.ComputeHash(bytes).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        }

        /// <summary>The ONNX reader's answer; a reader that breaks its promise not to throw still yields a diagnostic, never a crashed build.</summary>
        public static ModelReadResult ReadOnnx(byte[] bytes, Func<byte[], ModelReadResult> readOnnx)
        {
            try
            {
                return readOnnx(bytes);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return new ModelReadResult(null, new[] { "the ONNX reader failed: " + exception.GetType().Name + ": " + exception.Message });
            }
        }

        /// <summary>
        /// NetGen's batch norm needs ε &gt; 0 (NG0014); a file's ε of 0 (an exporter's folded affine read as a batch norm
        /// with variance 1, or a BatchNormalization written with epsilon 0) becomes this ε with the variance lowered by it,
        /// so √(variance + ε) is unchanged.
        /// </summary>
        private const float SubstituteEpsilon = 1e-5f;

        public static float ImportedEpsilon(float epsilon) => epsilon > 0 ? epsilon : SubstituteEpsilon;

        /// <summary>The moving variance to embed: the file's, lowered by the substitute ε when the file's ε is 0 (never below 0).</summary>
        public static float[] ImportedVariance(ImportedBatchNorm norm)
            => norm.Epsilon > 0 ? norm.Variance : norm.Variance.Select(v => Math.Max(0f, v - SubstituteEpsilon)).ToArray();

        private static ImportedGraphShape Shape(ImportedNetwork network)
        {
            // Input normalization is folded into the first layer (WeightsLoader), which then needs a bias for the
            // −Σ mean/std·W shift even when the file's first layer has none.
            var layers = network.Layers.Select((l, i) => new ImportedLayerShape(l.Name, l.Units, l.Activation, l.Alpha,
                l.Bias is not null || (i == 0 && network.Normalization is not null), l.BatchNorm?.Placement, l.BatchNorm is { } norm ? ImportedEpsilon(norm.Epsilon) : 0f)).ToArray();
            var loss = network.Output switch
            {
                ImportedOutput.Softmax or ImportedOutput.LogSoftmax => Loss.SoftmaxCrossEntropy,
                ImportedOutput.Sigmoid => Loss.BinaryCrossEntropy,
                _ => Loss.MeanSquaredError,
            };
            return new ImportedGraphShape(network.Inputs, new EquatableArray<ImportedLayerShape>(layers), loss, network.Normalization is not null);
        }

        /// <summary>The first value the network must not start from (non-finite, or a negative running variance), or none.</summary>
        private static string[] UnusableValue(byte[] bytes, int dataStart, List<SafetensorsTensor> tensors)
        {
            foreach (var tensor in tensors)
            {
                if (StateDictKeys.IsBatchCounter(tensor.Name)) continue;
                bool variance = tensor.Name.EndsWith("running_var", StringComparison.Ordinal) || tensor.Name.EndsWith("moving_variance", StringComparison.Ordinal);
                var values = SafetensorsReader.ToFloat32(bytes, dataStart, tensor);
                for (int i = 0; i < values.Length; i++)
                {
                    if (!float.IsNaN(values[i]) && !float.IsInfinity(values[i]) && !(variance && values[i] < 0)) continue;
                    string value = values[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                    return new[] { $"tensor {tensor.Name}: element {i} is {value}; " + (variance ? "a running variance must be finite and ≥ 0" : "every imported value must be finite (as float32)") };
                }
            }
            return Array.Empty<string>();
        }

        private static EquatableArray<string> Problems(params string[] problems) => new(problems);
    }
}
