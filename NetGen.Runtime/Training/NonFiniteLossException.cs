using System;

namespace NetGen
{
    /// <summary>
    /// Training produced a loss, gradient, parameter or batch-norm moving statistic that is NaN or
    /// infinite. The trainer throws it after putting back the parameters and the moving statistics
    /// (<see cref="INetwork.State"/>) of the last finite step, so the network predicts exactly as it did
    /// before the failing step.
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

        /// <summary>The input-side-first layer whose gradients (or updated parameters, or moving statistics) were the first non-finite, or −1 when only the loss was.</summary>
        public int LayerIndex { get; }

        /// <summary>The loss of the failing step.</summary>
        public float Loss { get; }
    }
}
