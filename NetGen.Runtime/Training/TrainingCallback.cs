namespace NetGen
{
    /// <summary>
    /// Something that runs at fixed points of <see cref="Trainer.Fit"/> (Keras's <c>keras.callbacks.Callback</c>):
    /// override the hooks you need; the others do nothing. Pass instances in <see cref="FitOptions.Callbacks"/>.
    /// </summary>
    /// <remarks>
    /// Order of calls: <see cref="OnTrainBegin"/>; per epoch <see cref="OnEpochBegin"/>, then
    /// <see cref="OnTrainBatchEnd"/> after every optimizer step, then <see cref="OnEpochEnd"/> once the
    /// epoch's metrics are in <see cref="TrainingContext.History"/>; finally <see cref="OnTrainEnd"/> when
    /// training ends normally (not when it throws). Setting <see cref="TrainingContext.StopTraining"/> ends
    /// training as Keras's <c>model.stop_training = True</c> does: checked after every batch (the epoch is
    /// then finished with its evaluation and <see cref="OnEpochEnd"/>) and after every epoch. An instance
    /// keeps its state for one fit at a time and may appear only once in a fit.
    /// </remarks>
    public abstract class TrainingCallback
    {
        /// <summary>Called once before the first epoch (Keras's <c>on_train_begin</c>).</summary>
        /// <param name="context">The fit being run.</param>
        public virtual void OnTrainBegin(TrainingContext context) { }

        /// <summary>Called at the start of every epoch, before its batches (Keras's <c>on_epoch_begin</c>).</summary>
        /// <param name="context">The fit being run.</param>
        /// <param name="epoch">The 1-based epoch about to run (Keras counts from 0).</param>
        public virtual void OnEpochBegin(TrainingContext context, int epoch) { }

        /// <summary>
        /// Called after every training step, once the parameters are updated (Keras's <c>on_train_batch_end</c>).
        /// Runs on the hot path: keep it cheap and allocation-free.
        /// </summary>
        /// <param name="context">The fit being run.</param>
        /// <param name="batch">What the step measured.</param>
        public virtual void OnTrainBatchEnd(TrainingContext context, BatchMetrics batch) { }

        /// <summary>
        /// Called after every epoch with its metrics, already added to <see cref="TrainingContext.History"/>
        /// (Keras's <c>on_epoch_end</c>).
        /// </summary>
        /// <param name="context">The fit being run.</param>
        /// <param name="metrics">What the epoch measured.</param>
        public virtual void OnEpochEnd(TrainingContext context, EpochMetrics metrics) { }

        /// <summary>Called once when training ends without an exception (Keras's <c>on_train_end</c>).</summary>
        /// <param name="context">The fit being run; its history is complete.</param>
        public virtual void OnTrainEnd(TrainingContext context) { }

        /// <summary>Refuses invalid settings before the fit starts; built-in callbacks only.</summary>
        internal virtual void ValidateSettings() { }

        /// <summary>
        /// Starts a fit: resets per-fit state and refuses the fit when what the callback watches cannot be
        /// measured (a validation metric without validation data, accuracy for regression). Built-in callbacks only.
        /// </summary>
        internal virtual void Prepare(INetwork network, bool hasValidation) { }

        /// <summary>
        /// Adds what the callback measures to an epoch's metrics before they enter the history (the health
        /// recorder's statistics); built-in callbacks only, as Keras's callbacks add to <c>logs</c>.
        /// </summary>
        internal virtual EpochMetrics CompleteEpochMetrics(TrainingContext context, EpochMetrics metrics) => metrics;
    }
}
