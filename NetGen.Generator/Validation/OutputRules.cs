using NetGen.Generator.Diagnostics;

namespace NetGen.Generator.Validation
{
    /// <summary>Rules about the output layer.</summary>
    internal static class OutputRules
    {
        /// <summary>NG0017: a softmax over one unit is always 1, so the softmax losses need two outputs or more.</summary>
        public static void SoftmaxNeedsTwoUnits(LayerFacts[] layers, Loss loss, DiagnosticBag diagnostics)
        {
            if (loss is not (Loss.SoftmaxCrossEntropy or Loss.CategoricalCrossEntropy)) return;
            var output = layers[layers.Length - 1];
            if (output.Spec.Units == 1) diagnostics.Report(DiagnosticDescriptors.OneUnitSoftmax, output.UnitsLocation, "Loss." + loss);
        }
    }
}
