using System.Collections.Generic;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Models;

namespace NetGen.Generator.Parsing
{
    /// <summary>
    /// Binds [BatchNorm], [Dropout], [AlphaDropout] and regularization to the layers: in the compact
    /// form to every hidden layer, in the per-layer form to the [Dense] written just before each.
    /// Checks their numbers, and drops the bias that batch normalization makes redundant.
    /// </summary>
    internal static class ModifierReader
    {
        public static void Apply(NetworkAttributes attributes, List<LayerDraft> drafts, AttributeRules rules)
        {
            var network = ReadRegularization(attributes.Regularization, RegularizationSpec.None, rules);
            foreach (var draft in drafts)
                draft.Regularization = draft.Dense is { } dense ? ReadRegularization(dense, network, rules) : network;

            int output = drafts.Count - 1;
            bool compact = attributes.Layers is not null;
            var networkWide = new System.Collections.Generic.Dictionary<string, string>();
            foreach (var modifier in attributes.Modifiers)
            {
                // Read (and range-check) each attribute once, then bind it to its layer or layers.
                var reader = modifier.Reader;
                var batchNorm = modifier.Kind == ModifierKind.BatchNorm ? ReadBatchNorm(reader, rules) : null;
                var dropout = modifier.Kind == ModifierKind.BatchNorm ? null : ReadDropout(modifier, rules);
                if (compact)
                {
                    string group = modifier.Kind == ModifierKind.BatchNorm ? "BatchNorm" : "Dropout";
                    if (networkWide.TryGetValue(group, out var first))
                    {
                        rules.Report(DiagnosticDescriptors.DuplicateModifier, reader.Location, "The network", first);
                        continue;
                    }
                    networkWide.Add(group, reader.Name);
                    if (output == 0) rules.Report(DiagnosticDescriptors.ModifierOnOutput, reader.Location, reader.Name);
                    for (int i = 0; i < output; i++) Bind(drafts[i], batchNorm, dropout, reader);
                }
                else if (modifier.AfterDense < 0)
                {
                    rules.Report(DiagnosticDescriptors.ModifierWithoutLayer, reader.Location, reader.Name);
                }
                else if (modifier.AfterDense == output)
                {
                    rules.Report(DiagnosticDescriptors.ModifierOnOutput, reader.Location, reader.Name);
                }
                else if (Bind(drafts[modifier.AfterDense], batchNorm, dropout, reader) is { } existing)
                {
                    rules.Report(DiagnosticDescriptors.DuplicateModifier, reader.Location, $"Layer {modifier.AfterDense}", existing);
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
                else if (draft.UseBias && reported.Add(draft.UseBiasLocation)) rules.Report(DiagnosticDescriptors.RedundantBias, draft.UseBiasLocation, $"Layer {i}");
            }
        }

        /// <summary>Attaches a batch norm or a dropout to a layer; returns the name of the attribute already there, if any.</summary>
        private static string? Bind(LayerDraft draft, BatchNormDraft? batchNorm, DropoutSpec? dropout, AttributeReader reader)
        {
            if (batchNorm is not null)
            {
                if (draft.BatchNorm is not null) return "BatchNorm";
                draft.BatchNorm = batchNorm;
                draft.BatchNormLocation = reader.Location;
                return null;
            }
            if (draft.Dropout is not null) return draft.DropoutName;
            draft.Dropout = dropout;
            draft.DropoutName = reader.Name;
            draft.DropoutLocation = reader.Location;
            return null;
        }

        /// <summary>Reads [BatchNorm]; Placement = None is kept as declared (it still counts for duplicates) and means no normalization.</summary>
        private static BatchNormDraft ReadBatchNorm(AttributeReader reader, AttributeRules rules)
            => new(
                rules.Enum(reader.Named("Placement"), BatchNormPlacement.BeforeActivation),
                (float)rules.Checked(reader.Named("Momentum"), 0.99, "Momentum", v => v > 0 && v < 1, "in (0, 1) (Keras convention: the weight of the old average)"),
                (float)rules.Checked(reader.Named("Epsilon"), 1e-3, "Epsilon", v => v > 0, "greater than 0"),
                AttributeRules.Bool(reader.Named("Center"), true),
                AttributeRules.Bool(reader.Named("Scale"), true));

        private static DropoutSpec ReadDropout(Modifier modifier, AttributeRules rules)
        {
            double rate = rules.Checked(modifier.Reader.Constructor("rate"), 0, "The dropout rate", v => v >= 0 && v < 1, "in [0, 1)");
            return new DropoutSpec((float)rate, modifier.Kind == ModifierKind.AlphaDropout);
        }

        private static RegularizationSpec ReadRegularization(AttributeReader? reader, RegularizationSpec fallback, AttributeRules rules)
        {
            if (reader is null) return fallback;
            return new RegularizationSpec(
                (float)rules.Checked(reader.Named("L1"), fallback.L1, "L1", v => v >= 0, "at least 0"),
                (float)rules.Checked(reader.Named("L2"), fallback.L2, "L2", v => v >= 0, "at least 0"),
                (float)rules.Checked(reader.Named("MaxNorm"), fallback.MaxNorm, "MaxNorm", v => v >= 0, "at least 0 (0 means no constraint)"));
        }
    }

    /// <summary>Batch normalization as declared, before offsets are known.</summary>
    internal sealed record BatchNormDraft(BatchNormPlacement Placement, float Momentum, float Epsilon, bool Center, bool Scale);
}
