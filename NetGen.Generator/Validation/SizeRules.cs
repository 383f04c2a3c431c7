using NetGen.Generator.Diagnostics;
using NetGen.Generator.Models;

namespace NetGen.Generator.Validation
{
    /// <summary>Rules about the network's sizes as a whole.</summary>
    internal static class SizeRules
    {
        /// <summary>The input size: NG0002 when [Network] does not set it (then 0), NG0003 when it is below 1.</summary>
        public static int Inputs(NetworkDeclaration network, AttributesDeclaration attributes, DiagnosticBag diagnostics)
        {
            if (attributes.Inputs is not { } inputs)
            {
                diagnostics.Report(DiagnosticDescriptors.MissingInputs, attributes.NetworkLocation, network.TypeName);
                return 0;
            }
            ValueRules.Positive(inputs, "Inputs", diagnostics);
            return inputs.Value;
        }

        /// <summary>NG0011 at the layer that crosses the limit: every parameter lives in one array, whose length is an int.</summary>
        public static bool FitsOneArray(long parameterCount, string typeName, LocationInfo? layerLocation, DiagnosticBag diagnostics)
        {
            if (parameterCount <= int.MaxValue) return true;
            diagnostics.Report(DiagnosticDescriptors.TooManyParameters, layerLocation, typeName, parameterCount);
            return false;
        }
    }
}
