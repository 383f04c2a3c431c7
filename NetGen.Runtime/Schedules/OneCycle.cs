using System;

namespace NetGen
{
    /// <summary>
    /// The 1cycle policy of Smith &amp; Topin (2017), matching PyTorch's <c>torch.optim.lr_scheduler.OneCycleLR</c>
    /// for the learning rate: it rises from max_lr / div_factor to max_lr over the first
    /// pct_start · total_steps steps, then falls to max_lr / (div_factor · final_div_factor) at step
    /// total_steps − 1. With <see cref="ThreePhase"/> it comes back down to the initial rate over a
    /// second, equal phase before the final fall (fast.ai's shape). Defaults are PyTorch's: pct_start 0.3,
    /// cosine annealing, div_factor 25, final_div_factor 1e4, two phases.
    /// </summary>
    /// <remarks>
    /// Momentum cycling (PyTorch's <c>cycle_momentum</c>, on by default there) is not implemented:
    /// <see cref="IOptimizer"/> exposes only a learning rate. Steps past the end keep the rate of step
    /// total_steps − 1, where PyTorch raises an error.
    /// </remarks>
    public sealed class OneCycle : LearningRateSchedule
    {
        private readonly Phase[] _phases;

        /// <summary>Creates the schedule.</summary>
        /// <param name="maxLearningRate">The peak rate.</param>
        /// <param name="totalSteps">The length of the cycle; for a whole run, epochs × batches per epoch.</param>
        /// <param name="pctStart">The fraction of the cycle spent rising, in (0, 1) (PyTorch default 0.3).</param>
        /// <param name="annealStrategy">Cosine (PyTorch default) or linear interpolation within a phase.</param>
        /// <param name="divFactor">The initial rate is max / divFactor (PyTorch default 25).</param>
        /// <param name="finalDivFactor">The final rate is initial / finalDivFactor (PyTorch default 1e4).</param>
        /// <param name="threePhase">Whether to add PyTorch's symmetric second phase (default false).</param>
        /// <param name="unit">What a step counts (PyTorch: optimizer steps).</param>
        /// <exception cref="ArgumentException">A phase would be empty: pct_start · total_steps must exceed 1, and leave room for the later phases.</exception>
        public OneCycle(
            double maxLearningRate, long totalSteps, double pctStart = 0.3, AnnealStrategy annealStrategy = AnnealStrategy.Cosine,
            double divFactor = 25, double finalDivFactor = 1e4, bool threePhase = false, ScheduleUnit unit = ScheduleUnit.Step)
            : base(unit)
        {
            MaxLearningRate = ScheduleArguments.Positive(maxLearningRate, nameof(maxLearningRate));
            TotalSteps = ScheduleArguments.Positive(totalSteps, nameof(totalSteps));
            if (!(pctStart > 0 && pctStart < 1)) throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, "pct_start must be in (0, 1).");
            PctStart = pctStart;
            if (annealStrategy != AnnealStrategy.Cosine && annealStrategy != AnnealStrategy.Linear)
                throw new ArgumentOutOfRangeException(nameof(annealStrategy), annealStrategy, "Not a defined anneal strategy.");
            AnnealStrategy = annealStrategy;
            DivFactor = ScheduleArguments.Positive(divFactor, nameof(divFactor));
            FinalDivFactor = ScheduleArguments.Positive(finalDivFactor, nameof(finalDivFactor));
            ThreePhase = threePhase;

            double initial = InitialLearningRate, final = FinalLearningRate;
            // Phase ends as PyTorch computes them, in floating point: pct·T − 1, then 2·pct·T − 2, then T − 1.
            _phases = threePhase
                ? new[]
                {
                    new Phase(pctStart * totalSteps - 1, initial, maxLearningRate),
                    new Phase(2 * pctStart * totalSteps - 2, maxLearningRate, initial),
                    new Phase(totalSteps - 1, initial, final),
                }
                : new[]
                {
                    new Phase(pctStart * totalSteps - 1, initial, maxLearningRate),
                    new Phase(totalSteps - 1, maxLearningRate, final),
                };
            double start = 0;
            foreach (var phase in _phases)
            {
                if (!(phase.End > start))
                    throw new ArgumentException($"With {totalSteps} total steps and pct_start {pctStart} a phase of the cycle would be empty; use more steps.", nameof(totalSteps));
                start = phase.End;
            }
        }

        /// <summary>The peak rate.</summary>
        public double MaxLearningRate { get; }

        /// <summary>The length of the cycle in steps.</summary>
        public long TotalSteps { get; }

        /// <summary>The fraction of the cycle spent rising.</summary>
        public double PctStart { get; }

        /// <summary>Cosine or linear interpolation.</summary>
        public AnnealStrategy AnnealStrategy { get; }

        /// <summary>max / initial.</summary>
        public double DivFactor { get; }

        /// <summary>initial / final.</summary>
        public double FinalDivFactor { get; }

        /// <summary>Whether the cycle has PyTorch's three phases.</summary>
        public bool ThreePhase { get; }

        /// <summary>The rate at step 0, max / <see cref="DivFactor"/>.</summary>
        public double InitialLearningRate => MaxLearningRate / DivFactor;

        /// <summary>The rate at the last step, initial / <see cref="FinalDivFactor"/>.</summary>
        public double FinalLearningRate => InitialLearningRate / FinalDivFactor;

        /// <inheritdoc />
        protected override double Compute(long step)
        {
            double t = Math.Min(step, TotalSteps - 1);
            double start = 0;
            for (int i = 0; i < _phases.Length; i++)
            {
                var phase = _phases[i];
                if (t <= phase.End || i == _phases.Length - 1)
                {
                    double fraction = (t - start) / (phase.End - start);
                    return AnnealStrategy == AnnealStrategy.Cosine
                        ? phase.To + (phase.From - phase.To) / 2.0 * (Math.Cos(Math.PI * fraction) + 1)
                        : (phase.To - phase.From) * fraction + phase.From;
                }
                start = phase.End;
            }
            throw new InvalidOperationException("Unreachable: the last phase always matches.");
        }

        private readonly struct Phase
        {
            public Phase(double end, double from, double to)
            {
                End = end;
                From = from;
                To = to;
            }

            public double End { get; }

            public double From { get; }

            public double To { get; }
        }
    }
}
