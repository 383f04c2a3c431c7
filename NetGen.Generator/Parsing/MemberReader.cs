using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Models;

namespace NetGen.Generator.Parsing
{
    /// <summary>
    /// Reads the members the user wrote on a network class: whether each constructor leads to the
    /// parameters being drawn and whether it takes the place of a generated one, and the other members'
    /// names. Judging them is Validation's.
    /// </summary>
    internal static class MemberReader
    {
        public static EquatableArray<ConstructorDeclaration> Constructors(INamedTypeSymbol symbol, CancellationToken cancellationToken)
        {
            var constructors = new List<ConstructorDeclaration>();
            foreach (var constructor in symbol.InstanceConstructors)
            {
                if (constructor.IsImplicitlyDeclared) continue;
                bool takesNothing = constructor.Parameters.Length == 0;
                bool takesSeed = constructor.Parameters.Length == 1
                    && constructor.Parameters[0].Type.SpecialType == SpecialType.System_Int32
                    && constructor.Parameters[0].RefKind == RefKind.None;
                var syntax = constructor.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
                constructors.Add(syntax switch
                {
                    ConstructorDeclarationSyntax declared => new ConstructorDeclaration(
                        LocationInfo.From(declared.Identifier.GetLocation()),
                        IsPrimary: false,
                        Chains: declared.Initializer is { } initializer && initializer.IsKind(SyntaxKind.ThisConstructorInitializer),
                        CallsInitialize: CallsInitialize(declared),
                        takesNothing,
                        takesSeed),
                    // A primary constructor is declared by the type's own parameter list.
                    TypeDeclarationSyntax type => new ConstructorDeclaration(
                        LocationInfo.From(type.ChildNodes().OfType<ParameterListSyntax>().FirstOrDefault() ?? (SyntaxNode)type),
                        IsPrimary: true, Chains: false, CallsInitialize: false, takesNothing, takesSeed),
                    // No source to judge (cannot happen for a class declared in source): only its signature counts.
                    _ => new ConstructorDeclaration(null, IsPrimary: false, Chains: true, CallsInitialize: false, takesNothing, takesSeed),
                });
            }
            return new EquatableArray<ConstructorDeclaration>(constructors.ToArray());
        }

        /// <summary>The members the user wrote other than constructors, with where each is declared.</summary>
        public static EquatableArray<MemberDeclaration> Members(INamedTypeSymbol symbol)
        {
            var members = new List<MemberDeclaration>();
            foreach (var member in symbol.GetMembers())
            {
                if (member.IsImplicitlyDeclared || member is IMethodSymbol { MethodKind: not MethodKind.Ordinary }) continue;
                var location = member.Locations.FirstOrDefault(l => l.IsInSource);
                members.Add(new MemberDeclaration(member.Name, member is IMethodSymbol, location is null ? null : LocationInfo.From(location)));
            }
            return new EquatableArray<MemberDeclaration>(members.ToArray());
        }

        /// <summary>True when the body calls <c>Initialize(…)</c> or <c>this.Initialize(…)</c> anywhere: the user draws the parameters explicitly.</summary>
        private static bool CallsInitialize(ConstructorDeclarationSyntax constructor)
        {
            SyntaxNode? body = (SyntaxNode?)constructor.Body ?? constructor.ExpressionBody;
            return body is not null && body.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(call => call.Expression switch
            {
                IdentifierNameSyntax name => name.Identifier.ValueText == "Initialize",
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => access.Name.Identifier.ValueText == "Initialize",
                _ => false,
            });
        }
    }
}
