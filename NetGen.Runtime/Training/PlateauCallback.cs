namespace NetGen
{
    /// <summary>
    /// Runs a <see cref="ReduceLearningRateOnPlateau"/> at every epoch end on the metric
    /// <see cref="FitOptions.PlateauMonitor"/> names (Keras's <c>ReduceLROnPlateau</c> callback). The
    /// scheduling state stays in the <see cref="ReduceLearningRateOnPlateau"/>, so it can be saved and restored.
    /// </summary>
    internal sealed class PlateauCallback : TrainingCallback
    {
        private readonly ReduceLearningRateOnPlateau _plateau;
        private readonly MetricTracker _metric;

        public PlateauCallback(ReduceLearningRateOnPlateau plateau, MonitoredMetric monitor)
        {
            _plateau = plateau;
            // Only reads the metric and checks it exists; the plateau keeps its own best.
            _metric = new MetricTracker(monitor, 0);
        }

        public override void OnEpochEnd(TrainingContext context, EpochMetrics metrics)
        {
            if (_metric.Read(metrics) is { } monitored)
                context.Optimizer.LearningRate = _plateau.Update(monitored, context.Optimizer.LearningRate);
        }

        internal override void Prepare(INetwork network, bool hasValidation)
            => _metric.CheckAvailable(hasValidation, network.Loss, nameof(FitOptions.ReduceLearningRateOnPlateau));
    }
}
