using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Models;

namespace NetGen.Generator.Diagnostics
{
    /// <summary>
    /// Collects the diagnostics of one declaration in the order they are found. Parsing reports what it
    /// cannot read into it, Validation what breaks a rule; neither stage needs the other to report.
    /// </summary>
    internal sealed class DiagnosticBag
    {
        private readonly List<DiagnosticInfo> _diagnostics = new();

        public DiagnosticBag()
        {
        }

        /// <summary>Starts with diagnostics an earlier stage found, so the result lists them all.</summary>
        public DiagnosticBag(IEnumerable<DiagnosticInfo> earlier) => _diagnostics.AddRange(earlier);

        public void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] arguments)
            => _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));

        /// <summary>True once an error is among them: a declaration with an error produces no source.</summary>
        public bool HasErrors => _diagnostics.Exists(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error);

        public EquatableArray<DiagnosticInfo> ToEquatableArray() => new(_diagnostics.ToArray());
    }
}
