using System;

namespace NetGen
{
    /// <summary>Where training stood when a checkpoint was saved, stored in its metadata as <c>epoch</c> and <c>step</c>.</summary>
    public sealed record TrainingPosition
    {
        /// <summary>Creates a position.</summary>
        /// <param name="epoch">Completed epochs (or the current one: the caller's convention), ≥ 0.</param>
        /// <param name="step">Optimizer steps taken over the whole run, ≥ 0.</param>
        public TrainingPosition(long epoch, long step)
        {
            if (epoch < 0) throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "The epoch cannot be negative.");
            if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, "The step cannot be negative.");
            Epoch = epoch;
            Step = step;
        }

        /// <summary>The epoch, as the caller counts them.</summary>
        public long Epoch { get; }

        /// <summary>The global step, as the caller counts them.</summary>
        public long Step { get; }
    }
}
