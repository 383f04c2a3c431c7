using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Models;

namespace NetGen.Generator.Parsing
{
    /// <summary>A value read from an attribute, with the location of the argument that gave it.</summary>
    internal readonly record struct ArgumentValue(TypedConstant Value, LocationInfo? Location);

    /// <summary>Reads one attribute's arguments by parameter or property name, with their exact locations.</summary>
    internal sealed class AttributeReader
    {
        private readonly AttributeData _data;
        private readonly AttributeSyntax? _syntax;

        public AttributeReader(AttributeData data, CancellationToken cancellationToken)
        {
            _data = data;
            _syntax = data.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            Location = LocationInfo.From(_syntax);
        }

        /// <summary>The whole attribute, e.g. <c>Network(Inputs = 4)</c>.</summary>
        public LocationInfo? Location { get; }

        public string Name => _data.AttributeClass?.Name.Replace("Attribute", "") ?? "?";

        /// <summary>False when the compiler could not bind the attribute or one of its arguments.</summary>
        public bool IsReadable
            => _data.AttributeConstructor is not null
               && _data.ConstructorArguments.All(IsReadableConstant)
               && _data.NamedArguments.All(a => IsReadableConstant(a.Value));

        /// <summary>The constructor argument bound to <paramref name="parameterName"/>, or null when the chosen constructor has no such parameter.</summary>
        public ArgumentValue? Constructor(string parameterName)
        {
            var parameters = _data.AttributeConstructor?.Parameters ?? default;
            if (parameters.IsDefault) return null;
            for (int i = 0; i < parameters.Length && i < _data.ConstructorArguments.Length; i++)
            {
                if (parameters[i].Name == parameterName)
                    return new ArgumentValue(_data.ConstructorArguments[i], LocationInfo.From(PositionalArgument(i, parameterName)) ?? Location);
            }
            return null;
        }

        /// <summary>The property set as <c>Name = value</c>, or null when it is not set.</summary>
        public ArgumentValue? Named(string propertyName)
        {
            foreach (var argument in _data.NamedArguments)
            {
                if (argument.Key != propertyName) continue;
                var syntax = _syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == propertyName);
                return new ArgumentValue(argument.Value, LocationInfo.From(syntax) ?? Location);
            }
            return null;
        }

        /// <summary>
        /// Location of element <paramref name="index"/> of a <c>params</c> array argument, whether it
        /// was written as separate arguments or as one array expression.
        /// </summary>
        public LocationInfo? ParamsElement(int index)
        {
            var positional = _syntax?.ArgumentList?.Arguments.Where(a => a.NameEquals is null).ToList();
            if (positional is null || positional.Count == 0) return Location;
            if (positional.Count == 1 && index >= 0)
            {
                var initializer = positional[0].Expression switch
                {
                    ArrayCreationExpressionSyntax array => array.Initializer,
                    ImplicitArrayCreationExpressionSyntax array => array.Initializer,
                    _ => null,
                };
                if (initializer is not null)
                    return index < initializer.Expressions.Count ? LocationInfo.From(initializer.Expressions[index]) : Location;
                if (positional[0].Expression is CollectionExpressionSyntax collection)
                    return index < collection.Elements.Count ? LocationInfo.From(collection.Elements[index]) : Location;
            }
            return index < positional.Count ? LocationInfo.From(positional[index]) : Location;
        }

        private AttributeArgumentSyntax? PositionalArgument(int index, string parameterName)
        {
            var arguments = _syntax?.ArgumentList?.Arguments;
            if (arguments is null) return null;
            var byName = arguments.Value.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == parameterName);
            if (byName is not null) return byName;
            var positional = arguments.Value.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
            return index < positional.Count ? positional[index] : null;
        }

        private static bool IsReadableConstant(TypedConstant constant)
            => constant.Kind != TypedConstantKind.Error
               && (constant.Kind != TypedConstantKind.Array || constant.IsNull || constant.Values.All(IsReadableConstant));
    }
}
