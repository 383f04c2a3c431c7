using System;
using System.Diagnostics;

namespace NetGen
{
    /// <summary>The training loop: epochs of shuffled mini-batches, validation, history (Keras's <c>Model.fit</c>).</summary>
    public static class Trainer
    {
        /// <summary>
        /// Trains <paramref name="network"/> on in-memory data. <paramref name="inputs"/> is row-major
        /// [samples × InputSize]; <paramref name="targets"/> is [samples × TargetSize] (class indices
        /// as floats for softmax cross-entropy). Allocates its batch buffers once, before the first step.
        /// </summary>
        public static TrainingHistory Fit(INetwork network, float[] inputs, float[] targets, FitOptions? options = null)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            options ??= new FitOptions();
            options.Validate();
            int samples = SampleCount(network, inputs, targets, nameof(inputs));

            // Keras takes the validation split from the end, before shuffling.
            int trainCount = samples;
            float[]? validationInputs = options.ValidationInputs, validationTargets = options.ValidationTargets;
            if (validationInputs is null && options.ValidationSplit > 0)
            {
                int validationCount = (int)(samples * options.ValidationSplit);
                trainCount = samples - validationCount;
                validationInputs = inputs.AsSpan(trainCount * network.InputSize).ToArray();
                validationTargets = targets.AsSpan(trainCount * network.TargetSize).ToArray();
            }
            if (validationInputs is not null) SampleCount(network, validationInputs, validationTargets!, nameof(options.ValidationInputs));
            if (trainCount < 1) throw new ArgumentException("No training samples are left after the validation split.", nameof(inputs));

            var optimizer = options.Optimizer ?? new Sgd();
            var history = new TrainingHistory();
            var random = new NetGenRandom(options.Seed);
            var order = new int[trainCount];
            for (int i = 0; i < order.Length; i++) order[i] = i;
            int batchSize = Math.Min(options.BatchSize, trainCount);
            var batchInputs = new float[batchSize * network.InputSize];
            var batchTargets = new float[batchSize * network.TargetSize];
            var evaluation = new Evaluator(network, batchSize);
            var total = Stopwatch.StartNew();
            var stepping = new Stopwatch();

            for (int epoch = 1; epoch <= options.Epochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                if (options.Shuffle) random.Shuffle(order.AsSpan());
                double lossSum = 0;
                stepping.Start();
                for (int start = 0; start < trainCount; start += batchSize)
                {
                    options.CancellationToken.ThrowIfCancellationRequested();
                    int count = Math.Min(batchSize, trainCount - start);
                    Gather(inputs, order.AsSpan(start, count), network.InputSize, batchInputs);
                    Gather(targets, order.AsSpan(start, count), network.TargetSize, batchTargets);
                    lossSum += (double)network.TrainStep(batchInputs, batchTargets, count, optimizer) * count;
                }
                stepping.Stop();
                history.SamplesSeen += trainCount;

                var train = evaluation.Run(inputs.AsSpan(0, trainCount * network.InputSize), targets.AsSpan(0, trainCount * network.TargetSize));
                var validation = validationInputs is null ? default((double, double?)?) : evaluation.Run(validationInputs, validationTargets!);
                var metrics = new EpochMetrics(epoch, lossSum / trainCount, train.Accuracy, validation?.Item1, validation?.Item2, clock.Elapsed);
                history.Add(metrics);
                options.EpochEnded?.Invoke(metrics);
            }
            history.Elapsed = total.Elapsed;
            history.TrainingTime = stepping.Elapsed;
            return history;
        }

        /// <summary>Mean loss and accuracy (null for regression) of <paramref name="network"/> on a data set, in inference mode.</summary>
        public static (double Loss, double? Accuracy) Evaluate(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize = 32)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            SampleCount(network, inputs, targets, nameof(inputs));
            return new Evaluator(network, batchSize).Run(inputs, targets);
        }

        private static void Gather(ReadOnlySpan<float> source, ReadOnlySpan<int> rows, int width, Span<float> destination)
        {
            for (int i = 0; i < rows.Length; i++)
                source.Slice(rows[i] * width, width).CopyTo(destination.Slice(i * width, width));
        }

        private static int SampleCount(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, string name)
        {
            if (inputs.Length % network.InputSize != 0)
                throw new ArgumentException($"{inputs.Length} input values are not a whole number of samples of {network.InputSize} features.", name);
            int samples = inputs.Length / network.InputSize;
            if (targets.Length != samples * network.TargetSize)
                throw new ArgumentException($"{samples} samples need {samples * network.TargetSize} target values; got {targets.Length}.", name);
            if (samples == 0) throw new ArgumentException("The data set is empty.", name);
            return samples;
        }

        /// <summary>Evaluates in chunks with buffers allocated once.</summary>
        private sealed class Evaluator
        {
            private readonly INetwork _network;
            private readonly int _batchSize;
            private readonly float[] _outputs;

            public Evaluator(INetwork network, int batchSize)
            {
                _network = network;
                _batchSize = Math.Max(1, batchSize);
                _outputs = new float[_batchSize * network.OutputSize];
            }

            public (double Loss, double? Accuracy) Run(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
            {
                int samples = inputs.Length / _network.InputSize;
                double lossSum = 0;
                long correct = 0, predictions = 0;
                bool hasAccuracy = NetGen.Accuracy.AppliesTo(_network.Loss);
                for (int start = 0; start < samples; start += _batchSize)
                {
                    int count = Math.Min(_batchSize, samples - start);
                    var batchTargets = targets.Slice(start * _network.TargetSize, count * _network.TargetSize);
                    lossSum += (double)_network.Evaluate(inputs.Slice(start * _network.InputSize, count * _network.InputSize), batchTargets, _outputs, count) * count;
                    if (!hasAccuracy) continue;
                    correct += NetGen.Accuracy.Correct(_network.Loss, _outputs, batchTargets, count, _network.OutputSize);
                    predictions += NetGen.Accuracy.Count(_network.Loss, count, _network.OutputSize);
                }
                return (lossSum / samples, hasAccuracy ? (double)correct / predictions : null);
            }
        }
    }
}
