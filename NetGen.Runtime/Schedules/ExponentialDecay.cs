using System;

namespace NetGen
{
    /// <summary>
    /// Exponential decay, η(t) = η₀ · r^(t / s), with t / s floored when <see cref="Staircase"/> is set.
    /// Follows Keras's <c>keras.optimizers.schedules.ExponentialDecay</c> (no default decay; staircase off).
    /// PyTorch's <c>ExponentialLR(gamma)</c> is the special case s = 1 stepped per epoch: see
    /// <see cref="PerEpoch(double, double)"/>; <c>StepLR(step_size, gamma)</c> is s = step_size with staircase on.
    /// </summary>
    public sealed class ExponentialDecay : LearningRateSchedule
    {
        /// <summary>Creates the schedule.</summary>
        /// <param name="initialLearningRate">η₀, the rate at step 0.</param>
        /// <param name="decaySteps">s, the number of steps over which the rate is multiplied by <paramref name="decayRate"/>.</param>
        /// <param name="decayRate">r, the factor applied every <paramref name="decaySteps"/> steps.</param>
        /// <param name="staircase">Whether to floor t / s, so the rate drops in discrete jumps (Keras default false).</param>
        /// <param name="unit">What a step counts (Keras: optimizer steps).</param>
        public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate, bool staircase = false, ScheduleUnit unit = ScheduleUnit.Step)
            : base(unit)
        {
            InitialLearningRate = ScheduleArguments.Positive(initialLearningRate, nameof(initialLearningRate));
            DecaySteps = ScheduleArguments.Positive(decaySteps, nameof(decaySteps));
            DecayRate = ScheduleArguments.Positive(decayRate, nameof(decayRate));
            Staircase = staircase;
        }

        /// <summary>
        /// PyTorch's <c>ExponentialLR(optimizer, gamma)</c> stepped once per epoch: η(e) = η₀ · γ^e.
        /// </summary>
        public static ExponentialDecay PerEpoch(double initialLearningRate, double gamma)
            => new ExponentialDecay(initialLearningRate, 1, gamma, staircase: false, ScheduleUnit.Epoch);

        /// <summary>η₀, the rate at step 0.</summary>
        public double InitialLearningRate { get; }

        /// <summary>s, the steps per factor of <see cref="DecayRate"/>.</summary>
        public long DecaySteps { get; }

        /// <summary>r, the decay factor.</summary>
        public double DecayRate { get; }

        /// <summary>Whether t / s is floored.</summary>
        public bool Staircase { get; }

        /// <inheritdoc />
        protected override double Compute(long step)
        {
            double progress = (double)step / DecaySteps;
            if (Staircase) progress = Math.Floor(progress);
            return InitialLearningRate * Math.Pow(DecayRate, progress);
        }
    }
}
