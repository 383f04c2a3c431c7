using System;
using System.Collections.Generic;

namespace NetGen
{
    /// <summary>
    /// The tensors a network saves, in file order: with input normalization first <c>normalization.mean</c>,
    /// <c>normalization.variance</c> [inputs] and <c>normalization.count</c> [1] (state); then per layer <c>layer{i}.kernel</c> [inputs, units],
    /// <c>.bias</c>, <c>.bn.gamma</c>, <c>.bn.beta</c> (parameters), <c>.bn.moving_mean</c>,
    /// <c>.bn.moving_variance</c> (state). Together they cover both buffers exactly once.
    /// </summary>
    internal static class CheckpointLayout
    {
        public const string OptimizerPrefix = "optimizer.";

        /// <summary>The input normalization's tensors: <c>normalization.mean</c>, <c>.variance</c> [inputs] and <c>.count</c> [1].</summary>
        public const string NormalizationPrefix = "normalization.";

        public static List<CheckpointSlot> For(INetwork network)
        {
            var slots = new List<CheckpointSlot>();
            if (network.Normalization is { } normalization)
            {
                // Input normalization opens the state buffer; networks without it keep the layout they always had.
                slots.Add(Vector(NormalizationPrefix + "mean", normalization.Features, true, NormalizationView.MeanOffset));
                slots.Add(Vector(NormalizationPrefix + "variance", normalization.Features, true, normalization.VarianceOffset));
                slots.Add(Vector(NormalizationPrefix + "count", 1, true, normalization.CountOffset));
            }
            foreach (var layer in network.Layers)
            {
                string prefix = "layer" + layer.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                slots.Add(new CheckpointSlot(prefix + ".kernel", new long[] { layer.Inputs, layer.Units }, false, layer.KernelOffset, (int)LayerLayout.KernelLength(layer.Inputs, layer.Units)));
                if (layer.HasBias) slots.Add(Vector(prefix + ".bias", layer.Units, false, layer.BiasOffset));
                if (layer.BatchNorm is not { } batchNorm) continue;
                if (batchNorm.HasGamma) slots.Add(Vector(prefix + ".bn.gamma", layer.Units, false, batchNorm.GammaOffset));
                if (batchNorm.HasBeta) slots.Add(Vector(prefix + ".bn.beta", layer.Units, false, batchNorm.BetaOffset));
                slots.Add(Vector(prefix + ".bn.moving_mean", layer.Units, true, batchNorm.MeanOffset));
                slots.Add(Vector(prefix + ".bn.moving_variance", layer.Units, true, batchNorm.VarianceOffset));
            }
            CheckCoverage(slots, false, network.Parameters.Length, "parameter");
            CheckCoverage(slots, true, network.State.Length, "state");
            return slots;
        }

        private static CheckpointSlot Vector(string name, int units, bool inState, int offset) => new CheckpointSlot(name, new long[] { units }, inState, offset, units);

        /// <summary>A network whose layer descriptions leave part of a buffer unsaved (or overlap) cannot be checkpointed faithfully.</summary>
        private static void CheckCoverage(List<CheckpointSlot> slots, bool inState, int length, string buffer)
        {
            var covered = new bool[length];
            foreach (var slot in slots)
            {
                if (slot.InState != inState) continue;
                for (int i = slot.Offset; i < slot.Offset + slot.Count; i++)
                {
                    if ((uint)i >= (uint)length || covered[i])
                        throw new ArgumentException($"The network's layer descriptions do not tile its {buffer} buffer ({slot.Name} at {slot.Offset}, length {slot.Count}).", "network");
                    covered[i] = true;
                }
            }
            if (Array.IndexOf(covered, false) is int gap and >= 0)
                throw new ArgumentException($"The network's layer descriptions leave element {gap} of its {buffer} buffer unsaved.", "network");
        }
    }
}
