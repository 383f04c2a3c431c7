using System;

namespace NetGen
{
    /// <summary>
    /// What a <see cref="TrainingCallback"/> sees of the fit it runs in (Keras's <c>self.model</c> and
    /// <c>self.params</c>), and the flag that stops it.
    /// </summary>
    public sealed class TrainingContext
    {
        private readonly DivergenceGuard _guard;

        internal TrainingContext(INetwork network, IOptimizer optimizer, TrainingHistory history, int epochs, DivergenceGuard guard)
        {
            Network = network;
            Optimizer = optimizer;
            History = history;
            Epochs = epochs;
            _guard = guard;
        }

        /// <summary>The network being trained.</summary>
        public INetwork Network { get; }

        /// <summary>The optimizer stepping it; a callback may change its <see cref="IOptimizer.LearningRate"/>.</summary>
        public IOptimizer Optimizer { get; }

        /// <summary>The history so far: every completed epoch, and the warnings seen.</summary>
        public TrainingHistory History { get; }

        /// <summary>The number of epochs the fit was asked for.</summary>
        public int Epochs { get; }

        /// <summary>
        /// Set to true to end training (Keras's <c>model.stop_training = True</c>): the trainer checks it after
        /// every batch and after every epoch's callbacks.
        /// </summary>
        public bool StopTraining { get; set; }

        /// <summary>The parameters before the last update, for statistics of the update itself.</summary>
        internal ReadOnlySpan<float> ParametersBeforeUpdate => _guard.ParametersBeforeUpdate;
    }
}
