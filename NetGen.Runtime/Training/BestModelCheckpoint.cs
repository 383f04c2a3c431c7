using System;

namespace NetGen
{
    /// <summary>
    /// Calls <see cref="Save"/> after every epoch that improves the monitored metric, the hook for
    /// saving the best model (Keras's <c>ModelCheckpoint(save_best_only=True)</c>; what to write and
    /// where is up to the callback).
    /// </summary>
    public sealed class BestModelCheckpoint
    {
        /// <summary>Creates the hook.</summary>
        /// <param name="save">Receives the network (parameters as of the end of the epoch) and the epoch's metrics.</param>
        public BestModelCheckpoint(Action<INetwork, EpochMetrics> save) => Save = save ?? throw new ArgumentNullException(nameof(save));

        /// <summary>The callback run on every new best epoch.</summary>
        public Action<INetwork, EpochMetrics> Save { get; }

        /// <summary>The watched quantity (Keras default <c>"val_loss"</c>).</summary>
        public MonitoredMetric Monitor { get; set; } = MonitoredMetric.ValidationLoss;

        /// <summary>Smallest change that counts as an improvement (default 0).</summary>
        public double MinDelta { get; set; }
    }
}
