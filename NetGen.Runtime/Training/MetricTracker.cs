using System;

namespace NetGen
{
    /// <summary>
    /// Remembers the best value of a <see cref="MonitoredMetric"/> and decides whether a new value
    /// improves on it by more than a minimum delta (Keras: <c>current − min_delta &gt; best</c> for
    /// accuracies, <c>current + min_delta &lt; best</c> for losses).
    /// </summary>
    internal sealed class MetricTracker
    {
        private readonly double _minDelta;

        public MetricTracker(MonitoredMetric metric, double minDelta)
        {
            CheckMinDelta(minDelta);
            Metric = metric;
            _minDelta = minDelta;
            Best = HigherIsBetter ? double.NegativeInfinity : double.PositiveInfinity;
        }

        public MonitoredMetric Metric { get; }

        /// <summary>Refuses a negative, NaN or infinite minimum delta.</summary>
        public static void CheckMinDelta(double minDelta)
        {
            if (!(minDelta >= 0) || double.IsInfinity(minDelta))
                throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "The minimum delta must be a finite number ≥ 0.");
        }

        public bool HigherIsBetter => ImprovesUpwards(Metric);

        /// <summary>Accuracies improve upwards, losses downwards (Keras's <c>mode="auto"</c>).</summary>
        public static bool ImprovesUpwards(MonitoredMetric metric) => metric is MonitoredMetric.Accuracy or MonitoredMetric.ValidationAccuracy;

        public bool NeedsValidation => Metric is MonitoredMetric.ValidationLoss or MonitoredMetric.ValidationAccuracy;

        public double Best { get; private set; }

        public int BestEpoch { get; private set; }

        /// <summary>The monitored value in <paramref name="metrics"/>, or null when the epoch did not measure it.</summary>
        public double? Read(EpochMetrics metrics) => Metric switch
        {
            MonitoredMetric.ValidationLoss => metrics.ValidationLoss,
            MonitoredMetric.ValidationAccuracy => metrics.ValidationAccuracy,
            MonitoredMetric.Loss => metrics.Loss,
            _ => metrics.Accuracy,
        };

        public bool Improves(double value, double reference)
            => HigherIsBetter ? value - _minDelta > reference : value + _minDelta < reference;

        /// <summary>Records the epoch's value; true when it is a new best.</summary>
        public bool Update(EpochMetrics metrics)
        {
            if (Read(metrics) is not { } value || double.IsNaN(value) || !Improves(value, Best)) return false;
            Best = value;
            BestEpoch = metrics.Epoch;
            return true;
        }

        /// <summary>Throws when the metric cannot be measured with the given data (validation metric without validation data, accuracy for regression).</summary>
        public void CheckAvailable(bool hasValidation, Loss loss, string owner)
        {
            if (NeedsValidation && !hasValidation)
                throw new ArgumentException($"{owner} monitors {Metric}, but the fit has no validation data: set ValidationSplit or ValidationInputs.");
            if (HigherIsBetter && !NetGen.Accuracy.AppliesTo(loss))
                throw new ArgumentException($"{owner} monitors {Metric}, but {loss} has no accuracy.");
        }
    }
}
