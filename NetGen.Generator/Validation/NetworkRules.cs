using NetGen.Generator.Parsing;

namespace NetGen.Generator.Validation
{
    /// <summary>
    /// Runs the rules that look at the network as a whole once its layers are read. Errors among them
    /// stop generation like any other; warnings are advice and the network is still generated.
    /// </summary>
    internal static class NetworkRules
    {
        public static void Check(LayerFacts[] layers, Loss loss, AttributeRules rules)
        {
            OutputRules.SoftmaxNeedsTwoUnits(layers, loss, rules);
            SeluRules.LeCunNormalKernels(layers, rules);
            SeluRules.NoBatchNorm(layers, rules);
            SeluRules.AlphaDropoutOnly(layers, rules);
            SaturationRules.NoDeepSaturatingStack(layers, rules);
            ReluRules.HeKernels(layers, rules);
        }
    }
}
