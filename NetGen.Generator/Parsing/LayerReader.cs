using System.Collections.Generic;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Models;
using NetGen.Generator.Validation;

namespace NetGen.Generator.Parsing
{
    /// <summary>
    /// Builds the layer list from either form: [Layers] with network-wide [Activation] and
    /// [Initializer], or one [Dense] per layer that may override them. Computes the offsets.
    /// </summary>
    internal static class LayerReader
    {
        private static readonly InitializerModel Zeros = new(Init.Zeros, 1.0, FanMode.FanIn, Distribution.TruncatedNormal, 0.0, 0.05, 0.0);

        public static LayerFacts[]? Read(NetworkAttributes attributes, string typeName, LocationInfo? nameLocation, int inputs, Loss loss, AttributeRules rules)
        {
            if (attributes.Layers is not null && attributes.Dense.Count > 0)
            {
                rules.Report(DiagnosticDescriptors.MixedForms, attributes.Layers.Location, typeName);
                return null;
            }

            // Network-wide defaults: the hidden activation and the kernel initializer.
            Act? networkActivation = attributes.Activation is { } activation
                ? rules.Enum(activation.Constructor("activation"), Act.Linear)
                : null;
            double? networkAlpha = attributes.Activation?.Named("Alpha") is { } alphaArgument
                ? rules.Checked(alphaArgument, 0, "Alpha", v => v >= 0, "at least 0") : null;
            var networkInitializer = attributes.Initializer is { } initializer
                ? ReadInitializer(initializer, rules.Enum(initializer.Constructor("initializer"), Init.GlorotUniform), rules)
                : null;
            var networkActivationLocation = attributes.Activation?.Constructor("activation")?.Location;
            var networkInitializerLocation = attributes.Initializer?.Constructor("initializer")?.Location;

            var drafts = attributes.Layers is not null
                ? CompactDrafts(attributes.Layers, rules)
                : DenseDrafts(attributes.Dense, rules);
            if (drafts.Count == 0)
            {
                rules.Report(DiagnosticDescriptors.NoLayers, nameLocation, typeName);
                return null;
            }

            // Sizes below 1 were reported where they were written; offsets built from them mean nothing.
            if (drafts.Exists(draft => draft.Units < 1)) return null;
            ModifierReader.Apply(attributes, drafts, rules);

            var layers = new LayerFacts[drafts.Count];
            bool networkSoftmaxReported = false;
            long offset = 0;
            int stateOffset = 0;
            int inferenceOffset = 0;
            int fanIn = inputs;
            for (int i = 0; i < drafts.Count; i++)
            {
                var draft = drafts[i];
                bool isOutput = i == drafts.Count - 1;
                var act = isOutput
                    ? OutputActivation(draft, loss, rules)
                    : HiddenActivation(draft, networkActivation, networkActivationLocation, i, rules, ref networkSoftmaxReported);
                double alpha = !UsesAlpha(act) ? 0.0 : draft.Alpha ?? (draft.ActivationIsExplicit ? null : networkAlpha) ?? DefaultAlpha(act);
                // Layout per layer: kernel [fanIn × units], bias, gamma, beta; moving mean and variance in the state buffer.
                long kernelOffset = offset;
                offset += (long)fanIn * draft.Units;
                long biasOffset = draft.UseBias ? offset : -1;
                if (draft.UseBias) offset += draft.Units;
                BatchNormSpec? batchNorm = null;
                if (draft.BatchNorm is { Placement: not BatchNormPlacement.None } norm)
                {
                    long gammaOffset = norm.Scale ? offset : -1;
                    if (norm.Scale) offset += draft.Units;
                    long betaOffset = norm.Center ? offset : -1;
                    if (norm.Center) offset += draft.Units;
                    batchNorm = new BatchNormSpec(norm.Placement, norm.Momentum, norm.Epsilon, (int)gammaOffset, (int)betaOffset, stateOffset, stateOffset + draft.Units);
                    stateOffset += 2 * draft.Units;
                }
                var layer = new LayerSpec(i, fanIn, draft.Units, act, (float)alpha, (int)kernelOffset, (int)biasOffset,
                    draft.KernelInitializer ?? networkInitializer ?? Default(Init.GlorotUniform), draft.BiasInitializer,
                    batchNorm, draft.Dropout, draft.Regularization, inferenceOffset);
                // Where each choice was written (the layer's own argument, else the network-wide one; null when defaulted), for the advice rules.
                layers[i] = new LayerFacts(layer, isOutput, draft.UnitsLocation,
                    draft.Activation is not null ? draft.ActivationLocation : networkActivationLocation,
                    draft.KernelInitializer is not null ? draft.KernelInitializerLocation : networkInitializerLocation,
                    batchNorm is null ? null : draft.BatchNormLocation,
                    draft.DropoutLocation);
                inferenceOffset += layer.InferenceLength;
                fanIn = draft.Units;
                if (offset > int.MaxValue)
                {
                    rules.Report(DiagnosticDescriptors.TooManyParameters, draft.UnitsLocation, typeName, offset);
                    return null;
                }
            }
            return layers;
        }

        private static List<LayerDraft> CompactDrafts(AttributeReader layers, AttributeRules rules)
        {
            var drafts = new List<LayerDraft>();
            var units = layers.Constructor("units");
            var useBiasArgument = layers.Named("UseBias");
            bool useBias = AttributeRules.Bool(useBiasArgument, true);
            if (units is not { } array || array.Value.IsNull) return drafts;
            for (int i = 0; i < array.Value.Values.Length; i++)
            {
                var location = layers.ParamsElement(i);
                int size = System.Convert.ToInt32(array.Value.Values[i].Value);
                rules.Positive(size, $"Layer {i} units", location);
                drafts.Add(new LayerDraft { Units = size, UnitsLocation = location, UseBias = useBias, UseBiasExplicit = useBiasArgument is not null, UseBiasLocation = useBiasArgument?.Location });
            }
            return drafts;
        }

        private static List<LayerDraft> DenseDrafts(List<AttributeReader> dense, AttributeRules rules)
        {
            var drafts = new List<LayerDraft>(dense.Count);
            for (int i = 0; i < dense.Count; i++) drafts.Add(DenseDraft(dense[i], i, rules));
            return drafts;
        }

        private static LayerDraft DenseDraft(AttributeReader dense, int index, AttributeRules rules)
        {
            var units = dense.Constructor("units");
            int size = units is { } u ? System.Convert.ToInt32(u.Value.Value) : 0;
            var draft = new LayerDraft { Units = size, UnitsLocation = units?.Location ?? dense.Location, Dense = dense };
            rules.Positive(size, $"Layer {index} units", draft.UnitsLocation);
            // An undefined activation is NG0009 alone: the layer then behaves as if none were written,
            // so no follow-up error names an activation the user never chose.
            if (dense.Constructor("activation") is { } activation && rules.DefinedEnum<Act>(activation) is { } act)
            {
                draft.Activation = act;
                draft.ActivationLocation = activation.Location;
                draft.ActivationIsExplicit = true;
            }
            if (dense.Named("Alpha") is { } layerAlpha) draft.Alpha = rules.Checked(layerAlpha, 0, "Alpha", v => v >= 0, "at least 0");
            var useBias = dense.Named("UseBias");
            draft.UseBias = AttributeRules.Bool(useBias, true);
            draft.UseBiasExplicit = useBias is not null;
            draft.UseBiasLocation = useBias?.Location;
            if (dense.Constructor("initializer") is { } initializer)
            {
                draft.KernelInitializer = ReadInitializer(dense, rules.Enum(initializer, Init.GlorotUniform), rules);
                draft.KernelInitializerLocation = initializer.Location;
            }
            var biasKind = rules.Enum(dense.Named("BiasInitializer"), Init.Zeros);
            draft.BiasInitializer = Zeros with { Kind = biasKind, Value = rules.Checked(dense.Named("BiasValue"), 0.0, "BiasValue", _ => true, "a finite float") };
            return draft;
        }

        private static InitializerModel ReadInitializer(AttributeReader reader, Init kind, AttributeRules rules)
            => new(
                kind,
                rules.Checked(reader.Named("Scale"), 1.0, "Scale", v => v > 0, "greater than 0"),
                rules.Enum(reader.Named("Mode"), FanMode.FanIn),
                rules.Enum(reader.Named("Distribution"), Distribution.TruncatedNormal),
                rules.Checked(reader.Named("Mean"), 0.0, "Mean", _ => true, "a finite float"),
                rules.Checked(reader.Named("StdDev"), 0.05, "StdDev", v => v >= 0, "at least 0"),
                rules.Checked(reader.Named("Value"), 0.0, "Value", _ => true, "a finite float"));

        private static InitializerModel Default(Init kind) => Zeros with { Kind = kind };

        /// <summary>The hidden activation; softmax is NG0005, reported once for a network-wide [Activation] however many layers inherit it.</summary>
        private static Act HiddenActivation(LayerDraft draft, Act? networkActivation, LocationInfo? networkActivationLocation, int index, AttributeRules rules, ref bool networkSoftmaxReported)
        {
            var act = draft.Activation ?? networkActivation ?? Act.Linear;
            if (act != Act.Softmax) return act;
            if (draft.Activation is not null)
                rules.Report(DiagnosticDescriptors.SoftmaxNotOnOutput, draft.ActivationLocation, $"layer {index}");
            else if (!networkSoftmaxReported)
            {
                rules.Report(DiagnosticDescriptors.SoftmaxNotOnOutput, networkActivationLocation, $"layer {index}");
                networkSoftmaxReported = true;
            }
            return act;
        }

        /// <summary>The output activation follows the loss; an explicit one must agree with it (NG0006).</summary>
        private static Act OutputActivation(LayerDraft draft, Loss loss, AttributeRules rules)
        {
            var expected = loss switch
            {
                Loss.SoftmaxCrossEntropy or Loss.CategoricalCrossEntropy => Act.Softmax,
                Loss.BinaryCrossEntropy => Act.Sigmoid,
                _ => Act.Linear,
            };
            if (!draft.ActivationIsExplicit || draft.Activation is not { } requested) return expected;
            if (loss == Loss.MeanSquaredError)
            {
                if (requested == Act.Softmax)
                    rules.Report(DiagnosticDescriptors.OutputActivationMismatch, draft.ActivationLocation, requested, loss,
                        "use SoftmaxCrossEntropy or CategoricalCrossEntropy for class probabilities");
                return requested;
            }
            if (requested != expected)
                rules.Report(DiagnosticDescriptors.OutputActivationMismatch, draft.ActivationLocation, requested, loss,
                    $"this loss applies {expected} itself: remove the activation or write {expected}");
            return expected;
        }

        private static bool UsesAlpha(Act act) => act is Act.LeakyRelu or Act.Elu;

        /// <summary>Leaky ReLU's 0.01 follows the chapter and PyTorch (Keras's layer uses 0.3); ELU's 1.0 follows both frameworks.</summary>
        private static double DefaultAlpha(Act act) => act switch
        {
            Act.LeakyRelu => 0.01,
            Act.Elu => 1.0,
            _ => 0.0,
        };
    }
}

namespace NetGen.Generator.Parsing
{
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
        /// <summary>The [Dense] that declared the layer (per-layer form), for its own regularization settings.</summary>
        public AttributeReader? Dense;
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
