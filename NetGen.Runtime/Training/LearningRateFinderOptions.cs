using System;

namespace NetGen
{
    /// <summary>
    /// Settings of <see cref="LearningRateFinder.Find"/>. The defaults are Géron's (Hands-On ML, ch. 11):
    /// from 1e-6 up to 10 over 300 mini-batches of 32, with fastai's smoothing and stopping rule.
    /// </summary>
    public sealed class LearningRateFinderOptions
    {
        /// <summary>The rate of the first step (default 1e-6).</summary>
        public double StartRate { get; set; } = 1e-6;

        /// <summary>The rate of the last step, reached only if the loss has not blown up first (default 10).</summary>
        public double EndRate { get; set; } = 10;

        /// <summary>
        /// Mini-batch steps from <see cref="StartRate"/> to <see cref="EndRate"/> (default 300). Step i runs at
        /// StartRate · (EndRate / StartRate)^(i / (Steps − 1)): a geometric sequence, evenly spaced on a log axis.
        /// </summary>
        public int Steps { get; set; } = 300;

        /// <summary>Samples per step (default 32). Batches are drawn from a shuffled order, reshuffled at every pass over the data.</summary>
        public int BatchSize { get; set; } = 32;

        /// <summary>Seed of the shuffling, so a run is reproducible (default 0).</summary>
        public long Seed { get; set; }

        /// <summary>
        /// β of the exponential moving average the recorded loss is smoothed with, fastai's bias-corrected form:
        /// a ← β·a + (1 − β)·loss, recorded a / (1 − β^(i+1)). 0 records the raw mini-batch losses (Géron's
        /// plot). Default 0.9 (about the last 10 steps): fastai's 0.98 over its 100 steps spans ~50 steps, which here,
        /// where the rate grows ×1.055 per step, would shift the curve's minimum ~15× towards larger rates.
        /// </summary>
        public double Smoothing { get; set; } = 0.9;

        /// <summary>
        /// The run stops once the (smoothed) loss exceeds this multiple of the lowest loss so far, or is not
        /// finite (default 4, fastai's rule): past that point the curve says nothing more.
        /// </summary>
        public double DivergenceFactor { get; set; } = 4;

        /// <summary>
        /// The optimizer to step with, at the finder's rates (default: a new plain <see cref="Sgd"/>). A given
        /// optimizer keeps its state going through the run (as fastai's finder does with the learner's
        /// optimizer) and gets its state and learning rate back afterwards.
        /// </summary>
        public IOptimizer? Optimizer { get; set; }

        internal void Validate()
        {
            if (!(StartRate > 0 && double.IsFinite(StartRate)))
                throw new ArgumentOutOfRangeException(nameof(StartRate), StartRate, "The start rate must be a positive finite number.");
            if (!(EndRate > StartRate && double.IsFinite(EndRate)))
                throw new ArgumentOutOfRangeException(nameof(EndRate), EndRate, $"The end rate must be finite and larger than the start rate ({StartRate}).");
            if (Steps < 2) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "The finder needs at least 2 steps.");
            if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be at least 1.");
            if (!(Smoothing >= 0 && Smoothing < 1))
                throw new ArgumentOutOfRangeException(nameof(Smoothing), Smoothing, "The smoothing β must be in [0, 1).");
            if (!(DivergenceFactor > 1) || double.IsNaN(DivergenceFactor))
                throw new ArgumentOutOfRangeException(nameof(DivergenceFactor), DivergenceFactor, "The divergence factor must be larger than 1.");
        }
    }
}
