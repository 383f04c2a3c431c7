using NetGen.Generator.Diagnostics;
using NetGen.Generator.Models;

namespace NetGen.Generator.Validation
{
    /// <summary>Rules about the type that carries [Network].</summary>
    internal static class TypeRules
    {
        /// <summary>
        /// NG0024 for a static class or a record (the generated instance members need a plain class), else
        /// NG0026 for a file-local type (generated code in its own file cannot extend it), else NG0008 for a
        /// generic type (networks have fixed shapes). Any of them is the only diagnostic the declaration
        /// gets from the rules: nothing else about a type that cannot be a network helps.
        /// </summary>
        public static bool CanHoldNetwork(NetworkDeclaration network, DiagnosticBag diagnostics)
        {
            if (network.Type.IsStatic || network.Type.IsRecord)
            {
                diagnostics.Report(DiagnosticDescriptors.NotAnInstanceClass, network.NameLocation, network.TypeName, network.Type.IsStatic ? "static" : "a record");
                return false;
            }
            if (network.Type.FileLocalType is { } fileLocal)
            {
                diagnostics.Report(DiagnosticDescriptors.FileLocalNetwork, network.NameLocation, network.TypeName, fileLocal);
                return false;
            }
            if (!network.Type.IsGeneric) return true;
            diagnostics.Report(DiagnosticDescriptors.GenericNetwork, network.NameLocation, network.TypeName);
            return false;
        }

        /// <summary>NG0001: the network type and every type containing it must be partial, so the generator can add to them.</summary>
        public static void Partial(NetworkDeclaration network, DiagnosticBag diagnostics)
        {
            foreach (var type in network.Type.NotPartial)
                diagnostics.Report(DiagnosticDescriptors.NotPartial, type.Location, type.Value);
        }
    }
}
