using System;
using System.Collections.Generic;

namespace NetGen
{
    /// <summary>
    /// The learning-rate range test of Géron's chapter 11 (after Smith 2015, popularized by fastai's
    /// <c>lr_find</c>): train for a few hundred mini-batches while the rate grows exponentially from tiny to
    /// large, record the loss at each rate, and pick a rate about 10× below the one where the loss is lowest.
    /// </summary>
    /// <remarks>
    /// The network is left as it was: its <see cref="INetwork.Parameters"/>, <see cref="INetwork.State"/> and
    /// <see cref="INetwork.Gradients"/> are copied before the run and put back after it (bit-identical, also when a
    /// step throws), and a caller's optimizer gets its state and learning rate back. One thing cannot be put back:
    /// the generated network keeps its dropout mask stream private, so on a network with dropout the run advances
    /// that stream; call <see cref="INetwork.SeedDropout"/> afterwards for a reproducible one.
    /// </remarks>
    public static class LearningRateFinder
    {
        /// <summary>The suggestion is the rate at the lowest loss divided by this (Géron: "about 10 times lower").</summary>
        public const double SuggestionDivisor = 10;

        /// <summary>
        /// Runs the range test on <paramref name="inputs"/> (row-major, samples × <see cref="INetwork.InputSize"/>)
        /// and <paramref name="targets"/> (the network's target layout), cycling over them in shuffled order.
        /// </summary>
        /// <exception cref="ArgumentException">Data of the wrong shape, a bad feature or target, or bad options.</exception>
        /// <exception cref="InvalidOperationException">The loss of the very first step is not finite.</exception>
        public static LearningRateFinderResult Find(INetwork net, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, LearningRateFinderOptions? options = null)
        {
            if (net is null) throw new ArgumentNullException(nameof(net));
            options ??= new LearningRateFinderOptions();
            options.Validate();
            int samples = SampleCount(net, inputs, targets);
            DataChecks.CheckFeatures(inputs, net.InputSize, new DataSetName(nameof(inputs), "learning-rate finder data"));
            DataChecks.CheckTargets(net, targets, new DataSetName(nameof(targets), "learning-rate finder data"));
            int batchSize = Math.Min(options.BatchSize, samples);
            bool hasBatchNorm = false;
            foreach (var layer in net.Layers) hasBatchNorm |= layer.BatchNorm is not null;
            if (hasBatchNorm && batchSize < 2)
                throw new ArgumentException("Batch normalization needs at least 2 samples per batch: raise BatchSize or provide more samples.", nameof(options));

            var optimizer = options.Optimizer ?? new Sgd();
            float[] parameters = net.Parameters.ToArray(), state = net.State.ToArray(), gradients = net.Gradients.ToArray();
            var optimizerState = optimizer.ExportState();
            float optimizerRate = optimizer.LearningRate;
            try
            {
                return Run(net, inputs, targets, samples, batchSize, optimizer, options);
            }
            finally
            {
                parameters.CopyTo(net.Parameters);
                state.CopyTo(net.State);
                gradients.CopyTo(net.Gradients);
                net.RefreshInference();
                optimizer.ImportState(optimizerState);
                optimizer.LearningRate = optimizerRate;
            }
        }

        /// <summary>The rate of step <paramref name="step"/> of <paramref name="steps"/>: geometric from start to end.</summary>
        public static double RateAt(int step, int steps, double startRate, double endRate)
            => step == steps - 1 ? endRate : startRate * Math.Pow(endRate / startRate, (double)step / (steps - 1));

        private static LearningRateFinderResult Run(INetwork net, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, int batchSize, IOptimizer optimizer, LearningRateFinderOptions options)
        {
            var random = new NetGenRandom(options.Seed);
            var order = new int[samples];
            for (int i = 0; i < samples; i++) order[i] = i;
            random.Shuffle(order.AsSpan());
            var batchInputs = new float[batchSize * net.InputSize];
            var batchTargets = new float[batchSize * net.TargetSize];
            var rates = new List<double>(options.Steps);
            var losses = new List<double>(options.Steps);
            var rawLosses = new List<double>(options.Steps);
            double average = 0, best = double.PositiveInfinity;
            int bestIndex = 0, next = 0;
            bool stoppedEarly = false;
            for (int step = 0; step < options.Steps; step++)
            {
                // Every batch is full: it wraps around the data, reshuffled at every pass (a batch-norm layer never sees 1 sample).
                for (int row = 0; row < batchSize; row++, next++)
                {
                    if (next == samples)
                    {
                        random.Shuffle(order.AsSpan());
                        next = 0;
                    }
                    inputs.Slice(order[next] * net.InputSize, net.InputSize).CopyTo(batchInputs.AsSpan(row * net.InputSize));
                    targets.Slice(order[next] * net.TargetSize, net.TargetSize).CopyTo(batchTargets.AsSpan(row * net.TargetSize));
                }
                double rate = RateAt(step, options.Steps, options.StartRate, options.EndRate);
                optimizer.LearningRate = (float)rate;
                double loss = net.TrainStep(batchInputs, batchTargets, batchSize, optimizer);
                if (!double.IsFinite(loss))
                {
                    if (step == 0) throw new InvalidOperationException($"The loss of the first step (rate {rate:G3}) is not finite: the network's parameters or the data are broken, not the rate.");
                    stoppedEarly = true;
                    break;
                }
                average = options.Smoothing * average + (1 - options.Smoothing) * loss;
                double smoothed = average / (1 - Math.Pow(options.Smoothing, step + 1));
                rates.Add(rate);
                losses.Add(smoothed);
                rawLosses.Add(loss);
                if (smoothed < best)
                {
                    best = smoothed;
                    bestIndex = step;
                }
                else if (smoothed > options.DivergenceFactor * best)
                {
                    stoppedEarly = step < options.Steps - 1;
                    break;
                }
            }
            return new LearningRateFinderResult(rates.ToArray(), losses.ToArray(), rawLosses.ToArray(), bestIndex, stoppedEarly);
        }

        private static int SampleCount(INetwork net, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
        {
            if (inputs.Length % net.InputSize != 0)
                throw new ArgumentException($"{inputs.Length} input values are not a whole number of samples of {net.InputSize} features.", nameof(inputs));
            int samples = inputs.Length / net.InputSize;
            if (targets.Length != samples * net.TargetSize)
                throw new ArgumentException($"{samples} samples need {samples * net.TargetSize} target values; got {targets.Length}.", nameof(targets));
            if (samples == 0) throw new ArgumentException("The data set is empty: inputs holds no samples.", nameof(inputs));
            return samples;
        }
    }
}
