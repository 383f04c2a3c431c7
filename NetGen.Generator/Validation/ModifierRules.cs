using System.Collections.Generic;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Models;

namespace NetGen.Generator.Validation
{
    /// <summary>
    /// Binds [BatchNorm], [Dropout], [AlphaDropout] and regularization to the layers: in the compact
    /// form to every hidden layer, in the per-layer form to the [Dense] written just before each.
    /// Checks their numbers and where they stand, and drops the bias that batch normalization makes redundant.
    /// </summary>
    internal static class ModifierRules
    {
        public static void Apply(AttributesDeclaration attributes, List<LayerDraft> drafts, DiagnosticBag diagnostics)
        {
            var network = Regularization(attributes.Regularization, RegularizationSpec.None, diagnostics);
            foreach (var draft in drafts)
                draft.Regularization = draft.OwnRegularization is { } own ? Regularization(own, network, diagnostics) : network;

            int output = drafts.Count - 1;
            bool compact = attributes.Layers is not null;
            var networkWide = new Dictionary<string, string>();
            foreach (var modifier in attributes.Modifiers)
            {
                // Check each attribute's numbers once, then bind it to its layer or layers.
                var batchNorm = modifier.Kind == ModifierKind.BatchNorm ? BatchNorm(modifier, diagnostics) : null;
                var dropout = modifier.Kind == ModifierKind.BatchNorm ? null : Dropout(modifier, diagnostics);
                if (compact)
                {
                    string group = modifier.Kind == ModifierKind.BatchNorm ? "BatchNorm" : "Dropout";
                    if (networkWide.TryGetValue(group, out var first))
                    {
                        diagnostics.Report(DiagnosticDescriptors.DuplicateModifier, modifier.Location, "The network", first);
                        continue;
                    }
                    networkWide.Add(group, modifier.Name);
                    if (output == 0) diagnostics.Report(DiagnosticDescriptors.ModifierOnOutput, modifier.Location, modifier.Name);
                    for (int i = 0; i < output; i++) Bind(drafts[i], batchNorm, dropout, modifier);
                }
                else if (modifier.AfterDense < 0)
                {
                    diagnostics.Report(DiagnosticDescriptors.ModifierWithoutLayer, modifier.Location, modifier.Name);
                }
                else if (modifier.AfterDense == output)
                {
                    diagnostics.Report(DiagnosticDescriptors.ModifierOnOutput, modifier.Location, modifier.Name);
                }
                else if (Bind(drafts[modifier.AfterDense], batchNorm, dropout, modifier) is { } existing)
                {
                    diagnostics.Report(DiagnosticDescriptors.DuplicateModifier, modifier.Location, $"Layer {modifier.AfterDense}", existing);
                }
            }

            // A bias right before batch normalization is cancelled by its mean subtraction: drop it,
            // unless the user asked for it explicitly (then keep it and say so, NG0016, once per argument).
            var reported = new HashSet<LocationInfo?>();
            for (int i = 0; i < drafts.Count; i++)
            {
                var draft = drafts[i];
                if (draft.BatchNorm is not { Placement: BatchNormPlacement.BeforeActivation }) continue;
                if (!draft.UseBiasExplicit) draft.UseBias = false;
                else if (draft.UseBias && reported.Add(draft.UseBiasLocation)) diagnostics.Report(DiagnosticDescriptors.RedundantBias, draft.UseBiasLocation, $"Layer {i}");
            }
        }

        /// <summary>Attaches a batch norm or a dropout to a layer; returns the name of the attribute already there, if any.</summary>
        private static string? Bind(LayerDraft draft, BatchNormDraft? batchNorm, DropoutSpec? dropout, ModifierDeclaration modifier)
        {
            if (batchNorm is not null)
            {
                if (draft.BatchNorm is not null) return "BatchNorm";
                draft.BatchNorm = batchNorm;
                draft.BatchNormLocation = modifier.Location;
                return null;
            }
            if (draft.Dropout is not null) return draft.DropoutName;
            draft.Dropout = dropout;
            draft.DropoutName = modifier.Name;
            draft.DropoutLocation = modifier.Location;
            return null;
        }

        /// <summary>[BatchNorm]'s settings; Placement = None is kept as declared (it still counts for duplicates) and means no normalization.</summary>
        private static BatchNormDraft BatchNorm(ModifierDeclaration modifier, DiagnosticBag diagnostics)
            => new(
                modifier.Placement,
                (float)ValueRules.InRange(modifier.Momentum, 0.99, "Momentum", v => v > 0 && v < 1, "in (0, 1) (Keras convention: the weight of the old average)", diagnostics),
                (float)ValueRules.InRange(modifier.Epsilon, 1e-3, "Epsilon", v => v > 0, "greater than 0", diagnostics),
                modifier.Center,
                modifier.Scale);

        private static DropoutSpec Dropout(ModifierDeclaration modifier, DiagnosticBag diagnostics)
        {
            double rate = ValueRules.InRange(modifier.Rate, 0, "The dropout rate", v => v >= 0 && v < 1, "in [0, 1)", diagnostics);
            return new DropoutSpec((float)rate, modifier.Kind == ModifierKind.AlphaDropout);
        }

        private static RegularizationSpec Regularization(RegularizationDeclaration? declared, RegularizationSpec fallback, DiagnosticBag diagnostics)
        {
            if (declared is null) return fallback;
            return new RegularizationSpec(
                (float)ValueRules.InRange(declared.L1, fallback.L1, "L1", v => v >= 0, "at least 0", diagnostics),
                (float)ValueRules.InRange(declared.L2, fallback.L2, "L2", v => v >= 0, "at least 0", diagnostics),
                (float)ValueRules.InRange(declared.MaxNorm, fallback.MaxNorm, "MaxNorm", v => v >= 0, "at least 0 (0 means no constraint)", diagnostics));
        }
    }

    /// <summary>Batch normalization as declared, before offsets are known.</summary>
    internal sealed record BatchNormDraft(BatchNormPlacement Placement, float Momentum, float Epsilon, bool Center, bool Scale);
}
