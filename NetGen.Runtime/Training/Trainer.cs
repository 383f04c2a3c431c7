using System;
using System.Diagnostics;
using System.Globalization;
using NetGen.Generated;

namespace NetGen
{
    /// <summary>The training loop: epochs of shuffled mini-batches, validation, history (Keras's <c>Model.fit</c>).</summary>
    public static class Trainer
    {
        /// <summary>
        /// Trains <paramref name="network"/> on in-memory data. <paramref name="inputs"/> is row-major
        /// [samples × InputSize]; <paramref name="targets"/> is [samples × TargetSize] (class indices
        /// as floats for softmax cross-entropy). Allocates its batch buffers once, before the first step.
        /// Each step is <c>ComputeGradients</c> then <see cref="Generated.UpdateRecipe"/> with the clipping and
        /// finiteness checks on; everything else (early stopping, checkpoints, plateau, health, progress,
        /// the user's <see cref="FitOptions.Callbacks"/>) runs as a <see cref="TrainingCallback"/>. With
        /// <see cref="FitOptions.ClassWeights"/> or <see cref="FitOptions.SampleWeights"/> each step uses the weighted
        /// <c>ComputeGradients</c> overload (docs/TRAINING.md, "Class and sample weights").
        /// Before anything changes, the data are checked once: every feature finite, every target valid for
        /// the loss (class indices in [0, classes) for softmax cross-entropy, [0, 1] for binary, finite and
        /// ≥ 0 for categorical, finite for mean squared error); a failure names the array, the 0-based row
        /// and column in it, whether the row is training or validation data, and the value. Data changed
        /// while the fit runs are not checked again.
        /// </summary>
        /// <exception cref="ArgumentException">Bad options, data of the wrong shape, or a bad feature or target.</exception>
        /// <exception cref="NonFiniteLossException">A step made the loss, a gradient, a parameter or a batch-norm
        /// moving statistic non-finite; the network keeps the parameters and statistics from before that step.</exception>
        public static TrainingHistory Fit(INetwork network, float[] inputs, float[] targets, FitOptions? options = null)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            options ??= new FitOptions();
            options.Validate();
            int samples = SampleCount(network, inputs, targets, nameof(inputs));

            // Keras takes the validation split from the end, before shuffling.
            int trainCount = samples;
            float[]? validationInputs = options.ValidationInputs, validationTargets = options.ValidationTargets;
            var inputSet = new DataSetName(nameof(inputs), "training data");
            var targetSet = new DataSetName(nameof(targets), "training data");
            if (validationInputs is null && options.ValidationSplit > 0)
            {
                int validationCount = ValidationCount(samples, options.ValidationSplit);
                trainCount = samples - validationCount;
                string heldOut = $"validation data: the last {validationCount} rows, held out by ValidationSplit = {options.ValidationSplit.ToString(CultureInfo.InvariantCulture)}";
                inputSet = inputSet with { HeldOutFrom = trainCount, HeldOutPart = heldOut };
                targetSet = targetSet with { HeldOutFrom = trainCount, HeldOutPart = heldOut };
                validationInputs = inputs.AsSpan(trainCount * network.InputSize).ToArray();
                validationTargets = targets.AsSpan(trainCount * network.TargetSize).ToArray();
            }
            // Bad data is refused once, here, with its row in the caller's arrays, before anything changes.
            DataChecks.CheckFeatures(inputs, network.InputSize, inputSet);
            DataChecks.CheckTargets(network, targets, targetSet);
            if (options.ValidationInputs is not null)
            {
                SampleCount(network, options.ValidationInputs, options.ValidationTargets!, nameof(options.ValidationInputs));
                DataChecks.CheckFeatures(options.ValidationInputs, network.InputSize, new DataSetName(nameof(options.ValidationInputs), "validation data"));
                DataChecks.CheckTargets(network, options.ValidationTargets, new DataSetName(nameof(options.ValidationTargets), "validation data"));
            }
            if (trainCount < 1) throw new ArgumentException("No training samples are left after the validation split.", nameof(inputs));
            // Keras needs an explicit adapt() before fit; a never-adapted normalization is adapted here, on the
            // training rows only (never the validation rows), as a user would adapt it.
            if (network.Normalization is { IsAdapted: false }) network.Adapt(inputs.AsSpan(0, trainCount * network.InputSize));

            // Class and sample weights become one weight per training row, checked here before anything changes.
            var rowWeights = SampleWeighting.Create(network, targets, samples, trainCount, options);
            var optimizer = options.Optimizer ?? new Sgd();
            var callbacks = FitCallbacks.Create(options, network, validationInputs is not null);

            var history = new TrainingHistory();
            var random = new NetGenRandom(options.Seed);
            var order = new int[trainCount];
            for (int i = 0; i < order.Length; i++) order[i] = i;
            int batchSize = Math.Min(options.BatchSize, trainCount);
            bool hasBatchNorm = false;
            foreach (var layer in network.Layers) hasBatchNorm |= layer.BatchNorm is not null;
            if (hasBatchNorm && batchSize < 2)
                throw new ArgumentException("Batch normalization needs at least 2 samples per training batch (PyTorch raises too): raise BatchSize or provide more samples.", nameof(options));
            var batchInputs = new float[batchSize * network.InputSize];
            var batchTargets = new float[batchSize * network.TargetSize];
            var batchWeights = rowWeights is null ? null : new float[batchSize];
            var guard = new DivergenceGuard(network);
            var clipper = GradientClipper.For(options, network);
            var evaluation = new Evaluator(network, batchSize);
            var context = new TrainingContext(network, optimizer, history, options.Epochs, guard);
            var total = Stopwatch.StartNew();
            var stepping = new Stopwatch();
            long step = 0;

            foreach (var callback in callbacks) callback.OnTrainBegin(context);
            for (int epoch = 1; epoch <= options.Epochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                foreach (var callback in callbacks) callback.OnEpochBegin(context, epoch);
                if (options.Shuffle) random.Shuffle(order.AsSpan());
                double lossSum = 0;
                int seen = 0;
                stepping.Start();
                for (int start = 0; start < trainCount; start += batchSize, step++)
                {
                    options.CancellationToken.ThrowIfCancellationRequested();
                    int count = Math.Min(batchSize, trainCount - start);
                    // Batch normalization cannot train on one sample: a last partial batch of one is
                    // skipped this epoch (it lands in another batch after the next shuffle).
                    if (count == 1 && hasBatchNorm && start > 0) continue;
                    Gather(inputs, order.AsSpan(start, count), network.InputSize, batchInputs);
                    Gather(targets, order.AsSpan(start, count), network.TargetSize, batchTargets);
                    if (options.Schedule is { } schedule) optimizer.LearningRate = schedule.RateFor(step, epoch - 1);
                    // The forward pass moves the batch-norm statistics: the guard keeps them first, and puts them
                    // (and the parameters, once the update has begun) back if anything in the step throws.
                    guard.BeginStep(epoch, step);
                    float loss;
                    try
                    {
                        loss = batchWeights is null
                            ? network.ComputeGradients(batchInputs, batchTargets, count)
                            : network.ComputeGradients(batchInputs, batchTargets, count, GatherWeights(rowWeights!, order.AsSpan(start, count), batchWeights), options.WeightedLossReduction);
                        UpdateRecipe.Apply(network, optimizer, network.Parameters, network.Gradients, network.MaxThreads, loss, clipper, guard);
                    }
                    catch
                    {
                        guard.Undo();
                        throw;
                    }
                    var batch = new BatchMetrics(epoch, start / batchSize, step, count, loss);
                    foreach (var callback in callbacks) callback.OnTrainBatchEnd(context, batch);
                    lossSum += (double)loss * count;
                    seen += count;
                    if (!context.StopTraining) continue;
                    // As Keras: a stop asked for after a batch still finishes the epoch's evaluation and callbacks.
                    step++;
                    break;
                }
                stepping.Stop();
                history.SamplesSeen += seen;

                var train = evaluation.Run(inputs.AsSpan(0, trainCount * network.InputSize), targets.AsSpan(0, trainCount * network.TargetSize));
                var validation = validationInputs is null ? default((double, double?)?) : evaluation.Run(validationInputs, validationTargets!);
                var metrics = new EpochMetrics(epoch, lossSum / seen, train.Accuracy, validation?.Item1, validation?.Item2, optimizer.LearningRate, clock.Elapsed);
                foreach (var callback in callbacks) metrics = callback.CompleteEpochMetrics(context, metrics);
                history.Add(metrics);
                foreach (var callback in callbacks) callback.OnEpochEnd(context, metrics);
                if (context.StopTraining) break;
            }
            history.Elapsed = total.Elapsed;
            history.TrainingTime = stepping.Elapsed;
            foreach (var callback in callbacks) callback.OnTrainEnd(context);
            return history;
        }

        /// <summary>
        /// Mean loss and accuracy (null for regression) of <paramref name="network"/> on a data set, in inference
        /// mode. The data are checked first as <see cref="Fit"/> checks them (finite features, targets valid for
        /// the loss), so a bad row is reported with its index instead of turning into a wrong metric.
        /// </summary>
        /// <exception cref="ArgumentException">Data of the wrong shape, or a bad feature or target.</exception>
        public static (double Loss, double? Accuracy) Evaluate(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize = 32)
        {
            if (network is null) throw new ArgumentNullException(nameof(network));
            SampleCount(network, inputs, targets, nameof(inputs));
            DataChecks.CheckFeatures(inputs, network.InputSize, new DataSetName(nameof(inputs), "evaluated data"));
            DataChecks.CheckTargets(network, targets, new DataSetName(nameof(targets), "evaluated data"));
            return new Evaluator(network, batchSize).Run(inputs, targets);
        }

        private static ReadOnlySpan<float> GatherWeights(float[] weights, ReadOnlySpan<int> rows, float[] destination)
        {
            for (int i = 0; i < rows.Length; i++) destination[i] = weights[rows[i]];
            return destination.AsSpan(0, rows.Length);
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
            if (samples == 0) throw new ArgumentException($"The data set is empty: {name} holds no samples.", name);
            return samples;
        }

        /// <summary>
        /// How many of <paramref name="samples"/> rows <paramref name="split"/> holds out: samples × split rounded
        /// down. A split that holds out none is refused, naming the option, as Keras refuses a split that
        /// leaves either part empty (Keras rounds the training part down instead, so its tail can be one row longer).
        /// </summary>
        private static int ValidationCount(int samples, double split)
        {
            int count = (int)(samples * split);
            if (count > 0) return count;
            throw new ArgumentOutOfRangeException(nameof(FitOptions.ValidationSplit), split,
                $"ValidationSplit = {split.ToString(CultureInfo.InvariantCulture)} of {samples} samples holds out no sample for validation " +
                $"({samples} × {split.ToString(CultureInfo.InvariantCulture)} rounds down to 0): raise it to at least 1/{samples}, give more samples, or set it to 0 for no validation.");
        }
    }
}
