using System.Linq;
using NetGen.Generator.Diagnostics;

namespace NetGen.Generator.Validation
{
    /// <summary>The ReLU family (ReLU, Leaky ReLU, ELU, GELU, SiLU) wants He initialization (He et al. 2015; Géron ch. 11, table 11-1).</summary>
    internal static class ReluRules
    {
        /// <summary>
        /// NG0023: a hidden ReLU-family layer with Glorot or LeCun kernels, written or defaulted (Glorot
        /// uniform is the default). Reported once per argument, so the compact form gets one warning.
        /// </summary>
        public static void HeKernels(LayerFacts[] layers, DiagnosticBag diagnostics)
        {
            var offending = layers.Where(layer => layer.IsHidden && IsReluFamily(layer.Activation) && IsGlorotOrLeCun(layer.Kernel.Kind));
            foreach (var (location, group) in LayerGroups.ByLocation(offending, layer => layer.KernelAdviceLocation))
                diagnostics.Report(DiagnosticDescriptors.ReluWithoutHeInit, location, LayerGroups.Describe(group), string.Join("/", group.Select(layer => layer.Activation).Distinct()), group[0].KernelName);
        }

        private static bool IsReluFamily(Act activation) => activation is Act.Relu or Act.LeakyRelu or Act.Elu or Act.Gelu or Act.Silu;

        private static bool IsGlorotOrLeCun(Init kind) => kind is Init.GlorotUniform or Init.GlorotNormal or Init.LeCunUniform or Init.LeCunNormal;
    }
}
