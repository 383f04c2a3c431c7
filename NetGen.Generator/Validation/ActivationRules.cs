using NetGen.Generator.Diagnostics;
using NetGen.Generator.Models;

namespace NetGen.Generator.Validation
{
    /// <summary>Which activation each layer gets, and where softmax may stand.</summary>
    internal static class ActivationRules
    {
        /// <summary>The hidden activation; softmax is NG0005, reported once for a network-wide [Activation] however many layers inherit it.</summary>
        public static Act Hidden(LayerDraft draft, Act? networkActivation, LocationInfo? networkActivationLocation, int index, DiagnosticBag diagnostics, ref bool networkSoftmaxReported)
        {
            var act = draft.Activation ?? networkActivation ?? Act.Linear;
            if (act != Act.Softmax) return act;
            if (draft.Activation is not null)
                diagnostics.Report(DiagnosticDescriptors.SoftmaxNotOnOutput, draft.ActivationLocation, $"layer {index}");
            else if (!networkSoftmaxReported)
            {
                diagnostics.Report(DiagnosticDescriptors.SoftmaxNotOnOutput, networkActivationLocation, $"layer {index}");
                networkSoftmaxReported = true;
            }
            return act;
        }

        /// <summary>The output activation follows the loss; an explicit one must agree with it (NG0006).</summary>
        public static Act Output(LayerDraft draft, Loss loss, DiagnosticBag diagnostics)
        {
            var expected = loss switch
            {
                Loss.SoftmaxCrossEntropy or Loss.CategoricalCrossEntropy => Act.Softmax,
                Loss.BinaryCrossEntropy => Act.Sigmoid,
                _ => Act.Linear,
            };
            if (!draft.ActivationIsExplicit || draft.Activation is not { } requested) return expected;
            if (loss == Loss.MeanSquaredError)
            {
                if (requested == Act.Softmax)
                    diagnostics.Report(DiagnosticDescriptors.OutputActivationMismatch, draft.ActivationLocation, requested, loss,
                        "use SoftmaxCrossEntropy or CategoricalCrossEntropy for class probabilities");
                return requested;
            }
            if (requested != expected)
                diagnostics.Report(DiagnosticDescriptors.OutputActivationMismatch, draft.ActivationLocation, requested, loss,
                    $"this loss applies {expected} itself: remove the activation or write {expected}");
            return expected;
        }

        public static bool UsesAlpha(Act act) => act is Act.LeakyRelu or Act.Elu;

        /// <summary>Leaky ReLU's 0.01 follows the chapter and PyTorch (Keras's layer uses 0.3); ELU's 1.0 follows both frameworks.</summary>
        public static double DefaultAlpha(Act act) => act switch
        {
            Act.LeakyRelu => 0.01,
            Act.Elu => 1.0,
            _ => 0.0,
        };
    }
}
