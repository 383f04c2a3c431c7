using System;

namespace NetGen
{
    /// <summary>
    /// Calls <see cref="Save"/> after every epoch that improves the monitored metric, the hook for
    /// saving the best model (Keras's <c>ModelCheckpoint(save_best_only=True)</c>; what to write and
    /// where is up to the callback). Set it as <see cref="FitOptions.BestModelCheckpoint"/> or add it to
    /// <see cref="FitOptions.Callbacks"/>.
    /// </summary>
    public sealed class BestModelCheckpoint : TrainingCallback
    {
        private MetricTracker? _tracker;

        /// <summary>Creates the hook.</summary>
        /// <param name="save">Receives the network (parameters as of the end of the epoch) and the epoch's metrics.</param>
        public BestModelCheckpoint(Action<INetwork, EpochMetrics> save) => Save = save ?? throw new ArgumentNullException(nameof(save));

        /// <summary>The callback run on every new best epoch.</summary>
        public Action<INetwork, EpochMetrics> Save { get; }

        /// <summary>The watched quantity (Keras default <c>"val_loss"</c>).</summary>
        public MonitoredMetric Monitor { get; set; } = MonitoredMetric.ValidationLoss;

        /// <summary>Smallest change that counts as an improvement (default 0).</summary>
        public double MinDelta { get; set; }

        /// <summary>Runs <see cref="Save"/> when the epoch is a new best.</summary>
        /// <param name="context">The fit being run.</param>
        /// <param name="metrics">What the epoch measured.</param>
        public override void OnEpochEnd(TrainingContext context, EpochMetrics metrics)
        {
            if ((_tracker ??= new MetricTracker(Monitor, MinDelta)).Update(metrics)) Save(context.Network, metrics);
        }

        internal override void ValidateSettings() => MetricTracker.CheckMinDelta(MinDelta);

        internal override void Prepare(INetwork network, bool hasValidation)
        {
            _tracker = new MetricTracker(Monitor, MinDelta);
            _tracker.CheckAvailable(hasValidation, network.Loss, nameof(FitOptions.BestModelCheckpoint));
        }
    }
}
