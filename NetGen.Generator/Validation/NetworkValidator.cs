using System.Collections.Immutable;
using System.Linq;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Models;

namespace NetGen.Generator.Validation
{
    /// <summary>
    /// Judges what Parsing read: runs every rule over the declaration, and turns a declaration without
    /// errors into the <see cref="NetworkSpec"/> the emitter writes. The spec holds no location, so
    /// moving the declaration leaves it equal and the emitted source cached.
    /// </summary>
    internal static class NetworkValidator
    {
        public static NetworkResult Validate(ParseResult parsed) => Validate(parsed, ImmutableArray<ModelFileSummary>.Empty);

        /// <summary>Validates a declaration; one that starts from a model file finds it among <paramref name="files"/>.</summary>
        public static NetworkResult Validate(ParseResult parsed, ImmutableArray<ModelFileSummary> files)
        {
            // Parsing's diagnostics come first, in the order found; the rules add theirs after.
            var diagnostics = new DiagnosticBag(parsed.Diagnostics);
            if (parsed.Declaration is not { } network) return new NetworkResult(null, diagnostics.ToEquatableArray());
            if (!TypeRules.CanHoldNetwork(network, diagnostics)) return new NetworkResult(null, diagnostics.ToEquatableArray());
            TypeRules.Partial(network, diagnostics);
            ConstructorRules.DrawParameters(network, diagnostics);
            if (network.Attributes is not { } attributes) return new NetworkResult(null, diagnostics.ToEquatableArray());

            int inputs = SizeRules.Inputs(network, attributes, diagnostics);
            var layers = LayerResolver.Resolve(network, attributes, inputs, diagnostics);
            MemberNameRules.NotAMemberName(network, layers?.Length ?? 0, diagnostics);
            NormalizationRules.Check(network, attributes, diagnostics);
            // The advice runs even beside errors elsewhere, so one build shows everything wrong at once.
            if (layers is not null) NetworkRules.Check(layers, attributes.Loss, diagnostics);
            if (layers is null || diagnostics.HasErrors) return new NetworkResult(null, diagnostics.ToEquatableArray());

            NetworkSpec? spec = new NetworkSpec(
                network.Namespace,
                network.TypeName,
                network.ContainingTypes,
                inputs,
                attributes.Loss,
                attributes.Seed,
                ConstructorRules.Taken(network),
                new EquatableArray<LayerSpec>(layers.Select(layer => layer.Spec).ToArray()))
            {
                HasNormalization = attributes.Normalization is not null,
            };
            if (attributes.Weights is { } weights) spec = WeightsRules.Bind(spec, weights, files, diagnostics);
            return new NetworkResult(spec, diagnostics.ToEquatableArray());
        }
    }
}
