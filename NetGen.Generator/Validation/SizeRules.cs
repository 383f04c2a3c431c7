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

        /// <summary>
        /// NG0028 when the layer's transposed kernel (<c>KernelLayout</c>: units rows of the inputs padded
        /// to whole cache lines) would not fit one array although its parameters do: a narrow input and a
        /// very wide layer. The shared layout rule's 64-bit form, since its int form would wrap.
        /// </summary>
        public static bool TransposedKernelFits(string typeName, int layerIndex, int fanIn, WrittenValue<int> units, DiagnosticBag diagnostics)
        {
            long length = KernelLayout.TransposedLongLength(fanIn, units.Value);
            if (length <= int.MaxValue) return true;
            diagnostics.Report(DiagnosticDescriptors.LayerBufferTooLarge, units.Location, layerIndex, typeName, fanIn, units.Value, length, KernelLayout.PaddedStride(fanIn));
            return false;
        }

        /// <summary>
        /// NG0011 when the running parameter count crosses the limit at a layer: every parameter lives in
        /// one array, whose length is an int. It points at what makes that layer's kernel large: Inputs
        /// when it is the first layer and its inputs outnumber its units, else the layer's units.
        /// </summary>
        public static bool FitsOneArray(long parameterCount, string typeName, int layerIndex, int fanIn, WrittenValue<int> units, WrittenValue<int>? inputs, DiagnosticBag diagnostics)
        {
            if (parameterCount <= int.MaxValue) return true;
            bool blameInputs = layerIndex == 0 && inputs is not null && fanIn > units.Value;
            diagnostics.Report(DiagnosticDescriptors.TooManyParameters,
                blameInputs ? inputs!.Value.Location : units.Location,
                typeName, parameterCount, layerIndex, fanIn, units.Value,
                blameInputs ? "Inputs" : "the layer sizes");
            return false;
        }
    }
}
