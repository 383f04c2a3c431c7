using NetGen.Generator.Diagnostics;
using NetGen.Generator.Models;

namespace NetGen.Generator.Validation
{
    /// <summary>NG0040: [Normalization] normalizes per input feature, the last axis of [rows × features] inputs.</summary>
    internal static class NormalizationRules
    {
        public static void Check(NetworkDeclaration network, AttributesDeclaration attributes, DiagnosticBag diagnostics)
        {
            if (attributes.Normalization?.Axis is not { } axis || axis.Value == -1 || axis.Value == 1) return;
            diagnostics.Report(DiagnosticDescriptors.NormalizationAxis, axis.Location, network.TypeName, axis.Value);
        }
    }
}
