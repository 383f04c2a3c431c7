using System;
using System.Collections.Generic;

namespace NetGen
{
    /// <summary>A contiguous run of a flat gradient buffer, e.g. one layer's kernel or bias.</summary>
    /// <param name="Offset">Index of the first value.</param>
    /// <param name="Length">Number of values.</param>
    public readonly record struct GradientSegment(int Offset, int Length)
    {
        /// <summary>
        /// One segment per weight tensor of <paramref name="layers"/>: each kernel, then its bias, batch
        /// norm gamma and beta when the layer has them. Clipping these one by one is Keras's <c>clipnorm</c> (per variable).
        /// </summary>
        public static GradientSegment[] ForLayers(IReadOnlyList<DenseLayerInfo> layers)
        {
            if (layers is null) throw new ArgumentNullException(nameof(layers));
            var segments = new List<GradientSegment>(2 * layers.Count);
            foreach (var layer in layers)
            {
                segments.Add(new GradientSegment(layer.KernelOffset, (int)LayerLayout.KernelLength(layer.Inputs, layer.Units)));
                if (layer.HasBias) segments.Add(new GradientSegment(layer.BiasOffset, layer.Units));
                if (layer.BatchNorm is { HasGamma: true } norm) segments.Add(new GradientSegment(norm.GammaOffset, layer.Units));
                if (layer.BatchNorm is { HasBeta: true } shift) segments.Add(new GradientSegment(shift.BetaOffset, layer.Units));
            }
            return segments.ToArray();
        }
    }
}
