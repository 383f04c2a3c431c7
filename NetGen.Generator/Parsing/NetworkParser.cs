using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Models;
using NetGen.Generator.Validation;

namespace NetGen.Generator.Parsing
{
    /// <summary>Turns a [Network] class and the attributes beside it into a <see cref="NetworkResult"/>.</summary>
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

        private static readonly HashSet<string> NetGenAttributeNames = new(StringComparer.Ordinal)
        {
            NetworkAttributeName, LayersAttributeName, DenseAttributeName, ActivationAttributeName, InitializerAttributeName,
            BatchNormAttributeName, DropoutAttributeName, AlphaDropoutAttributeName, RegularizationAttributeName,
        };

        public static NetworkResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var symbol = (INamedTypeSymbol)context.TargetSymbol;
            var declaration = (TypeDeclarationSyntax)context.TargetNode;
            var diagnostics = new List<DiagnosticInfo>();
            var nameLocation = LocationInfo.From(declaration.Identifier.GetLocation());

            // Code with a missing name does not compile anyway; the compiler reports it, and there is nothing to name the output after.
            if (declaration.Identifier.IsMissing || symbol.Name.Length == 0 || HasMissingNamespaceName(symbol)) return Result(null, diagnostics);
            if (symbol.IsStatic || declaration is RecordDeclarationSyntax)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAnInstanceClass, nameLocation, symbol.Name, symbol.IsStatic ? "static" : "a record"));
                return Result(null, diagnostics);
            }

            if (IsGeneric(symbol))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericNetwork, nameLocation, symbol.Name));
                return Result(null, diagnostics);
            }
            CheckPartial(symbol, declaration, nameLocation, diagnostics, cancellationToken);
            if (AttributeOnOtherDeclaration(symbol, declaration, cancellationToken) is { } stray)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SplitDeclarations, stray.Location, stray.Name, symbol.Name));
                return Result(null, diagnostics);
            }

            var attributes = ReadAttributes(symbol, cancellationToken);
            var network = new AttributeReader(context.Attributes[0], cancellationToken);
            var unreadable = attributes.All.Append(network).FirstOrDefault(a => !a.IsReadable);
            if (unreadable is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnreadableAttribute, unreadable.Location, unreadable.Name));
                return Result(null, diagnostics);
            }

            var rules = new AttributeRules(diagnostics);
            int inputs = ReadInputs(network, symbol.Name, rules);
            var loss = rules.Enum(network.Named("Loss"), Loss.MeanSquaredError);
            var seed = network.Named("Seed") is { } seedArgument ? (int?)Convert.ToInt32(seedArgument.Value.Value) : null;

            var layers = LayerReader.Read(attributes, symbol.Name, nameLocation, inputs, loss, rules);
            if (layers is not null) NetworkRules.Check(layers, loss, rules);
            var hasUserConstructor = symbol.InstanceConstructors.Any(c => !c.IsImplicitlyDeclared);
            if (layers is null || diagnostics.Exists(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error)) return Result(null, diagnostics);

            var spec = new NetworkSpec(
                symbol.ContainingNamespace.IsGlobalNamespace ? null : symbol.ContainingNamespace.ToDisplayString(),
                symbol.Name,
                ContainingTypes(symbol, cancellationToken),
                inputs,
                loss,
                seed,
                hasUserConstructor,
                new EquatableArray<LayerSpec>(layers.Select(layer => layer.Spec).ToArray()));
            return Result(spec, diagnostics);
        }

        private static int ReadInputs(AttributeReader network, string typeName, AttributeRules rules)
        {
            if (network.Named("Inputs") is not { } argument)
            {
                rules.Report(DiagnosticDescriptors.MissingInputs, network.Location, typeName);
                return 0;
            }
            int inputs = Convert.ToInt32(argument.Value.Value);
            rules.Positive(inputs, "Inputs", argument.Location);
            return inputs;
        }

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

        private static void CheckPartial(INamedTypeSymbol symbol, TypeDeclarationSyntax declaration, LocationInfo? nameLocation, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, nameLocation, symbol.Name));
            for (var container = symbol.ContainingType; container is not null; container = container.ContainingType)
            {
                foreach (var reference in container.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax typeDeclaration && !typeDeclaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, LocationInfo.From(typeDeclaration.Identifier.GetLocation()), container.Name));
                        break;
                    }
                }
            }
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
                types.Insert(0, new ContainingTypeSpec(keyword, container.Name));
            }
            return new EquatableArray<ContainingTypeSpec>(types.ToArray());
        }

        private static NetworkResult Result(NetworkSpec? spec, List<DiagnosticInfo> diagnostics)
            => new(spec, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
    }

    /// <summary>The NetGen attributes found on one class.</summary>
    internal sealed class NetworkAttributes
    {
        public AttributeReader? Layers { get; set; }
        public List<AttributeReader> Dense { get; } = new();
        public AttributeReader? Activation { get; set; }
        public AttributeReader? Initializer { get; set; }
        public AttributeReader? Regularization { get; set; }
        public List<Modifier> Modifiers { get; } = new();

        public IEnumerable<AttributeReader> All
            => Dense.Concat(Modifiers.Select(m => m.Reader))
                .Concat(new[] { Layers, Activation, Initializer, Regularization }.Where(a => a is not null).Select(a => a!));

        /// <summary>Records a modifier with the index of the [Dense] declared before it (−1 when none is).</summary>
        public void AddModifier(AttributeReader reader, ModifierKind kind) => Modifiers.Add(new Modifier(reader, kind, Dense.Count - 1));
    }

    internal enum ModifierKind
    {
        BatchNorm,
        Dropout,
        AlphaDropout,
    }

    /// <summary>A [BatchNorm], [Dropout] or [AlphaDropout], and the [Dense] it follows in source order.</summary>
    internal sealed record Modifier(AttributeReader Reader, ModifierKind Kind, int AfterDense);
}
