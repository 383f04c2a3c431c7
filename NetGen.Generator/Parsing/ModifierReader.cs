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
            var networkWide = new HashSet<string>();
            foreach (var modifier in attributes.Modifiers)
            {
                if (compact)
                {
                    string group = modifier.Kind == ModifierKind.BatchNorm ? "BatchNorm" : "Dropout";
                    if (!networkWide.Add(group))
                    {
                        rules.Report(DiagnosticDescriptors.DuplicateModifier, modifier.Reader.Location, "The network", modifier.Reader.Name);
                        continue;
                    }
                    if (output == 0) rules.Report(DiagnosticDescriptors.ModifierOnOutput, modifier.Reader.Location, modifier.Reader.Name);
                    for (int i = 0; i < output; i++) Bind(modifier, drafts[i], $"Layer {i}", rules);
                }
                else if (modifier.AfterDense < 0)
                {
                    rules.Report(DiagnosticDescriptors.ModifierWithoutLayer, modifier.Reader.Location, modifier.Reader.Name);
                }
                else if (modifier.AfterDense == output)
                {
                    rules.Report(DiagnosticDescriptors.ModifierOnOutput, modifier.Reader.Location, modifier.Reader.Name);
                }
                else
                {
                    Bind(modifier, drafts[modifier.AfterDense], $"Layer {modifier.AfterDense}", rules);
                }
            }

            // A bias right before batch normalization is cancelled by its mean subtraction: drop it,
            // unless the user asked for it explicitly (then keep it and say so, NG0016).
            for (int i = 0; i < drafts.Count; i++)
            {
                var draft = drafts[i];
                if (draft.BatchNorm is not { Placement: BatchNormPlacement.BeforeActivation }) continue;
                if (!draft.UseBiasExplicit) draft.UseBias = false;
                else if (draft.UseBias) rules.Report(DiagnosticDescriptors.RedundantBias, draft.UseBiasLocation, $"Layer {i}");
            }
        }

        private static void Bind(Modifier modifier, LayerDraft draft, string layer, AttributeRules rules)
        {
            var reader = modifier.Reader;
            if (modifier.Kind == ModifierKind.BatchNorm)
            {
                if (draft.BatchNorm is not null)
                {
                    rules.Report(DiagnosticDescriptors.DuplicateModifier, reader.Location, layer, reader.Name);
                    return;
                }
                var placement = rules.Enum(reader.Named("Placement"), BatchNormPlacement.BeforeActivation);
                if (placement == BatchNormPlacement.None) return;
                draft.BatchNorm = new BatchNormDraft(
                    placement,
                    (float)rules.Checked(reader.Named("Momentum"), 0.99, "Momentum", v => v > 0 && v < 1, "in (0, 1) (Keras convention: the weight of the old average)"),
                    (float)rules.Checked(reader.Named("Epsilon"), 1e-3, "Epsilon", v => v > 0, "greater than 0"),
                    AttributeRules.Bool(reader.Named("Center"), true),
                    AttributeRules.Bool(reader.Named("Scale"), true));
                return;
            }
            if (draft.Dropout is not null)
            {
                rules.Report(DiagnosticDescriptors.DuplicateModifier, reader.Location, layer, "Dropout");
                return;
            }
            double rate = rules.Checked(reader.Constructor("rate"), 0, "The dropout rate", v => v >= 0 && v < 1, "in [0, 1)");
            draft.Dropout = new DropoutSpec((float)rate, modifier.Kind == ModifierKind.AlphaDropout);
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
