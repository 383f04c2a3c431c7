using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Models;

namespace NetGen.Generator.Parsing
{
    /// <summary>
    /// Reads the values of a class's NetGen attributes into an <see cref="AttributesDeclaration"/>, as
    /// written and with their locations. Whether they make a network is Validation's question.
    /// </summary>
    internal static class DeclarationReader
    {
        public static AttributesDeclaration Read(AttributeReader network, NetworkAttributes attributes, DiagnosticBag diagnostics)
        {
            var values = new ValueReader(diagnostics);
            var inputs = network.Named("Inputs") is { } inputsArgument ? ValueReader.Int(inputsArgument) : (WrittenValue<int>?)null;
            var loss = values.Enum(network.Named("Loss"), Loss.MeanSquaredError);
            int? seed = network.Named("Seed") is { } seedArgument ? ValueReader.Int(seedArgument).Value : null;
            return new AttributesDeclaration(
                network.Location,
                inputs,
                loss,
                seed,
                attributes.Layers is { } layers ? ReadLayers(layers) : null,
                new EquatableArray<DenseDeclaration>(attributes.Dense.Select(dense => ReadDense(dense, values)).ToArray()),
                attributes.Activation is { } activation ? ReadActivation(activation, values) : null,
                attributes.Initializer is { } initializer ? ReadInitializer(initializer, values.EnumAt(initializer.Constructor("initializer"), Init.GlorotUniform), values) : null,
                attributes.Regularization is { } regularization ? ReadRegularization(regularization) : null,
                new EquatableArray<ModifierDeclaration>(attributes.Modifiers.Select(modifier => ReadModifier(modifier, values)).ToArray()),
                attributes.Weights is { } weights && weights.Constructor("path")?.Value.Value is string path
                    ? new ModelFileReference(path, weights.Location, IsOnnx: false)
                    : null)
            {
                Normalization = attributes.Normalization is { } normalization ? new NormalizationDeclaration(normalization.Location, normalization.Named("Axis") is { } axis ? ValueReader.Int(axis) : null) : null,
            };
        }

        private static CompactLayersDeclaration ReadLayers(AttributeReader layers)
        {
            var units = new List<WrittenValue<int>>();
            if (layers.Constructor("units") is { } array && !array.Value.IsNull)
            {
                for (int i = 0; i < array.Value.Values.Length; i++)
                    units.Add(new WrittenValue<int>(System.Convert.ToInt32(array.Value.Values[i].Value, System.Globalization.CultureInfo.InvariantCulture), layers.ParamsElement(i)));
            }
            return new CompactLayersDeclaration(layers.Location, new EquatableArray<WrittenValue<int>>(units.ToArray()), ValueReader.Bool(layers.Named("UseBias"), true));
        }

        private static DenseDeclaration ReadDense(AttributeReader dense, ValueReader values)
        {
            var units = dense.Constructor("units") is { } unitsArgument ? ValueReader.Int(unitsArgument) : new WrittenValue<int>(0, dense.Location);
            // An undefined activation is NG0009 and then reads as none written, so no later diagnostic
            // names an activation the user never chose.
            var activation = values.DefinedEnum<Act>(dense.Constructor("activation"));
            var alpha = ValueReader.Double(dense.Named("Alpha"));
            var useBias = ValueReader.Bool(dense.Named("UseBias"), true);
            var initializer = dense.Constructor("initializer") is { } kind
                ? ReadInitializer(dense, values.EnumAt(kind, Init.GlorotUniform), values)
                : null;
            var biasInitializer = values.Enum(dense.Named("BiasInitializer"), Init.Zeros);
            return new DenseDeclaration(dense.Location, units, activation, alpha, useBias, initializer, biasInitializer,
                ValueReader.Double(dense.Named("BiasValue")), ReadRegularization(dense));
        }

        private static ActivationDeclaration ReadActivation(AttributeReader activation, ValueReader values)
            => new(values.EnumAt(activation.Constructor("activation"), Act.Linear), ValueReader.Double(activation.Named("Alpha")));

        private static InitializerDeclaration ReadInitializer(AttributeReader reader, WrittenValue<Init> kind, ValueReader values)
            => new(
                kind,
                ValueReader.Double(reader.Named("Scale")),
                values.Enum(reader.Named("Mode"), FanMode.FanIn),
                values.Enum(reader.Named("Distribution"), Distribution.TruncatedNormal),
                ValueReader.Double(reader.Named("Mean")),
                ValueReader.Double(reader.Named("StdDev")),
                ValueReader.Double(reader.Named("Value")));

        private static RegularizationDeclaration ReadRegularization(AttributeReader reader)
            => new(ValueReader.Double(reader.Named("L1")), ValueReader.Double(reader.Named("L2")), ValueReader.Double(reader.Named("MaxNorm")));

        private static ModifierDeclaration ReadModifier(Modifier modifier, ValueReader values)
        {
            var reader = modifier.Reader;
            bool batchNorm = modifier.Kind == ModifierKind.BatchNorm;
            return new ModifierDeclaration(
                modifier.Kind,
                reader.Name,
                reader.Location,
                modifier.AfterDense,
                batchNorm ? values.Enum(reader.Named("Placement"), BatchNormPlacement.BeforeActivation) : BatchNormPlacement.BeforeActivation,
                batchNorm ? ValueReader.Double(reader.Named("Momentum")) : null,
                batchNorm ? ValueReader.Double(reader.Named("Epsilon")) : null,
                !batchNorm || (ValueReader.Bool(reader.Named("Center"), true)?.Value ?? true),
                !batchNorm || (ValueReader.Bool(reader.Named("Scale"), true)?.Value ?? true),
                batchNorm ? null : ValueReader.Double(reader.Constructor("rate")));
        }
    }
}
