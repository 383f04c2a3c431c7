using System;

namespace NetGen
{
    /// <summary>
    /// The finiteness checks of <see cref="Generated.UpdateRecipe"/> in a fit: refuses an update from a non-finite
    /// loss or gradient, and undoes a step that makes a parameter or a batch-norm moving statistic
    /// (<see cref="INetwork.State"/>) non-finite, so the network always keeps the parameters and state of
    /// its last finite step; both throw <see cref="NonFiniteLossException"/> naming the epoch, step and
    /// layer. Its copy of the parameters before the update is also what the health recorder compares the
    /// update against.
    /// </summary>
    /// <remarks>
    /// The moving statistics change in the forward pass of <c>ComputeGradients</c>, before the update, so
    /// the trainer calls <see cref="BeginStep"/> before that pass and <see cref="Undo"/> when anything in the
    /// step throws. The state is small (two values per batch-normalized unit), so its copy and scan cost
    /// little beside the parameter scan; both buffers are allocated once, so a step allocates nothing.
    /// </remarks>
    internal sealed class DivergenceGuard
    {
        private readonly INetwork _network;
        private readonly float[] _lastFinite;
        private readonly float[] _stateBeforeStep;
        private bool _parametersRemembered;

        public DivergenceGuard(INetwork network)
        {
            _network = network;
            _lastFinite = new float[network.ParameterCount];
            _stateBeforeStep = new float[network.State.Length];
        }

        /// <summary>1-based epoch of the step being checked, for the messages.</summary>
        public int Epoch { get; set; }

        /// <summary>0-based global step being checked, for the messages.</summary>
        public long Step { get; set; }

        /// <summary>The parameters as they were before the last update (after a refused update: before the one before).</summary>
        public ReadOnlySpan<float> ParametersBeforeUpdate => _lastFinite;

        /// <summary>Keeps the moving statistics as they are before the step's forward pass changes them.</summary>
        public void BeginStep(int epoch, long step)
        {
            Epoch = epoch;
            Step = step;
            _parametersRemembered = false;
            _network.State.CopyTo(_stateBeforeStep);
        }

        /// <summary>
        /// Puts back the state kept by <see cref="BeginStep"/> and, once this step's update has started, the
        /// parameters from before it. Safe to call more than once. Reads the spans afresh, so the network
        /// knows to refresh what inference derives from them.
        /// </summary>
        public void Undo()
        {
            _stateBeforeStep.CopyTo(_network.State);
            if (_parametersRemembered) _lastFinite.CopyTo(_network.Parameters);
        }

        /// <summary>Throws (after <see cref="Undo"/>) unless the loss and every gradient are finite.</summary>
        public void CheckGradients(float loss, ReadOnlySpan<float> gradients)
        {
            int layer = FirstNonFiniteLayer(gradients);
            if (float.IsFinite(loss) && layer < 0) return;
            Undo();
            throw new NonFiniteLossException(
                $"Training diverged at epoch {Epoch}, step {Step}: the loss is {loss}" +
                (layer >= 0 ? $" and layer {layer} has non-finite gradients" : "") +
                ". The weights and batch-norm statistics are those of the last finite step; lower the learning rate, clip gradients, or scale the inputs.",
                Epoch, Step, layer, loss);
        }

        /// <summary>Keeps the parameters about to be updated, to undo the update if it turns out non-finite.</summary>
        public void Remember(ReadOnlySpan<float> parameters)
        {
            parameters.CopyTo(_lastFinite);
            _parametersRemembered = true;
        }

        /// <summary>Undoes the step and throws when it made any parameter or moving statistic non-finite.</summary>
        public void CheckUpdate(Span<float> parameters, float loss)
        {
            int layer = FirstNonFiniteLayer(parameters);
            if (layer >= 0)
            {
                Undo();
                throw new NonFiniteLossException(
                    $"Training diverged at epoch {Epoch}, step {Step}: the update made layer {layer}'s parameters non-finite (loss {loss}). " +
                    "The weights and batch-norm statistics are those of the last finite step; lower the learning rate or clip gradients.",
                    Epoch, Step, layer, loss);
            }
            layer = FirstNonFiniteStateLayer();
            if (layer < 0) return;
            Undo();
            throw new NonFiniteLossException(
                $"Training diverged at epoch {Epoch}, step {Step}: layer {layer}'s batch-norm moving statistics became non-finite (loss {loss}). " +
                "The weights and batch-norm statistics are those of the last finite step; lower the learning rate, clip gradients, or scale the inputs.",
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

        /// <summary>Index of the first batch-normalized layer whose moving mean or variance holds a NaN or infinity, or −1.</summary>
        private int FirstNonFiniteStateLayer()
        {
            var state = _network.State;
            if (VectorMath.AllFinite(state)) return -1;
            var layers = _network.Layers;
            for (int i = 0; i < layers.Count; i++)
            {
                if (layers[i].BatchNorm is not { } norm) continue;
                int units = layers[i].Units;
                if (!VectorMath.AllFinite(state.Slice(norm.MeanOffset, units)) || !VectorMath.AllFinite(state.Slice(norm.VarianceOffset, units))) return i;
            }
            return layers.Count - 1;
        }
    }
}
