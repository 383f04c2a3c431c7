using System;

namespace NetGen
{
    /// <summary>
    /// Training produced a loss, gradient or parameter that is NaN or infinite. The trainer throws it
    /// before the update that would have spoiled the weights, so the network keeps the parameters
    /// of the last finite step.
    /// </summary>
    public sealed class NonFiniteLossException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public NonFiniteLossException(string message, int epoch, long step, int layerIndex, float loss)
            : base(message)
        {
            Epoch = epoch;
            Step = step;
            LayerIndex = layerIndex;
            Loss = loss;
        }

        /// <summary>1-based epoch of the failing step.</summary>
        public int Epoch { get; }

        /// <summary>0-based global step (mini-batch) index since the start of the fit.</summary>
        public long Step { get; }

        /// <summary>The input-side-first layer whose gradients (or updated parameters) were the first non-finite, or −1 when only the loss was.</summary>
        public int LayerIndex { get; }

        /// <summary>The loss of the failing step.</summary>
        public float Loss { get; }
    }
}
