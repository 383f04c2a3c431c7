using System;

namespace NetGen
{
    /// <summary>
    /// Inverse time decay, η(t) = η₀ / (1 + d · t / s), with t / s floored when <see cref="Staircase"/> is set.
    /// Follows Keras's <c>keras.optimizers.schedules.InverseTimeDecay</c> (staircase off by default). It is
    /// the "power scheduling" of Géron (<i>Hands-On Machine Learning</i>, ch. 11), η₀ / (1 + t / s)^c, with
    /// c = 1 and d = 1. PyTorch has no built-in equivalent.
    /// </summary>
    public sealed class InverseTimeDecay : LearningRateSchedule
    {
        /// <summary>Creates the schedule.</summary>
        /// <param name="initialLearningRate">η₀, the rate at step 0.</param>
        /// <param name="decaySteps">s, the step scale.</param>
        /// <param name="decayRate">d, how fast the rate falls; 0 keeps it constant.</param>
        /// <param name="staircase">Whether to floor t / s (Keras default false).</param>
        /// <param name="unit">What a step counts (Keras: optimizer steps).</param>
        public InverseTimeDecay(double initialLearningRate, long decaySteps, double decayRate, bool staircase = false, ScheduleUnit unit = ScheduleUnit.Step)
            : base(unit)
        {
            InitialLearningRate = ScheduleArguments.Positive(initialLearningRate, nameof(initialLearningRate));
            DecaySteps = ScheduleArguments.Positive(decaySteps, nameof(decaySteps));
            DecayRate = ScheduleArguments.NonNegative(decayRate, nameof(decayRate));
            Staircase = staircase;
        }

        /// <summary>η₀, the rate at step 0.</summary>
        public double InitialLearningRate { get; }

        /// <summary>s, the step scale.</summary>
        public long DecaySteps { get; }

        /// <summary>d, the decay rate.</summary>
        public double DecayRate { get; }

        /// <summary>Whether t / s is floored.</summary>
        public bool Staircase { get; }

        /// <inheritdoc />
        protected override double Compute(long step)
        {
            double progress = (double)step / DecaySteps;
            if (Staircase) progress = Math.Floor(progress);
            return InitialLearningRate / (1 + DecayRate * progress);
        }
    }
}
