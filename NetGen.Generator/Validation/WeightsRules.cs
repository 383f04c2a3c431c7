using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Models;

namespace NetGen.Generator.Validation
{
    /// <summary>
    /// A network that starts from a model file: the file must be an AdditionalFiles item (NG0029) that can be
    /// read (NG0030), and a [Weights] state dict must match the declared layers by the shared key schemes
    /// (NG0031, naming the layer and both shapes). The spec then records the file's path and content hash.
    /// </summary>
    internal static class WeightsRules
    {
        public static NetworkSpec? Bind(NetworkSpec spec, ModelFileReference reference, ImmutableArray<ModelFileSummary> files, DiagnosticBag diagnostics)
        {
            if (ModelFileLookup.Find(files, reference.Path) is not { } file)
            {
                diagnostics.Report(DiagnosticDescriptors.ModelFileNotAdditional, reference.Location, reference.Path);
                return null;
            }
            if (file.Problems.Count > 0)
            {
                diagnostics.Report(DiagnosticDescriptors.ModelFileUnreadable, reference.Location, reference.Path, string.Join("; ", file.Problems));
                return null;
            }
            if (!reference.IsOnnx)
            {
                var tensors = file.Tensors.Select(t => new KeyValuePair<string, long[]>(t.Name, t.Shape.ToArray())).ToList();
                var layers = spec.Layers.Select(l => new StateDictLayer(l.Inputs, l.Units, l.HasBias, l.BatchNorm is not null,
                    l.BatchNorm is { HasGamma: true }, l.BatchNorm is { HasBeta: true })).ToList();
                if (StateDictKeys.Match(tensors, layers, out var error) is null)
                {
                    diagnostics.Report(DiagnosticDescriptors.WeightsMismatch, reference.Location, reference.Path, spec.TypeName, error ?? "");
                    return null;
                }
            }
            return spec with { Weights = new EmbeddedWeightsSpec(file.Path, file.Hash, reference.IsOnnx) };
        }
    }
}
