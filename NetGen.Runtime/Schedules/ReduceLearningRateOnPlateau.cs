using System;

namespace NetGen
{
    /// <summary>
    /// Multiplies the learning rate by <see cref="Factor"/> when a monitored metric has not improved for
    /// more than <see cref="Patience"/> epochs, matching PyTorch's <c>torch.optim.lr_scheduler.ReduceLROnPlateau</c>
    /// with its defaults: mode min, factor 0.1, patience 10, threshold 1e-4 relative, cooldown 0, min_lr 0, eps 1e-8.
    /// Unlike a <see cref="LearningRateSchedule"/> it is stateful: call <see cref="Update(double, float)"/>
    /// once per epoch, in order.
    /// </summary>
    /// <remarks>
    /// Per update, as in PyTorch: an improvement (beyond the threshold) records the new best and clears the
    /// bad-epoch count, anything else adds a bad epoch; during cooldown the counter ticks down and bad epochs
    /// are ignored; when the bad epochs exceed the patience the rate becomes max(rate · factor, min_lr),
    /// unless that changes it by eps or less, and the cooldown starts.
    /// </remarks>
    public sealed class ReduceLearningRateOnPlateau
    {
        /// <summary>Creates the scheduler with PyTorch's defaults.</summary>
        /// <param name="mode">Whether lower (default) or higher metrics are better.</param>
        /// <param name="factor">The multiplier applied on a plateau, in (0, 1) (default 0.1).</param>
        /// <param name="patience">Epochs without improvement that are tolerated (default 10); the rate drops on the next one.</param>
        /// <param name="threshold">The least change that counts as improvement (default 1e-4).</param>
        /// <param name="thresholdMode">Whether <paramref name="threshold"/> is relative (default) or absolute.</param>
        /// <param name="cooldown">Epochs after a reduction during which bad epochs are not counted (default 0).</param>
        /// <param name="minLearningRate">The floor of the rate (default 0).</param>
        /// <param name="epsilon">Reductions of eps or less are skipped (default 1e-8).</param>
        public ReduceLearningRateOnPlateau(
            PlateauMode mode = PlateauMode.Min, double factor = 0.1, int patience = 10, double threshold = 1e-4,
            PlateauThresholdMode thresholdMode = PlateauThresholdMode.Relative, int cooldown = 0, double minLearningRate = 0, double epsilon = 1e-8)
        {
            if (mode != PlateauMode.Min && mode != PlateauMode.Max) throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a defined mode.");
            if (thresholdMode != PlateauThresholdMode.Relative && thresholdMode != PlateauThresholdMode.Absolute)
                throw new ArgumentOutOfRangeException(nameof(thresholdMode), thresholdMode, "Not a defined threshold mode.");
            if (!(factor > 0 && factor < 1)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "The factor must be in (0, 1).");
            if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), patience, "The patience cannot be negative.");
            if (cooldown < 0) throw new ArgumentOutOfRangeException(nameof(cooldown), cooldown, "The cooldown cannot be negative.");
            Mode = mode;
            Factor = factor;
            Patience = patience;
            Threshold = ScheduleArguments.NonNegative(threshold, nameof(threshold));
            ThresholdMode = thresholdMode;
            Cooldown = cooldown;
            MinLearningRate = ScheduleArguments.NonNegative(minLearningRate, nameof(minLearningRate));
            Epsilon = ScheduleArguments.NonNegative(epsilon, nameof(epsilon));
            Reset();
        }

        /// <summary>Whether lower or higher metrics are better.</summary>
        public PlateauMode Mode { get; }

        /// <summary>The multiplier applied on a plateau.</summary>
        public double Factor { get; }

        /// <summary>Epochs without improvement tolerated before a reduction.</summary>
        public int Patience { get; }

        /// <summary>The least change that counts as improvement.</summary>
        public double Threshold { get; }

        /// <summary>Whether <see cref="Threshold"/> is relative or absolute.</summary>
        public PlateauThresholdMode ThresholdMode { get; }

        /// <summary>Epochs after a reduction during which bad epochs are not counted.</summary>
        public int Cooldown { get; }

        /// <summary>The floor of the rate.</summary>
        public double MinLearningRate { get; }

        /// <summary>Reductions of this much or less are skipped.</summary>
        public double Epsilon { get; }

        /// <summary>The best metric so far (+∞ in min mode, −∞ in max mode before the first update).</summary>
        public double Best { get; private set; }

        /// <summary>Consecutive epochs without improvement (PyTorch's <c>num_bad_epochs</c>).</summary>
        public int BadEpochs { get; private set; }

        /// <summary>Epochs of cooldown left.</summary>
        public int CooldownCounter { get; private set; }

        /// <summary>How many metrics have been fed in.</summary>
        public long Updates { get; private set; }

        /// <summary>Whether a cooldown is running.</summary>
        public bool InCooldown => CooldownCounter > 0;

        /// <summary>The state to save with a checkpoint.</summary>
        public PlateauState State => new PlateauState(Best, BadEpochs, CooldownCounter, Updates);

        /// <summary>
        /// Feeds the metric of the epoch just finished and returns the rate for the next epoch: either
        /// <paramref name="currentRate"/> unchanged or max(<paramref name="currentRate"/> · factor, min_lr).
        /// </summary>
        /// <param name="metric">The monitored value, e.g. the validation loss. NaN never counts as improvement.</param>
        /// <param name="currentRate">The optimizer's current learning rate.</param>
        public float Update(double metric, float currentRate)
        {
            Updates++;
            if (IsBetter(metric, Best))
            {
                Best = metric;
                BadEpochs = 0;
            }
            else
            {
                BadEpochs++;
            }

            if (InCooldown)
            {
                CooldownCounter--;
                BadEpochs = 0;
            }

            if (BadEpochs <= Patience) return currentRate;
            CooldownCounter = Cooldown;
            BadEpochs = 0;
            double reduced = Math.Max(currentRate * Factor, MinLearningRate);
            return currentRate - reduced > Epsilon ? (float)reduced : currentRate;
        }

        /// <summary>Restores a state saved from <see cref="State"/>.</summary>
        public void Restore(PlateauState state)
        {
            if (state.BadEpochs < 0 || state.CooldownCounter < 0 || state.Updates < 0)
                throw new ArgumentOutOfRangeException(nameof(state), state, "Counters in a saved state cannot be negative.");
            Best = state.Best;
            BadEpochs = state.BadEpochs;
            CooldownCounter = state.CooldownCounter;
            Updates = state.Updates;
        }

        /// <summary>Forgets the best value and clears the counters, as at construction.</summary>
        public void Reset()
        {
            Best = Mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
            BadEpochs = 0;
            CooldownCounter = 0;
            Updates = 0;
        }

        private bool IsBetter(double value, double best) => (Mode, ThresholdMode) switch
        {
            (PlateauMode.Min, PlateauThresholdMode.Relative) => value < best * (1.0 - Threshold),
            (PlateauMode.Min, _) => value < best - Threshold,
            (_, PlateauThresholdMode.Relative) => value > best * (Threshold + 1.0),
            _ => value > best + Threshold,
        };
    }
}
