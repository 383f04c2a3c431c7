using NetGen.Generator.Parsing;

namespace NetGen.Generator.Validation
{
    /// <summary>Runs the rules that look at the network as a whole once its layers are read.</summary>
    internal static class NetworkRules
    {
        public static void Check(LayerFacts[] layers, Loss loss, AttributeRules rules)
        {
            OutputRules.SoftmaxNeedsTwoUnits(layers, loss, rules);
        }
    }
}
