using System.Collections.Generic;

namespace NetGen
{
    /// <summary>The curve of a <see cref="LearningRateFinder"/> run and the rate it suggests.</summary>
    public sealed class LearningRateFinderResult
    {
        internal LearningRateFinderResult(double[] rates, double[] losses, double[] rawLosses, int minimumIndex, bool stoppedEarly)
        {
            Rates = rates;
            Losses = losses;
            RawLosses = rawLosses;
            MinimumLossRate = rates[minimumIndex];
            MinimumLoss = losses[minimumIndex];
            SuggestedRate = MinimumLossRate / LearningRateFinder.SuggestionDivisor;
            StoppedEarly = stoppedEarly;
        }

        /// <summary>The rate of every step taken, strictly increasing (geometric).</summary>
        public IReadOnlyList<double> Rates { get; }

        /// <summary>The loss recorded at each rate: smoothed as <see cref="LearningRateFinderOptions.Smoothing"/> says.</summary>
        public IReadOnlyList<double> Losses { get; }

        /// <summary>The mini-batch loss of each step before smoothing.</summary>
        public IReadOnlyList<double> RawLosses { get; }

        /// <summary>The rate at which <see cref="Losses"/> is lowest.</summary>
        public double MinimumLossRate { get; }

        /// <summary>The lowest value of <see cref="Losses"/>.</summary>
        public double MinimumLoss { get; }

        /// <summary>
        /// The suggestion: exactly <see cref="MinimumLossRate"/> / 10, the rule of Géron's chapter 11 and
        /// fastai's <c>minimum</c> suggestion (fastai's default since 2.5, <c>valley</c>, picks a point along the
        /// longest descending stretch of the curve; its <c>steepest</c> picks where the loss falls fastest
        /// against log(rate); both usually land near or above this one).
        /// </summary>
        public double SuggestedRate { get; }

        /// <summary>Whether the run stopped before <see cref="LearningRateFinderOptions.EndRate"/> because the loss blew up.</summary>
        public bool StoppedEarly { get; }
    }
}
