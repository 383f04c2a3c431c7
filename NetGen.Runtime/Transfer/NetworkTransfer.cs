using System;
using NetGen.Generated;

namespace NetGen
{
    /// <summary>
    /// Transfer learning between generated networks (Géron ch. 11, "Reusing Pretrained Layers"):
    /// copy the lower layers of a trained network into a new one, then freeze them.
    /// </summary>
    public static class NetworkTransfer
    {
        /// <summary>
        /// Copies layers from the input side up for as long as they match (same inputs, units, bias,
        /// batch normalization placement and gamma/beta): kernel, bias, gamma, beta and the moving
        /// statistics (and, with layer 0, the input normalization's statistics when both networks have one).
        /// Returns how many layers were copied; the first mismatch stops the copy.
        /// </summary>
        public static int CopyMatchingLayers(INetwork source, INetwork target)
        {
            if (source is null) throw new ArgumentNullException(nameof(source));
            if (target is null) throw new ArgumentNullException(nameof(target));
            int count = 0;
            while (count < source.Layers.Count && count < target.Layers.Count && Matches(source.Layers[count], target.Layers[count]))
            {
                CopyLayer(source, count, target, count);
                count++;
            }
            return count;
        }

        /// <summary>Copies one layer's parameters and batch-norm statistics; the two layers must have the same shape.</summary>
        /// <exception cref="ArgumentException">The layers differ in shape, bias or batch normalization.</exception>
        public static void CopyLayer(INetwork source, int sourceLayer, INetwork target, int targetLayer)
        {
            if (source is null) throw new ArgumentNullException(nameof(source));
            if (target is null) throw new ArgumentNullException(nameof(target));
            var from = source.Layers[NetworkGuards.CheckLayer(sourceLayer, source.Layers.Count)];
            var to = target.Layers[NetworkGuards.CheckLayer(targetLayer, target.Layers.Count)];
            if (!Matches(from, to))
                throw new ArgumentException($"Layer {sourceLayer} ({Describe(from)}) does not match layer {targetLayer} ({Describe(to)}).", nameof(targetLayer));
            var fromView = source.GetLayer(sourceLayer);
            var toView = target.GetLayer(targetLayer);
            // Matching layers have the same parts; an absent part is an empty span on both sides.
            fromView.Weights.CopyTo(toView.Weights);
            fromView.Bias.CopyTo(toView.Bias);
            fromView.Gamma.CopyTo(toView.Gamma);
            fromView.Beta.CopyTo(toView.Beta);
            fromView.MovingMean.CopyTo(toView.MovingMean);
            fromView.MovingVariance.CopyTo(toView.MovingVariance);
            // Layer 0's weights were trained on normalized inputs: its statistics go with it when both networks normalize.
            if (sourceLayer == 0 && targetLayer == 0 && source.Normalization is { } fromStatistics && target.Normalization is { } toStatistics)
            {
                fromStatistics.Mean.CopyTo(toStatistics.Mean);
                fromStatistics.Variance.CopyTo(toStatistics.Variance);
                source.State.Slice(fromStatistics.CountOffset, 1).CopyTo(target.State.Slice(toStatistics.CountOffset, 1));
            }
        }

        /// <summary>Freezes the <paramref name="count"/> layers nearest the input and unfreezes the rest.</summary>
        public static void FreezeLowest(INetwork network, int count)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            if (count < 0 || count > network.Layers.Count)
                throw new ArgumentOutOfRangeException(nameof(count), count, $"The network has {network.Layers.Count} layers.");
            for (int i = 0; i < network.Layers.Count; i++) network.SetTrainable(i, i >= count);
        }

        private static bool Matches(DenseLayerInfo a, DenseLayerInfo b)
            => a.Inputs == b.Inputs && a.Units == b.Units && a.HasBias == b.HasBias
               && a.BatchNorm?.Placement == b.BatchNorm?.Placement
               && a.BatchNorm?.HasGamma == b.BatchNorm?.HasGamma && a.BatchNorm?.HasBeta == b.BatchNorm?.HasBeta;

        private static string Describe(DenseLayerInfo layer)
            => $"{layer.Inputs} → {layer.Units}" + (layer.HasBias ? "" : ", no bias") + (layer.BatchNorm is { } norm ? $", BN {norm.Placement}" : "");
    }
}
