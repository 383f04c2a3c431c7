using System;

namespace NetGen
{
    /// <summary><see cref="FitOptions.EpochEnded"/> as a callback: the progress report of every epoch.</summary>
    internal sealed class EpochEndedCallback : TrainingCallback
    {
        private readonly Action<EpochMetrics> _report;

        public EpochEndedCallback(Action<EpochMetrics> report) => _report = report;

        public override void OnEpochEnd(TrainingContext context, EpochMetrics metrics) => _report(metrics);
    }
}
