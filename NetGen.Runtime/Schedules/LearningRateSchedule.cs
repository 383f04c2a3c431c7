using System;

namespace NetGen
{
    /// <summary>
    /// A learning rate as a pure function of a 0-based step: no hidden state, so a resumed run gets the
    /// same rate as an uninterrupted one. Subclasses compute in double and follow a named Keras or
    /// PyTorch schedule (see <c>docs/SCHEDULES.md</c>).
    /// </summary>
    /// <remarks>
    /// A training loop calls <see cref="RateFor(long, long)"/> before every optimizer step with the
    /// global step index and the epoch index (both 0-based) and assigns the result to
    /// <see cref="IOptimizer.LearningRate"/>; <see cref="Unit"/> decides which of the two is used.
    /// </remarks>
    public abstract class LearningRateSchedule
    {
        /// <summary>Initializes the schedule with the unit its step counts.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a defined value.</exception>
        protected LearningRateSchedule(ScheduleUnit unit)
        {
            Unit = ScheduleArguments.Defined(unit, nameof(unit));
        }

        /// <summary>Whether the step counts optimizer steps or epochs.</summary>
        public ScheduleUnit Unit { get; }

        /// <summary>The learning rate at a 0-based step, counted in <see cref="Unit"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
        public float RateAt(long step)
        {
            if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, "The step index is 0-based and cannot be negative.");
            return (float)Compute(step);
        }

        /// <summary>
        /// The learning rate for the optimizer step about to be taken: <see cref="RateAt(long)"/> of
        /// <paramref name="globalStep"/> for <see cref="ScheduleUnit.Step"/> schedules, of
        /// <paramref name="epochIndex"/> for <see cref="ScheduleUnit.Epoch"/> schedules.
        /// </summary>
        /// <param name="globalStep">0-based index of the optimizer step across the whole run.</param>
        /// <param name="epochIndex">0-based index of the current epoch (the first epoch is 0).</param>
        public float RateFor(long globalStep, long epochIndex) => RateAt(Unit == ScheduleUnit.Epoch ? epochIndex : globalStep);

        /// <summary>The rate at a non-negative step, in double precision.</summary>
        protected abstract double Compute(long step);
    }
}
