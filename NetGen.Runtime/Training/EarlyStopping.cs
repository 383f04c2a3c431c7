using System;

namespace NetGen
{
    /// <summary>
    /// Stops training when a monitored metric has stopped improving (Keras's <c>EarlyStopping</c>,
    /// same defaults: monitor validation loss, min delta 0, patience 0, no weight restoring). Set it as
    /// <see cref="FitOptions.EarlyStopping"/> or add it to <see cref="FitOptions.Callbacks"/>.
    /// </summary>
    /// <remarks>
    /// Counting follows Keras: every epoch without an improvement of more than
    /// <see cref="MinDelta"/> adds one to the wait, and training stops after the epoch where the wait
    /// reaches <see cref="Patience"/> (never after the first epoch). With
    /// <see cref="RestoreBestWeights"/>, the parameters and the batch-norm moving statistics
    /// (<see cref="INetwork.State"/>) of the best epoch are copied back when training ends, whether it
    /// stopped early or ran all its epochs, as Keras's <c>get_weights()</c> holds both; re-evaluating
    /// the validation data then gives exactly <see cref="BestValue"/>. Nothing is restored when no epoch of
    /// this fit improved (every monitored value NaN or infinite). One instance may serve several fits one
    /// after the other: each fit starts afresh (Keras's <c>on_train_begin</c>), so
    /// <see cref="StoppedEpoch"/>, <see cref="BestEpoch"/> and <see cref="BestValue"/> describe the last fit.
    /// </remarks>
    public sealed class EarlyStopping : TrainingCallback
    {
        private MetricTracker? _tracker;
        private float[]? _bestWeights;
        private float[]? _bestState;
        private int _wait;

        /// <summary>The watched quantity (Keras default <c>"val_loss"</c>).</summary>
        public MonitoredMetric Monitor { get; set; } = MonitoredMetric.ValidationLoss;

        /// <summary>Smallest change that counts as an improvement (Keras default 0).</summary>
        public double MinDelta { get; set; }

        /// <summary>Epochs without improvement before stopping (Keras default 0).</summary>
        public int Patience { get; set; }

        /// <summary>Whether to put back the parameters and batch-norm statistics of the best epoch at the end (Keras default false).</summary>
        public bool RestoreBestWeights { get; set; }

        /// <summary>Epoch at which the last fit stopped early (1-based), or 0 when it ran every epoch.</summary>
        public int StoppedEpoch { get; internal set; }

        /// <summary>Epoch (1-based) of the last fit with the best monitored value, or 0 when none improved (yet).</summary>
        public int BestEpoch { get; internal set; }

        /// <summary>The best monitored value of the last fit; 0 while <see cref="BestEpoch"/> is 0.</summary>
        public double BestValue { get; internal set; }

        /// <summary>Starts a fit afresh: no wait, no best, no stop (Keras's <c>on_train_begin</c>).</summary>
        /// <param name="context">The fit being run.</param>
        public override void OnTrainBegin(TrainingContext context)
        {
            _wait = 0;
            StoppedEpoch = 0;
            BestEpoch = 0;
            BestValue = 0;
            _bestWeights = RestoreBestWeights ? new float[context.Network.ParameterCount] : null;
            _bestState = RestoreBestWeights ? new float[context.Network.State.Length] : null;
        }

        /// <summary>Keras's step: the wait grows every epoch and resets on an improvement; stops once it reaches the patience.</summary>
        /// <param name="context">The fit being run.</param>
        /// <param name="metrics">What the epoch measured.</param>
        public override void OnEpochEnd(TrainingContext context, EpochMetrics metrics)
        {
            var tracker = _tracker ??= new MetricTracker(Monitor, MinDelta);
            _wait++;
            if (tracker.Update(metrics))
            {
                BestEpoch = tracker.BestEpoch;
                BestValue = tracker.Best;
                if (_bestWeights is not null) context.Network.Parameters.CopyTo(_bestWeights);
                if (_bestState is not null) context.Network.State.CopyTo(_bestState);
                _wait = 0;
                return;
            }
            if (_wait < Patience || metrics.Epoch == 1) return;
            StoppedEpoch = metrics.Epoch;
            context.StopTraining = true;
        }

        /// <summary>
        /// Puts back the best epoch's parameters and moving statistics when <see cref="RestoreBestWeights"/>
        /// is on and an epoch of this fit improved.
        /// </summary>
        /// <param name="context">The fit being run.</param>
        public override void OnTrainEnd(TrainingContext context)
        {
            if (BestEpoch == 0) return;
            if (_bestWeights is not null) _bestWeights.CopyTo(context.Network.Parameters);
            if (_bestState is not null) _bestState.CopyTo(context.Network.State);
        }

        internal override void ValidateSettings() => Validate();

        internal override void Prepare(INetwork network, bool hasValidation)
        {
            _tracker = new MetricTracker(Monitor, MinDelta);
            _tracker.CheckAvailable(hasValidation, network.Loss, nameof(FitOptions.EarlyStopping));
        }

        internal void Validate()
        {
            if (Patience < 0) throw new ArgumentOutOfRangeException(nameof(Patience), Patience, "Patience must be ≥ 0.");
            if (!(MinDelta >= 0) || double.IsInfinity(MinDelta)) throw new ArgumentOutOfRangeException(nameof(MinDelta), MinDelta, "The minimum delta must be a finite number ≥ 0.");
        }
    }
}
