using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Models;

namespace NetGen.Generator.Import
{
    /// <summary>
    /// The output step's half of an import: reads the model file again (the cached pipeline kept only its
    /// hash) and places its tensors at the spec's offsets. Returns null when the file changed since the rules
    /// checked it (the next run sees the new contents) or no longer reads: never throws.
    /// </summary>
    internal static class WeightsLoader
    {
        public static TrainedValues? Load(NetworkSpec spec, Func<byte[], ModelReadResult> readOnnx)
        {
            if (spec.Weights is not { } source) return null;
            var bytes = ModelFiles.ReadBytes(source.Path, out _);
            if (bytes is null || ModelFiles.Hash(bytes) != source.Hash) return null;
            var weights = new TrainedValues(new float[spec.ParameterCount], new float[spec.StateCount]);
            return (source.IsOnnx ? PlaceOnnx(spec, bytes, readOnnx, weights) : PlaceStateDict(spec, bytes, weights)) ? weights : null;
        }

        private static bool PlaceStateDict(NetworkSpec spec, byte[] bytes, TrainedValues weights)
        {
            var tensors = SafetensorsReader.ReadHeader(bytes, out _, out int dataStart);
            if (tensors is null) return false;
            var named = tensors.Select(t => new KeyValuePair<string, long[]>(t.Name, t.Shape)).ToList();
            var layers = spec.Layers.Select(l => new StateDictLayer(l.Inputs, l.Units, l.HasBias, l.BatchNorm is not null,
                l.BatchNorm is { HasGamma: true }, l.BatchNorm is { HasBeta: true })).ToList();
            var matches = StateDictKeys.Match(named, layers, out _);
            if (matches is null) return false;
            var byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
            foreach (var match in matches)
            {
                var layer = spec.Layers[match.Layer];
                var values = SafetensorsReader.ToFloat32(bytes, dataStart, byName[match.Name]);
                // PyTorch's weight is [units × inputs]; NetGen's kernel [inputs × units].
                if (match.Transposed) values = Transpose(values, layer.Units, layer.Inputs);
                Place(weights, layer, match.Role, values);
            }
            return true;
        }

        private static bool PlaceOnnx(NetworkSpec spec, byte[] bytes, Func<byte[], ModelReadResult> readOnnx, TrainedValues weights)
        {
            if (ModelFiles.ReadOnnx(bytes, readOnnx).Network is not { } network || network.Layers.Length != spec.Layers.Count) return false;
            for (int i = 0; i < network.Layers.Length; i++)
            {
                var imported = network.Layers[i];
                var layer = spec.Layers[i];
                if (imported.Kernel.Length != layer.KernelLength) return false;
                var kernel = (float[])imported.Kernel.Clone();
                var bias = imported.Bias is null ? null : (float[])imported.Bias.Clone();
                if (i == 0 && network.Normalization is { } normalization) bias = FoldNormalization(normalization, kernel, bias, layer);
                Place(weights, layer, StateDictRole.Kernel, kernel);
                if (bias is not null && layer.HasBias) Place(weights, layer, StateDictRole.Bias, bias);
                if (imported.BatchNorm is not { } batchNorm || layer.BatchNorm is null) continue;
                Place(weights, layer, StateDictRole.Gamma, batchNorm.Gamma);
                Place(weights, layer, StateDictRole.Beta, batchNorm.Beta);
                Place(weights, layer, StateDictRole.Mean, batchNorm.Mean);
                Place(weights, layer, StateDictRole.Variance, ModelFiles.ImportedVariance(batchNorm));
            }
            return true;
        }

        /// <summary>
        /// (x − m)/s · W + b = x · (W/s) + (b − Σᵢ (mᵢ/sᵢ) Wᵢ) with s = √variance (the reader's variance is std²):
        /// the normalization becomes part of the first layer, computed in double and rounded once.
        /// </summary>
        private static float[] FoldNormalization(ImportedNormalization normalization, float[] kernel, float[]? bias, LayerSpec layer)
        {
            var folded = new double[layer.Units];
            for (int u = 0; u < layer.Units; u++) folded[u] = bias?[u] ?? 0f;
            for (int i = 0; i < layer.Inputs; i++)
            {
                double std = Math.Sqrt(normalization.Variance[i]);
                for (int u = 0; u < layer.Units; u++)
                {
                    double weight = kernel[i * layer.Units + u] / std;
                    kernel[i * layer.Units + u] = (float)weight;
                    folded[u] -= normalization.Mean[i] * weight;
                }
            }
            return folded.Select(v => (float)v).ToArray();
        }

        private static void Place(TrainedValues weights, LayerSpec layer, StateDictRole role, float[] values)
        {
            var norm = layer.BatchNorm;
            var (offset, inState) = StateDictPlacement.Of(role, layer.KernelOffset, layer.BiasOffset,
                norm?.GammaOffset ?? -1, norm?.BetaOffset ?? -1, norm?.MeanOffset ?? -1, norm?.VarianceOffset ?? -1);
            if (offset < 0) return;
            Array.Copy(values, 0, inState ? weights.State : weights.Parameters, offset, values.Length);
        }

        /// <summary>A [rows × columns] matrix written as [columns × rows].</summary>
        private static float[] Transpose(float[] source, int rows, int columns)
        {
            var result = new float[source.Length];
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < columns; c++)
                    result[c * rows + r] = source[r * columns + c];
            return result;
        }
    }
}
