using System.Linq;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Models
{
    /// <summary>A diagnostic as plain values, turned into a <see cref="Diagnostic"/> only when reported.</summary>
    internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] arguments)
            => new(descriptor, location, new EquatableArray<string>(arguments.Select(a => System.Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray()));

        /// <summary>The diagnostic located in <paramref name="compilation"/>'s syntax tree, so pragmas and per-file settings apply.</summary>
        public Diagnostic ToDiagnostic(Compilation compilation)
            => Diagnostic.Create(Descriptor, Location?.ToLocation(compilation), Arguments.Cast<object>().ToArray());
    }
}
