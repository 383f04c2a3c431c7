using System.Linq;
using NetGen.Generator.Diagnostics;

namespace NetGen.Generator.Validation
{
    /// <summary>Sigmoid and tanh saturate, so a deep stack of them loses its gradients (Glorot and Bengio 2010; Géron ch. 11).</summary>
    internal static class SaturationRules
    {
        /// <summary>From this many sigmoid/tanh hidden layers on, a stack counts as deep.</summary>
        public const int DeepStack = 5;

        /// <summary>
        /// NG0022, once per network: a deep sigmoid/tanh stack whose kernels are plain RandomNormal (any
        /// stddev: it ignores the layer's fan), or none of whose layers is batch-normalized. It points at
        /// the first such layer's activation, which in the compact form is the [Activation] argument.
        /// </summary>
        public static void NoDeepSaturatingStack(LayerFacts[] layers, DiagnosticBag diagnostics)
        {
            var saturating = layers.Where(layer => layer.IsHidden && layer.Activation is Act.Sigmoid or Act.Tanh).ToList();
            if (saturating.Count < DeepStack) return;
            var naive = saturating.FirstOrDefault(layer => layer.Kernel.Kind == Init.RandomNormal);
            if (naive is not null)
                diagnostics.Report(DiagnosticDescriptors.VanishingGradients, naive.ActivationLocation, saturating.Count, "with RandomNormal kernels");
            else if (saturating.All(layer => layer.Spec.BatchNorm is null))
                diagnostics.Report(DiagnosticDescriptors.VanishingGradients, saturating[0].ActivationLocation, saturating.Count, "without batch normalization");
        }
    }
}
