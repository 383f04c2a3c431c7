using System;
using System.Collections.Generic;

namespace NetGen
{
    /// <summary>Draws a whole network's parameters, layer by layer, from one seeded stream.</summary>
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
                layer.KernelInitializer.Fill(parameters.Slice(layer.KernelOffset, layer.Inputs * layer.Units), layer.Inputs, layer.Units, random);
                if (layer.HasBias)
                    layer.BiasInitializer.Fill(parameters.Slice(layer.BiasOffset, layer.Units), layer.Inputs, layer.Units, random);
            }
        }
    }
}
