using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Models;

namespace NetGen.Generator.Parsing
{
    /// <summary>Turns a [Network] class and the attributes beside it into a <see cref="ParseResult"/>.</summary>
    internal static class NetworkParser
    {
        public const string NetworkAttributeName = "NetGen.NetworkAttribute";
        private const string LayersAttributeName = "NetGen.LayersAttribute";
        private const string DenseAttributeName = "NetGen.DenseAttribute";
        private const string ActivationAttributeName = "NetGen.ActivationAttribute";
        private const string InitializerAttributeName = "NetGen.InitializerAttribute";
        private const string BatchNormAttributeName = "NetGen.BatchNormAttribute";
        private const string DropoutAttributeName = "NetGen.DropoutAttribute";
        private const string AlphaDropoutAttributeName = "NetGen.AlphaDropoutAttribute";
        private const string RegularizationAttributeName = "NetGen.RegularizationAttribute";
        private const string NormalizationAttributeName = "NetGen.NormalizationAttribute";
        private const string WeightsAttributeName = "NetGen.WeightsAttribute";
        public const string OnnxModelAttributeName = "NetGen.OnnxModelAttribute";

        private static readonly HashSet<string> NetGenAttributeNames = new(StringComparer.Ordinal)
        {
            NetworkAttributeName, LayersAttributeName, DenseAttributeName, ActivationAttributeName, InitializerAttributeName,
            BatchNormAttributeName, DropoutAttributeName, AlphaDropoutAttributeName, RegularizationAttributeName, NormalizationAttributeName, WeightsAttributeName,
        };

        /// <summary>
        /// Reads the class and its attributes. Reports only what cannot be read into a declaration:
        /// attributes spread over partial declarations (their order would not be stable), an attribute
        /// that does not compile, an undefined enum value. Everything else is Validation's to judge.
        /// </summary>
        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var symbol = (INamedTypeSymbol)context.TargetSymbol;
            var declaration = (TypeDeclarationSyntax)context.TargetNode;
            var diagnostics = new DiagnosticBag();
            var nameLocation = LocationInfo.From(declaration.Identifier.GetLocation());

            // Code with a missing name does not compile anyway; the compiler reports it, and there is nothing to name the output after.
            if (declaration.Identifier.IsMissing || symbol.Name.Length == 0 || HasMissingNamespaceName(symbol)) return Result(null, diagnostics);
            var network = ReadType(symbol, declaration, nameLocation, cancellationToken);
            if (AttributeOnOtherDeclaration(symbol, declaration, cancellationToken) is { } stray)
            {
                diagnostics.Report(DiagnosticDescriptors.SplitDeclarations, stray.Location, stray.Name, symbol.Name);
                return Result(network, diagnostics);
            }

            var attributes = ReadAttributes(symbol, cancellationToken);
            var networkAttribute = new AttributeReader(context.Attributes[0], cancellationToken);
            var unreadable = attributes.All.Append(networkAttribute).FirstOrDefault(a => !a.IsReadable);
            if (unreadable is not null)
            {
                diagnostics.Report(DiagnosticDescriptors.UnreadableAttribute, unreadable.Location, unreadable.Name);
                return Result(network, diagnostics);
            }
            return Result(network with { Attributes = DeclarationReader.Read(networkAttribute, attributes, diagnostics) }, diagnostics);
        }

        /// <summary>
        /// Reads an [OnnxModel] class: the type as for any network and the file it names; the layers come from
        /// the file later. A [Network] or layer attribute beside it is reported (NG0032) by Validation's import rule.
        /// </summary>
        public static OnnxParseResult ParseOnnx(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var symbol = (INamedTypeSymbol)context.TargetSymbol;
            var declaration = (TypeDeclarationSyntax)context.TargetNode;
            var diagnostics = new DiagnosticBag();
            var nameLocation = LocationInfo.From(declaration.Identifier.GetLocation());
            if (declaration.Identifier.IsMissing || symbol.Name.Length == 0 || HasMissingNamespaceName(symbol)) return new OnnxParseResult(null, diagnostics.ToEquatableArray());
            var network = ReadType(symbol, declaration, nameLocation, cancellationToken);
            var reader = new AttributeReader(context.Attributes[0], cancellationToken);
            if (!reader.IsReadable || reader.Constructor("path")?.Value.Value is not string path)
            {
                diagnostics.Report(DiagnosticDescriptors.UnreadableAttribute, reader.Location, reader.Name);
                return new OnnxParseResult(null, diagnostics.ToEquatableArray());
            }
            var loss = new ValueReader(diagnostics).DefinedEnum<Loss>(reader.Named("Loss"));
            WrittenValue<string>? layerAttribute = null;
            foreach (var attribute in symbol.GetAttributes())
            {
                if (!NetGenAttributeNames.Contains(attribute.AttributeClass?.ToDisplayString() ?? "")) continue;
                var other = new AttributeReader(attribute, cancellationToken);
                layerAttribute = new WrittenValue<string>(other.Name, other.Location);
                break;
            }
            var file = new ModelFileReference(path, reader.Location, IsOnnx: true);
            return new OnnxParseResult(new OnnxModelDeclaration(network, file, loss, layerAttribute), diagnostics.ToEquatableArray());
        }

        private static NetworkDeclaration ReadType(INamedTypeSymbol symbol, TypeDeclarationSyntax declaration, LocationInfo? nameLocation, CancellationToken cancellationToken)
            => new(
                Identifiers.Namespace(symbol.ContainingNamespace),
                Identifiers.Escape(symbol.Name),
                ContainingTypes(symbol, cancellationToken),
                MemberReader.Constructors(symbol, cancellationToken),
                MemberReader.Members(symbol),
                nameLocation,
                new TypeFacts(symbol.IsStatic, declaration is RecordDeclarationSyntax, IsGeneric(symbol),
                    NotPartial(symbol, declaration, nameLocation, cancellationToken), FileLocalType(symbol, cancellationToken)),
                Attributes: null);

        private static NetworkAttributes ReadAttributes(INamedTypeSymbol symbol, CancellationToken cancellationToken)
        {
            var result = new NetworkAttributes();
            foreach (var attribute in symbol.GetAttributes())
            {
                switch (attribute.AttributeClass?.ToDisplayString())
                {
                    case LayersAttributeName: result.Layers = new AttributeReader(attribute, cancellationToken); break;
                    case DenseAttributeName: result.Dense.Add(new AttributeReader(attribute, cancellationToken)); break;
                    case ActivationAttributeName: result.Activation = new AttributeReader(attribute, cancellationToken); break;
                    case InitializerAttributeName: result.Initializer = new AttributeReader(attribute, cancellationToken); break;
                    case RegularizationAttributeName: result.Regularization = new AttributeReader(attribute, cancellationToken); break;
                    case NormalizationAttributeName: result.Normalization = new AttributeReader(attribute, cancellationToken); break;
                    case WeightsAttributeName: result.Weights = new AttributeReader(attribute, cancellationToken); break;
                    // Modifiers bind to the [Dense] written before them (source order), or to every hidden layer in the compact form.
                    case BatchNormAttributeName: result.AddModifier(new AttributeReader(attribute, cancellationToken), ModifierKind.BatchNorm); break;
                    case DropoutAttributeName: result.AddModifier(new AttributeReader(attribute, cancellationToken), ModifierKind.Dropout); break;
                    case AlphaDropoutAttributeName: result.AddModifier(new AttributeReader(attribute, cancellationToken), ModifierKind.AlphaDropout); break;
                }
            }
            return result;
        }

        private static bool HasMissingNamespaceName(INamedTypeSymbol symbol)
        {
            for (var ns = symbol.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
                if (ns.Name.Length == 0) return true;
            return false;
        }

        private static bool IsGeneric(INamedTypeSymbol symbol)
        {
            for (var type = symbol; type is not null; type = type.ContainingType)
                if (type.TypeParameters.Length > 0) return true;
            return false;
        }

        /// <summary>The network type and the containing types declared without <c>partial</c> (NG0001 is Validation's), with their names' locations.</summary>
        private static EquatableArray<WrittenValue<string>> NotPartial(INamedTypeSymbol symbol, TypeDeclarationSyntax declaration, LocationInfo? nameLocation, CancellationToken cancellationToken)
        {
            var types = new List<WrittenValue<string>>();
            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                types.Add(new WrittenValue<string>(symbol.Name, nameLocation));
            for (var container = symbol.ContainingType; container is not null; container = container.ContainingType)
            {
                foreach (var reference in container.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax typeDeclaration && !typeDeclaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                    {
                        types.Add(new WrittenValue<string>(container.Name, LocationInfo.From(typeDeclaration.Identifier.GetLocation())));
                        break;
                    }
                }
            }
            return new EquatableArray<WrittenValue<string>>(types.ToArray());
        }

        /// <summary>
        /// The first NetGen attribute written on another partial declaration than the one holding
        /// [Network] (NG0018), or null. Attributes come in declaration order, which follows the order
        /// of the files in the compilation, so layers split over declarations would have no stable order.
        /// </summary>
        private static AttributeReader? AttributeOnOtherDeclaration(INamedTypeSymbol symbol, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (!NetGenAttributeNames.Contains(attribute.AttributeClass?.ToDisplayString() ?? "")) continue;
                var reference = attribute.ApplicationSyntaxReference;
                if (reference is null) continue;
                bool onDeclaration = reference.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(reference.Span);
                if (!onDeclaration) return new AttributeReader(attribute, cancellationToken);
            }
            return null;
        }

        private static EquatableArray<ContainingTypeSpec> ContainingTypes(INamedTypeSymbol symbol, CancellationToken cancellationToken)
        {
            var types = new List<ContainingTypeSpec>();
            for (var container = symbol.ContainingType; container is not null; container = container.ContainingType)
            {
                var syntax = container.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) as TypeDeclarationSyntax;
                string keyword = syntax switch
                {
                    RecordDeclarationSyntax record when !record.ClassOrStructKeyword.IsKind(SyntaxKind.None) => "record " + record.ClassOrStructKeyword.ValueText,
                    not null => syntax.Keyword.ValueText,
                    _ => "class",
                };
                types.Insert(0, new ContainingTypeSpec(keyword, Identifiers.Escape(container.Name)));
            }
            return new EquatableArray<ContainingTypeSpec>(types.ToArray());
        }

        /// <summary>
        /// The outermost type declared <c>file</c> (only a top-level type can be), or null: code the generator
        /// adds in its own file cannot reach a file-local type, so it would declare an unrelated one.
        /// </summary>
        private static string? FileLocalType(INamedTypeSymbol symbol, CancellationToken cancellationToken)
        {
            var outermost = symbol;
            while (outermost.ContainingType is not null) outermost = outermost.ContainingType;
            foreach (var reference in outermost.DeclaringSyntaxReferences)
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax typeDeclaration && typeDeclaration.Modifiers.Any(SyntaxKind.FileKeyword))
                    return Identifiers.Escape(outermost.Name);
            return null;
        }

        private static ParseResult Result(NetworkDeclaration? declaration, DiagnosticBag diagnostics)
            => new(declaration, diagnostics.ToEquatableArray());
    }

    /// <summary>The NetGen attributes found on one class.</summary>
    internal sealed class NetworkAttributes
    {
        public AttributeReader? Layers { get; set; }
        public List<AttributeReader> Dense { get; } = new();
        public AttributeReader? Activation { get; set; }
        public AttributeReader? Initializer { get; set; }
        public AttributeReader? Regularization { get; set; }
        public AttributeReader? Normalization { get; set; }

        public AttributeReader? Weights { get; set; }
        public List<Modifier> Modifiers { get; } = new();

        public IEnumerable<AttributeReader> All
            => Dense.Concat(Modifiers.Select(m => m.Reader))
                .Concat(new[] { Layers, Activation, Initializer, Regularization, Normalization, Weights }.Where(a => a is not null).Select(a => a!));

        /// <summary>Records a modifier with the index of the [Dense] declared before it (−1 when none is).</summary>
        public void AddModifier(AttributeReader reader, ModifierKind kind) => Modifiers.Add(new Modifier(reader, kind, Dense.Count - 1));
    }

    /// <summary>A [BatchNorm], [Dropout] or [AlphaDropout], and the [Dense] it follows in source order.</summary>
    internal sealed record Modifier(AttributeReader Reader, ModifierKind Kind, int AfterDense);
}
