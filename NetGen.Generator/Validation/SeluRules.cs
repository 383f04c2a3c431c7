using System.Linq;
using NetGen.Generator.Diagnostics;

namespace NetGen.Generator.Validation
{
    /// <summary>
    /// SELU self-normalizes only under the conditions of Klambauer et al. 2017 (Géron ch. 11): LeCun
    /// normal kernels, a plain sequential dense stack (every NetGen network is one), no batch
    /// normalization, and alpha dropout rather than plain dropout. Each rule looks at hidden SELU layers.
    /// </summary>
    internal static class SeluRules
    {
        /// <summary>NG0019: SELU kernels must have variance 1/fan_in (LeCun normal, or the same variance scaling written out).</summary>
        public static void LeCunNormalKernels(LayerFacts[] layers, DiagnosticBag diagnostics)
        {
            var offending = layers.Where(layer => IsHiddenSelu(layer) && !IsLeCunNormal(layer.Kernel));
            foreach (var (location, group) in LayerGroups.ByLocation(offending, layer => layer.KernelAdviceLocation))
                diagnostics.Report(DiagnosticDescriptors.SeluWithoutLeCunNormal, location, LayerGroups.Describe(group), group[0].KernelName);
        }

        /// <summary>NG0020: batch normalization on a SELU layer, reported once per [BatchNorm].</summary>
        public static void NoBatchNorm(LayerFacts[] layers, DiagnosticBag diagnostics)
        {
            var offending = layers.Where(layer => IsHiddenSelu(layer) && layer.Spec.BatchNorm is not null);
            foreach (var (location, group) in LayerGroups.ByLocation(offending, layer => layer.BatchNormLocation))
                diagnostics.Report(DiagnosticDescriptors.SeluWithBatchNorm, location, LayerGroups.Describe(group));
        }

        /// <summary>NG0021: plain dropout on a SELU layer, reported once per [Dropout].</summary>
        public static void AlphaDropoutOnly(LayerFacts[] layers, DiagnosticBag diagnostics)
        {
            var offending = layers.Where(layer => IsHiddenSelu(layer) && layer.Spec.Dropout is { IsAlpha: false });
            foreach (var (location, group) in LayerGroups.ByLocation(offending, layer => layer.DropoutLocation))
                diagnostics.Report(DiagnosticDescriptors.SeluWithPlainDropout, location, LayerGroups.Describe(group));
        }

        private static bool IsHiddenSelu(LayerFacts layer) => layer.IsHidden && layer.Activation == Act.Selu;

        /// <summary>LeCun normal is variance scaling with scale 1, fan_in and a normal distribution (Keras truncates it; the paper does not).</summary>
        private static bool IsLeCunNormal(Models.InitializerModel kernel)
            => kernel.Kind == Init.LeCunNormal
               || (kernel.Kind == Init.VarianceScaling && kernel.Scale == 1.0 && kernel.Mode == FanMode.FanIn && kernel.Distribution != Distribution.Uniform);
    }
}
