using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Models;

namespace NetGen.Generator.Validation
{
    /// <summary>
    /// Groups layers by the argument a rule points at, so that one network-wide argument (the compact
    /// form's [Activation], one [BatchNorm] for every hidden layer) is reported once, naming every layer it covers.
    /// </summary>
    internal static class LayerGroups
    {
        public static List<(LocationInfo? Location, List<LayerFacts> Layers)> ByLocation(IEnumerable<LayerFacts> layers, Func<LayerFacts, LocationInfo?> location)
        {
            var groups = new List<(LocationInfo? Location, List<LayerFacts> Layers)>();
            foreach (var layer in layers)
            {
                var where = location(layer);
                int index = groups.FindIndex(group => Equals(group.Location, where));
                if (index < 0) groups.Add((where, new List<LayerFacts> { layer }));
                else groups[index].Layers.Add(layer);
            }
            return groups;
        }

        /// <summary>"Layer 0", "Layers 0 and 1", "Layers 0, 1 and 2" (numbered from 0 on the input side).</summary>
        public static string Describe(List<LayerFacts> layers)
        {
            var indices = layers.Select(layer => layer.Spec.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            if (indices.Count == 1) return "Layer " + indices[0];
            return "Layers " + string.Join(", ", indices.Take(indices.Count - 1)) + " and " + indices[indices.Count - 1];
        }
    }
}
