using System;
using System.Collections.Generic;

namespace NetGen
{
    /// <summary>The per-epoch record of a <see cref="Trainer.Fit"/> run (Keras's <c>History</c>).</summary>
    public sealed class TrainingHistory
    {
        private readonly List<EpochMetrics> _epochs = new();

        /// <summary>One entry per completed epoch, in order.</summary>
        public IReadOnlyList<EpochMetrics> Epochs => _epochs;

        /// <summary>Training samples processed (all epochs).</summary>
        public long SamplesSeen { get; internal set; }

        /// <summary>Wall time spent in training steps (batch gathering included), without the per-epoch evaluation.</summary>
        public TimeSpan TrainingTime { get; internal set; }

        /// <summary>Training samples per second of <see cref="TrainingTime"/>.</summary>
        public double SamplesPerSecond => TrainingTime > TimeSpan.Zero ? SamplesSeen / TrainingTime.TotalSeconds : 0;

        /// <summary>Total wall time of the run, evaluation included.</summary>
        public TimeSpan Elapsed { get; internal set; }

        /// <summary>Problems detected from the training-health statistics (with <see cref="FitOptions.RecordHealth"/>), in the order seen.</summary>
        public IReadOnlyList<TrainingWarning> Warnings => WarningList;

        internal List<TrainingWarning> WarningList { get; } = new();

        internal void Add(EpochMetrics metrics) => _epochs.Add(metrics);
    }
}
