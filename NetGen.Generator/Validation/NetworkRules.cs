using NetGen.Generator.Diagnostics;

namespace NetGen.Generator.Validation
{
    /// <summary>
    /// Runs the rules that look at the network as a whole once its layers are read. Errors among them
    /// stop generation like any other; warnings are advice and the network is still generated.
    /// </summary>
    internal static class NetworkRules
    {
        public static void Check(LayerFacts[] layers, Loss loss, DiagnosticBag diagnostics)
        {
            OutputRules.SoftmaxNeedsTwoUnits(layers, loss, diagnostics);
            SeluRules.LeCunNormalKernels(layers, diagnostics);
            SeluRules.NoBatchNorm(layers, diagnostics);
            SeluRules.AlphaDropoutOnly(layers, diagnostics);
            SaturationRules.NoDeepSaturatingStack(layers, diagnostics);
            ReluRules.HeKernels(layers, diagnostics);
        }
    }
}
