using System;

namespace NetGen
{
    /// <summary>
    /// The finiteness checks of <see cref="Generated.UpdateRecipe"/> in a fit: refuses an update from a non-finite
    /// loss or gradient, and undoes an update that makes a parameter non-finite, so the network always
    /// keeps its last finite parameters; both throw <see cref="NonFiniteLossException"/> naming the
    /// epoch, step and layer. Its copy of the parameters before the update is also what the health
    /// recorder compares the update against.
    /// </summary>
    /// <remarks>
    /// Non-trainable state (batch-norm moving statistics in <see cref="INetwork.State"/>) is not covered
    /// yet: it changes in the forward pass, before the update, so covering it means keeping a copy of it
    /// from the end of the last finite step here and putting it back wherever this class throws.
    /// </remarks>
    internal sealed class DivergenceGuard
    {
        private readonly INetwork _network;
        private readonly float[] _lastFinite;

        public DivergenceGuard(INetwork network)
        {
            _network = network;
            _lastFinite = new float[network.ParameterCount];
        }

        /// <summary>1-based epoch of the step being checked, for the messages.</summary>
        public int Epoch { get; set; }

        /// <summary>0-based global step being checked, for the messages.</summary>
        public long Step { get; set; }

        /// <summary>The parameters as they were before the last update (after a refused update: before the one before).</summary>
        public ReadOnlySpan<float> ParametersBeforeUpdate => _lastFinite;

        /// <summary>Throws unless the loss and every gradient are finite.</summary>
        public void CheckGradients(float loss, ReadOnlySpan<float> gradients)
        {
            int layer = FirstNonFiniteLayer(gradients);
            if (float.IsFinite(loss) && layer < 0) return;
            throw new NonFiniteLossException(
                $"Training diverged at epoch {Epoch}, step {Step}: the loss is {loss}" +
                (layer >= 0 ? $" and layer {layer} has non-finite gradients" : "") +
                ". The weights are those of the last finite step; lower the learning rate, clip gradients, or check the inputs.",
                Epoch, Step, layer, loss);
        }

        /// <summary>Keeps the parameters about to be updated, to undo the update if it turns out non-finite.</summary>
        public void Remember(ReadOnlySpan<float> parameters) => parameters.CopyTo(_lastFinite);

        /// <summary>Puts back the remembered parameters and throws when the update made any of them non-finite.</summary>
        public void CheckUpdate(Span<float> parameters, float loss)
        {
            int layer = FirstNonFiniteLayer(parameters);
            if (layer < 0) return;
            _lastFinite.CopyTo(parameters);
            throw new NonFiniteLossException(
                $"Training diverged at epoch {Epoch}, step {Step}: the update made layer {layer}'s parameters non-finite (loss {loss}). " +
                "The weights are those of the last finite step; lower the learning rate or clip gradients.",
                Epoch, Step, layer, loss);
        }

        /// <summary>Index of the first layer (input side first) holding a NaN or infinity in <paramref name="buffer"/>, or −1.</summary>
        private int FirstNonFiniteLayer(ReadOnlySpan<float> buffer)
        {
            if (VectorMath.AllFinite(buffer)) return -1;
            var layers = _network.Layers;
            for (int i = 0; i < layers.Count; i++)
                if (!VectorMath.AllFinite(buffer.Slice(layers[i].KernelOffset, layers[i].ParameterCount))) return i;
            return layers.Count - 1;
        }
    }
}
