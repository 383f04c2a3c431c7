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
    /// <see cref="RestoreBestWeights"/>, the parameters of the best epoch are copied back when
    /// training ends, whether it stopped early or ran all its epochs.
    /// </remarks>
    public sealed class EarlyStopping : TrainingCallback
    {
        private MetricTracker? _tracker;
        private float[]? _bestWeights;
        private int _wait;

        /// <summary>The watched quantity (Keras default <c>"val_loss"</c>).</summary>
        public MonitoredMetric Monitor { get; set; } = MonitoredMetric.ValidationLoss;

        /// <summary>Smallest change that counts as an improvement (Keras default 0).</summary>
        public double MinDelta { get; set; }

        /// <summary>Epochs without improvement before stopping (Keras default 0).</summary>
        public int Patience { get; set; }

        /// <summary>Whether to put back the parameters of the best epoch at the end (Keras default false).</summary>
        public bool RestoreBestWeights { get; set; }

        /// <summary>Epoch at which training stopped early (1-based), or 0 when it ran every epoch.</summary>
        public int StoppedEpoch { get; internal set; }

        /// <summary>Epoch (1-based) with the best monitored value, or 0 before any.</summary>
        public int BestEpoch { get; internal set; }

        /// <summary>The best monitored value seen.</summary>
        public double BestValue { get; internal set; }

        /// <inheritdoc />
        public override void OnTrainBegin(TrainingContext context)
        {
            _wait = 0;
            _bestWeights = RestoreBestWeights ? new float[context.Network.ParameterCount] : null;
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
                _wait = 0;
                return;
            }
            if (_wait < Patience || metrics.Epoch == 1) return;
            StoppedEpoch = metrics.Epoch;
            context.StopTraining = true;
        }

        /// <summary>Puts back the best epoch's parameters when <see cref="RestoreBestWeights"/> is on.</summary>
        /// <param name="context">The fit being run.</param>
        public override void OnTrainEnd(TrainingContext context)
        {
            if (_bestWeights is not null && BestEpoch > 0) _bestWeights.CopyTo(context.Network.Parameters);
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
