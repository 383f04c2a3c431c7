using System.Collections.Generic;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Models;

namespace NetGen.Generator.Validation
{
    /// <summary>
    /// Builds the layer list from either form ([Layers] with network-wide [Activation] and
    /// [Initializer], or one [Dense] per layer that may override them), checking each value against its
    /// rule and applying the defaults (per-layer value → network-wide attribute → Keras default), then
    /// places the layers in the buffers by the shared <see cref="LayerLayout"/>.
    /// </summary>
    internal static class LayerResolver
    {
        private static readonly InitializerModel Zeros = new(Init.Zeros, 1.0, FanMode.FanIn, Distribution.TruncatedNormal, 0.0, 0.05, 0.0);

        /// <summary>The layers with where each choice was written, or null when they cannot be built (the reason reported).</summary>
        public static LayerFacts[]? Resolve(NetworkDeclaration network, AttributesDeclaration attributes, int inputs, DiagnosticBag diagnostics)
        {
            if (attributes.Layers is not null && attributes.Dense.Count > 0)
            {
                diagnostics.Report(DiagnosticDescriptors.MixedForms, attributes.Layers.Location, network.TypeName);
                return null;
            }

            // Network-wide defaults: the hidden activation and the kernel initializer.
            Act? networkActivation = attributes.Activation?.Activation.Value;
            double? networkAlpha = attributes.Activation?.Alpha is { } alphaArgument
                ? ValueRules.InRange(alphaArgument, 0, "Alpha", v => v >= 0, "at least 0", diagnostics) : null;
            var networkInitializer = attributes.Initializer is { } initializer ? Initializer(initializer, diagnostics) : null;
            var networkActivationLocation = attributes.Activation?.Activation.Location;
            var networkInitializerLocation = attributes.Initializer?.Kind.Location;

            var drafts = attributes.Layers is { } layers ? CompactDrafts(layers, diagnostics) : DenseDrafts(attributes.Dense, diagnostics);
            if (drafts.Count == 0)
            {
                // An empty [Layers] is where the sizes are missing; with no layer attribute at all, the class is.
                diagnostics.Report(DiagnosticDescriptors.NoLayers, attributes.Layers?.Location ?? network.NameLocation, network.TypeName);
                return null;
            }

            // Sizes below 1 were reported where they were written; offsets built from them mean nothing.
            if (drafts.Exists(draft => draft.Units < 1)) return null;
            ModifierRules.Apply(attributes, drafts, diagnostics);

            var resolved = new LayerFacts[drafts.Count];
            bool networkSoftmaxReported = false;
            long offset = 0;
            // Input normalization's statistics open the state buffer; batch norm's follow.
            int stateOffset = attributes.Normalization is null ? 0 : LayerLayout.NormalizationStateCount(inputs);
            int inferenceOffset = 0;
            int fanIn = inputs;
            for (int i = 0; i < drafts.Count; i++)
            {
                var draft = drafts[i];
                bool isOutput = i == drafts.Count - 1;
                var act = isOutput
                    ? ActivationRules.Output(draft, attributes.Loss, diagnostics)
                    : ActivationRules.Hidden(draft, networkActivation, networkActivationLocation, i, diagnostics, ref networkSoftmaxReported);
                double alpha = !ActivationRules.UsesAlpha(act) ? 0.0 : draft.Alpha ?? (draft.ActivationIsExplicit ? null : networkAlpha) ?? ActivationRules.DefaultAlpha(act);
                var norm = draft.BatchNorm is { Placement: not BatchNormPlacement.None } declared ? declared : null;
                var place = LayerLayout.Place(offset, fanIn, draft.Units, draft.UseBias, norm is { Scale: true }, norm is { Center: true });
                offset = place.End;
                BatchNormSpec? batchNorm = null;
                if (norm is not null)
                {
                    batchNorm = new BatchNormSpec(norm.Placement, norm.Momentum, norm.Epsilon, (int)place.Gamma, (int)place.Beta, stateOffset, stateOffset + draft.Units);
                    stateOffset += LayerLayout.StateCount(draft.Units, hasBatchNorm: true);
                }
                var layer = new LayerSpec(i, fanIn, draft.Units, act, (float)alpha, (int)place.Kernel, (int)place.Bias,
                    draft.KernelInitializer ?? networkInitializer ?? Default(Init.GlorotUniform), draft.BiasInitializer,
                    batchNorm, draft.Dropout, draft.Regularization, inferenceOffset);
                // Where each choice was written (the layer's own argument, else the network-wide one; null when defaulted), for the advice rules.
                resolved[i] = new LayerFacts(layer, isOutput, draft.UnitsLocation,
                    draft.Activation is not null ? draft.ActivationLocation : networkActivationLocation,
                    draft.KernelInitializer is not null ? draft.KernelInitializerLocation : networkInitializerLocation,
                    batchNorm is null ? null : draft.BatchNormLocation,
                    draft.DropoutLocation);
                inferenceOffset += layer.InferenceLength;
                fanIn = draft.Units;
                if (!SizeRules.FitsOneArray(offset, network.TypeName, i, layer.Inputs, new WrittenValue<int>(draft.Units, draft.UnitsLocation), attributes.Inputs, diagnostics)) return null;
                if (!SizeRules.TransposedKernelFits(network.TypeName, i, layer.Inputs, new WrittenValue<int>(draft.Units, draft.UnitsLocation), diagnostics)) return null;
            }
            return resolved;
        }

        private static List<LayerDraft> CompactDrafts(CompactLayersDeclaration layers, DiagnosticBag diagnostics)
        {
            var drafts = new List<LayerDraft>();
            for (int i = 0; i < layers.Units.Count; i++)
            {
                var units = layers.Units[i];
                ValueRules.Positive(units, $"Layer {i} units", diagnostics);
                drafts.Add(new LayerDraft
                {
                    Units = units.Value,
                    UnitsLocation = units.Location,
                    UseBias = layers.UseBias?.Value ?? true,
                    UseBiasExplicit = layers.UseBias is not null,
                    UseBiasLocation = layers.UseBias?.Location,
                });
            }
            return drafts;
        }

        private static List<LayerDraft> DenseDrafts(EquatableArray<DenseDeclaration> dense, DiagnosticBag diagnostics)
        {
            var drafts = new List<LayerDraft>(dense.Count);
            for (int i = 0; i < dense.Count; i++) drafts.Add(DenseDraft(dense[i], i, diagnostics));
            return drafts;
        }

        private static LayerDraft DenseDraft(DenseDeclaration dense, int index, DiagnosticBag diagnostics)
        {
            var draft = new LayerDraft { Units = dense.Units.Value, UnitsLocation = dense.Units.Location, OwnRegularization = dense.Regularization };
            ValueRules.Positive(dense.Units, $"Layer {index} units", diagnostics);
            if (dense.Activation is { } activation)
            {
                draft.Activation = activation.Value;
                draft.ActivationLocation = activation.Location;
                draft.ActivationIsExplicit = true;
            }
            if (dense.Alpha is { } alpha) draft.Alpha = ValueRules.InRange(alpha, 0, "Alpha", v => v >= 0, "at least 0", diagnostics);
            draft.UseBias = dense.UseBias?.Value ?? true;
            draft.UseBiasExplicit = dense.UseBias is not null;
            draft.UseBiasLocation = dense.UseBias?.Location;
            if (dense.Initializer is { } initializer)
            {
                draft.KernelInitializer = Initializer(initializer, diagnostics);
                draft.KernelInitializerLocation = initializer.Kind.Location;
            }
            draft.BiasInitializer = Zeros with { Kind = dense.BiasInitializer, Value = ValueRules.Finite(dense.BiasValue, 0.0, "BiasValue", diagnostics) };
            return draft;
        }

        private static InitializerModel Initializer(InitializerDeclaration initializer, DiagnosticBag diagnostics)
            => new(
                initializer.Kind.Value,
                ValueRules.InRange(initializer.Scale, 1.0, "Scale", v => v > 0, "greater than 0", diagnostics),
                initializer.Mode,
                initializer.Distribution,
                ValueRules.Finite(initializer.Mean, 0.0, "Mean", diagnostics),
                ValueRules.InRange(initializer.StdDev, 0.05, "StdDev", v => v >= 0, "at least 0", diagnostics),
                ValueRules.Finite(initializer.Value, 0.0, "Value", diagnostics));

        private static InitializerModel Default(Init kind) => Zeros with { Kind = kind };
    }

    /// <summary>What one layer asks for before defaults and offsets are applied.</summary>
    internal sealed class LayerDraft
    {
        public int Units;
        public LocationInfo? UnitsLocation;
        public Act? Activation;
        public LocationInfo? ActivationLocation;
        public bool ActivationIsExplicit;
        public double? Alpha;
        public bool UseBias = true;
        public bool UseBiasExplicit;
        public LocationInfo? UseBiasLocation;
        public InitializerModel? KernelInitializer;
        public InitializerModel BiasInitializer = new(Init.Zeros, 1.0, FanMode.FanIn, Distribution.TruncatedNormal, 0.0, 0.05, 0.0);
        /// <summary>The penalties written on the layer's own [Dense] (per-layer form); null in the compact form.</summary>
        public RegularizationDeclaration? OwnRegularization;
        public LocationInfo? KernelInitializerLocation;
        public BatchNormDraft? BatchNorm;
        /// <summary>The [BatchNorm] bound to the layer, for advice about it.</summary>
        public LocationInfo? BatchNormLocation;
        public DropoutSpec? Dropout;
        /// <summary>The [Dropout] or [AlphaDropout] bound to the layer, for advice about it.</summary>
        public LocationInfo? DropoutLocation;
        /// <summary>Which attribute declared the dropout ("Dropout" or "AlphaDropout"), for NG0015's message.</summary>
        public string? DropoutName;
        public RegularizationSpec Regularization = RegularizationSpec.None;
    }
}
