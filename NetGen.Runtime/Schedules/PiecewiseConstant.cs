using System;
using System.Collections.Generic;

namespace NetGen
{
    /// <summary>
    /// A piecewise constant rate: <c>values[0]</c> while t ≤ <c>boundaries[0]</c>, <c>values[i]</c> while
    /// <c>boundaries[i-1]</c> &lt; t ≤ <c>boundaries[i]</c>, and the last value after the last boundary.
    /// Follows Keras's <c>keras.optimizers.schedules.PiecewiseConstantDecay</c>, boundary included in the
    /// earlier piece. PyTorch's <c>MultiStepLR</c>, whose milestone starts the new piece, is
    /// <see cref="FromMilestones"/>.
    /// </summary>
    public sealed class PiecewiseConstant : LearningRateSchedule
    {
        private readonly long[] _boundaries;
        private readonly double[] _values;

        /// <summary>Creates the schedule.</summary>
        /// <param name="boundaries">Strictly increasing steps; each is the last step of its piece.</param>
        /// <param name="values">One more value than boundaries, each a positive finite rate.</param>
        /// <param name="unit">What a step counts (Keras: optimizer steps).</param>
        public PiecewiseConstant(IReadOnlyList<long> boundaries, IReadOnlyList<double> values, ScheduleUnit unit = ScheduleUnit.Step)
            : base(unit)
        {
            if (boundaries is null) throw new ArgumentNullException(nameof(boundaries));
            if (values is null) throw new ArgumentNullException(nameof(values));
            if (values.Count != boundaries.Count + 1)
                throw new ArgumentException($"Need one more value than boundaries; got {boundaries.Count} boundaries and {values.Count} values.", nameof(values));
            _boundaries = new long[boundaries.Count];
            for (int i = 0; i < _boundaries.Length; i++)
            {
                _boundaries[i] = boundaries[i];
                if (i > 0 && _boundaries[i] <= _boundaries[i - 1])
                    throw new ArgumentException("The boundaries must be strictly increasing.", nameof(boundaries));
            }
            _values = new double[values.Count];
            for (int i = 0; i < _values.Length; i++) _values[i] = ScheduleArguments.Positive(values[i], nameof(values));
        }

        /// <summary>
        /// PyTorch's <c>MultiStepLR(optimizer, milestones, gamma)</c> stepped once per epoch (by default):
        /// η(t) = η₀ · γ^(number of milestones ≤ t). A milestone listed twice applies γ twice, as in PyTorch.
        /// </summary>
        /// <param name="initialLearningRate">η₀, the rate before the first milestone.</param>
        /// <param name="milestones">Non-negative steps at which the rate is multiplied by <paramref name="gamma"/>, in any order.</param>
        /// <param name="gamma">The factor per milestone (PyTorch default 0.1).</param>
        /// <param name="unit">What a step counts (PyTorch convention: epochs).</param>
        public static PiecewiseConstant FromMilestones(double initialLearningRate, IReadOnlyList<long> milestones, double gamma = 0.1, ScheduleUnit unit = ScheduleUnit.Epoch)
        {
            ScheduleArguments.Positive(initialLearningRate, nameof(initialLearningRate));
            ScheduleArguments.Positive(gamma, nameof(gamma));
            if (milestones is null) throw new ArgumentNullException(nameof(milestones));
            var sorted = new List<long>(milestones);
            sorted.Sort();
            var boundaries = new List<long>();
            var values = new List<double> { initialLearningRate };
            int applied = 0;
            for (int i = 0; i < sorted.Count; i++)
            {
                if (sorted[i] < 0) throw new ArgumentOutOfRangeException(nameof(milestones), sorted[i], "Milestones cannot be negative.");
                applied++;
                if (i + 1 < sorted.Count && sorted[i + 1] == sorted[i]) continue;
                // MultiStepLR switches at t ≥ m; Keras-style boundaries switch at t > b, so b = m − 1.
                boundaries.Add(sorted[i] - 1);
                values.Add(initialLearningRate * Math.Pow(gamma, applied));
            }
            return new PiecewiseConstant(boundaries, values, unit);
        }

        /// <summary>The boundaries, a copy.</summary>
        public IReadOnlyList<long> Boundaries => (long[])_boundaries.Clone();

        /// <summary>The values, a copy.</summary>
        public IReadOnlyList<double> Values => (double[])_values.Clone();

        /// <inheritdoc />
        protected override double Compute(long step)
        {
            for (int i = 0; i < _boundaries.Length; i++)
                if (step <= _boundaries[i]) return _values[i];
            return _values[_values.Length - 1];
        }
    }
}
