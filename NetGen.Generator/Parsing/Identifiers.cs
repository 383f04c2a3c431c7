using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Parsing
{
    /// <summary>
    /// Names as C# source must write them: a symbol's name is the identifier without its <c>@</c>, so a
    /// class declared <c>@event</c> is named "event", which the emitter could not write back as is.
    /// </summary>
    internal static class Identifiers
    {
        /// <summary><paramref name="name"/>, with <c>@</c> in front when it is a reserved keyword.</summary>
        public static string Escape(string name)
            => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        /// <summary>The namespace's dotted name with each part escaped, or null for the global namespace.</summary>
        public static string? Namespace(INamespaceSymbol? symbol)
        {
            var parts = new List<string>();
            for (var space = symbol; space is { IsGlobalNamespace: false }; space = space.ContainingNamespace)
                parts.Insert(0, Escape(space.Name));
            return parts.Count == 0 ? null : string.Join(".", parts);
        }
    }
}
