using System;

namespace NetGen
{
    /// <summary>
    /// Cosine decay with optional linear warmup, matching Keras 3's <c>keras.optimizers.schedules.CosineDecay</c>
    /// (defaults alpha = 0, no warmup). Without a warmup target, with t = min(step, D):
    /// η(t) = η₀ · ((1 − α) · ½(1 + cos(π t / D)) + α). With a warmup target η_w and W warmup steps, the
    /// step is first clamped to D + W; for t &lt; W the rate rises linearly, η₀ + (η_w − η₀) · t / W; from W on
    /// it is the cosine decay from η_w over t − W. Without warmup this equals PyTorch's
    /// <c>CosineAnnealingLR(T_max = D, eta_min = α·η₀)</c> for t ≤ D (PyTorch then rises again; Keras holds α·η₀).
    /// </summary>
    public sealed class CosineDecay : LearningRateSchedule
    {
        /// <summary>Creates the schedule.</summary>
        /// <param name="initialLearningRate">η₀: the rate at step 0 (the start of the warmup, when there is one; may then be 0).</param>
        /// <param name="decaySteps">D, the length of the cosine decay, after the warmup.</param>
        /// <param name="alpha">α, the final rate as a fraction of the decay's starting rate, in [0, 1] (Keras default 0).</param>
        /// <param name="warmupTarget">η_w, the rate reached at the end of the warmup; null (Keras default None) disables the warmup.</param>
        /// <param name="warmupSteps">W, the warmup length (Keras default 0); ignored without a warmup target, as in Keras.</param>
        /// <param name="unit">What a step counts (Keras: optimizer steps).</param>
        public CosineDecay(double initialLearningRate, long decaySteps, double alpha = 0, double? warmupTarget = null, long warmupSteps = 0, ScheduleUnit unit = ScheduleUnit.Step)
            : base(unit)
        {
            InitialLearningRate = warmupTarget is null
                ? ScheduleArguments.Positive(initialLearningRate, nameof(initialLearningRate))
                : ScheduleArguments.NonNegative(initialLearningRate, nameof(initialLearningRate));
            DecaySteps = ScheduleArguments.Positive(decaySteps, nameof(decaySteps));
            if (!(alpha >= 0 && alpha <= 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha is a fraction in [0, 1].");
            Alpha = alpha;
            if (warmupTarget is double target) ScheduleArguments.Positive(target, nameof(warmupTarget));
            WarmupTarget = warmupTarget;
            if (warmupSteps < 0) throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, "The warmup length cannot be negative.");
            WarmupSteps = warmupSteps;
        }

        /// <summary>η₀, the rate at step 0.</summary>
        public double InitialLearningRate { get; }

        /// <summary>D, the length of the cosine decay.</summary>
        public long DecaySteps { get; }

        /// <summary>α, the final rate as a fraction of the decay's starting rate.</summary>
        public double Alpha { get; }

        /// <summary>η_w, the rate at the end of the warmup, or null when there is no warmup.</summary>
        public double? WarmupTarget { get; }

        /// <summary>W, the warmup length in steps.</summary>
        public long WarmupSteps { get; }

        /// <inheritdoc />
        protected override double Compute(long step)
        {
            if (WarmupTarget is not double target)
                return Decay(Math.Min(step, DecaySteps), InitialLearningRate);

            long clamped = Math.Min(step, DecaySteps + WarmupSteps);
            if (clamped < WarmupSteps)
                return (target - InitialLearningRate) * ((double)clamped / WarmupSteps) + InitialLearningRate;
            return Decay(clamped - WarmupSteps, target);
        }

        private double Decay(long step, double from)
        {
            double cosine = 0.5 * (1.0 + Math.Cos(Math.PI * ((double)step / DecaySteps)));
            return from * ((1 - Alpha) * cosine + Alpha);
        }
    }
}
