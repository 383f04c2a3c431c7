using NetGen.Generator.Models;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// Freezing layers for transfer learning (Keras's <c>layer.trainable = False</c>): frozen layers get
    /// no gradient work, no updates (their values are put back after each optimizer step, so momentum
    /// or weight decay cannot move them), and a frozen batch norm runs in inference mode.
    /// </summary>
    internal static partial class NetworkEmitter
    {
        private static void WriteFreezingState(SourceWriter writer, NetworkSpec spec)
        {
            writer.Line("// Transfer learning: which layers train, the lowest that does, and the frozen values put back after each update.");
            writer.Line($"private readonly bool[] _trainable = {{ {string.Join(", ", System.Linq.Enumerable.Repeat("true", spec.Layers.Count))} }};");
            writer.Line("private int _lowestTrainable;");
            writer.Line("private int _frozenCount;");
            writer.Line($"private float[] _frozenValues = {RuntimeNames.Array}.Empty<float>();");
        }

        private static void WriteFreezingMethods(SourceWriter writer, NetworkSpec spec)
        {
            writer.Line("/// <inheritdoc />");
            writer.Line($"public bool IsTrainable(int layer) => _trainable[{RuntimeNames.NetworkGuards}.CheckLayer(layer, LayerCount)];");
            writer.Line();
            writer.Line("/// <inheritdoc />");
            using (writer.Block("public void SetTrainable(int layer, bool trainable)"))
            {
                writer.Line($"_trainable[{RuntimeNames.NetworkGuards}.CheckLayer(layer, LayerCount)] = trainable;");
                writer.Line("_frozenCount = 0;");
                writer.Line("_lowestTrainable = LayerCount;");
                using (writer.Block("for (int i = LayerCount - 1; i >= 0; i--)"))
                {
                    writer.Line("if (_trainable[i]) _lowestTrainable = i;");
                    writer.Line("else _frozenCount++;");
                }
                writer.Line("if (_frozenCount > 0 && _frozenValues.Length == 0) _frozenValues = new float[ParameterCount];");
                if (spec.HasBatchNorm) writer.Line(MarkStale);
            }
            writer.Line();
            writer.Line("/// <summary>Remembers the frozen layers' parameters before a training step, so the update can be undone for them.</summary>");
            using (writer.Block("private void SnapshotFrozen()"))
            {
                foreach (var layer in spec.Layers)
                    writer.Line($"if (!_trainable[{layer.Index}]) Slice(_parameters, {layer.KernelOffset}, {layer.ParameterCount}).CopyTo(Slice(_frozenValues, {layer.KernelOffset}, {layer.ParameterCount}));");
            }
            writer.Line();
            writer.Line("/// <summary>Puts the frozen layers' parameters back after an optimizer step.</summary>");
            using (writer.Block("private void RestoreFrozen()"))
            {
                foreach (var layer in spec.Layers)
                    writer.Line($"if (!_trainable[{layer.Index}]) Slice(_frozenValues, {layer.KernelOffset}, {layer.ParameterCount}).CopyTo(Slice(_parameters, {layer.KernelOffset}, {layer.ParameterCount}));");
            }
            writer.Line();
        }
    }
}
