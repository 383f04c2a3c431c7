using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace NetGen.Generated
{
    /// <summary>Draws a whole network's parameters, layer by layer, from one seeded stream.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ParameterInitializer
    {
        /// <summary>
        /// Fills each layer's kernel (fan-in = its inputs, fan-out = its units) and then its bias,
        /// from the input side up, all from one <see cref="NetGenRandom"/> seeded with <paramref name="seed"/>.
        /// </summary>
        public static void Initialize(Span<float> parameters, IReadOnlyList<DenseLayerInfo> layers, int seed)
        {
            var random = new NetGenRandom(seed);
            foreach (var layer in layers)
            {
                layer.KernelInitializer.Fill(parameters.Slice(layer.KernelOffset, (int)LayerLayout.KernelLength(layer.Inputs, layer.Units)), layer.Inputs, layer.Units, random);
                if (layer.HasBias)
                    // Keras's compute_fans gives a 1-D bias fan_in = fan_out = its length.
                    layer.BiasInitializer.Fill(parameters.Slice(layer.BiasOffset, layer.Units), layer.Units, layer.Units, random);
                // Batch normalization starts as the identity: gamma 1, beta 0 (Keras and PyTorch).
                if (layer.BatchNorm is { } norm)
                {
                    if (norm.HasGamma) parameters.Slice(norm.GammaOffset, layer.Units).Fill(1f);
                    if (norm.HasBeta) parameters.Slice(norm.BetaOffset, layer.Units).Clear();
                }
            }
        }

        /// <summary>Resets the non-trainable state: batch normalization's moving mean to 0 and moving variance to 1.</summary>
        public static void InitializeState(Span<float> state, IReadOnlyList<DenseLayerInfo> layers)
        {
            foreach (var layer in layers)
            {
                if (layer.BatchNorm is not { } norm) continue;
                state.Slice(norm.MeanOffset, layer.Units).Clear();
                state.Slice(norm.VarianceOffset, layer.Units).Fill(1f);
            }
        }
    }
}
