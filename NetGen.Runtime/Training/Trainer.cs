using System;
using System.Diagnostics;
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
            var stopping = options.EarlyStopping;
            var stoppingTracker = stopping is null ? null : new MetricTracker(stopping.Monitor, stopping.MinDelta);
            var checkpointTracker = options.BestModelCheckpoint is { } checkpoint ? new MetricTracker(checkpoint.Monitor, checkpoint.MinDelta) : null;
            stoppingTracker?.CheckAvailable(validationInputs is not null, network.Loss, nameof(options.EarlyStopping));
            checkpointTracker?.CheckAvailable(validationInputs is not null, network.Loss, nameof(options.BestModelCheckpoint));
            var plateau = options.ReduceLearningRateOnPlateau;
            var plateauMetric = plateau is null ? null : new MetricTracker(options.PlateauMonitor, 0);
            plateauMetric?.CheckAvailable(validationInputs is not null, network.Loss, nameof(options.ReduceLearningRateOnPlateau));
            float[]? bestWeights = stopping is { RestoreBestWeights: true } ? new float[network.ParameterCount] : null;
            int wait = 0;

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
            var lastFinite = new float[network.ParameterCount];
            var segments = options.ClipNorm is null ? Array.Empty<GradientSegment>() : GradientSegment.ForLayers(network.Layers);
            var evaluation = new Evaluator(network, batchSize);
            var total = Stopwatch.StartNew();
            var stepping = new Stopwatch();
            long step = 0;
            var health = options.RecordHealth ? new HealthMonitor(network) : null;

            for (int epoch = 1; epoch <= options.Epochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
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
                    float loss = network.ComputeGradients(batchInputs, batchTargets, count);
                    CheckedUpdate(network, optimizer, loss, lastFinite, epoch, step, options, segments);
                    health?.Record(lastFinite, count);
                    lossSum += (double)loss * count;
                    seen += count;
                }
                stepping.Stop();
                history.SamplesSeen += seen;

                var train = evaluation.Run(inputs.AsSpan(0, trainCount * network.InputSize), targets.AsSpan(0, trainCount * network.TargetSize));
                var validation = validationInputs is null ? default((double, double?)?) : evaluation.Run(validationInputs, validationTargets!);
                int warningsBefore = history.WarningList.Count;
                var metrics = new EpochMetrics(epoch, lossSum / seen, train.Accuracy, validation?.Item1, validation?.Item2, optimizer.LearningRate, clock.Elapsed)
                {
                    Health = health?.EndEpoch(epoch, history.WarningList),
                };
                for (int w = warningsBefore; w < history.WarningList.Count; w++) options.WarningRaised?.Invoke(history.WarningList[w]);
                history.Add(metrics);
                options.EpochEnded?.Invoke(metrics);
                if (plateau is not null && plateauMetric!.Read(metrics) is { } monitored)
                    optimizer.LearningRate = plateau.Update(monitored, optimizer.LearningRate);
                if (checkpointTracker is not null && checkpointTracker.Update(metrics)) options.BestModelCheckpoint!.Save(network, metrics);
                if (stopping is not null && ShouldStop(stopping, stoppingTracker!, metrics, network, bestWeights, ref wait)) break;
            }
            if (bestWeights is not null && stopping!.BestEpoch > 0) bestWeights.CopyTo(network.Parameters);
            history.Elapsed = total.Elapsed;
            history.TrainingTime = stepping.Elapsed;
            return history;
        }

        /// <summary>
        /// Keras's early-stopping step: the wait grows every epoch and resets on an improvement;
        /// training stops once it reaches the patience, never after the first epoch.
        /// </summary>
        private static bool ShouldStop(EarlyStopping stopping, MetricTracker tracker, EpochMetrics metrics, INetwork network, float[]? bestWeights, ref int wait)
        {
            wait++;
            if (tracker.Update(metrics))
            {
                stopping.BestEpoch = tracker.BestEpoch;
                stopping.BestValue = tracker.Best;
                if (bestWeights is not null) network.Parameters.CopyTo(bestWeights);
                wait = 0;
                return false;
            }
            if (wait < stopping.Patience || metrics.Epoch == 1) return false;
            stopping.StoppedEpoch = metrics.Epoch;
            return true;
        }

        /// <summary>
        /// Clips the gradients as the options ask, then applies the optimizer only when the loss and every gradient are finite, and undoes an
        /// update that makes a parameter non-finite, so the network always keeps its last finite
        /// state; otherwise throws <see cref="NonFiniteLossException"/> naming the step and layer.
        /// </summary>
        private static void CheckedUpdate(INetwork network, IOptimizer optimizer, float loss, float[] lastFinite, int epoch, long step,
            FitOptions options, GradientSegment[] segments)
        {
            int layer = FirstNonFiniteLayer(network, network.Gradients);
            if (!float.IsFinite(loss) || layer >= 0)
                throw new NonFiniteLossException(
                    $"Training diverged at epoch {epoch}, step {step}: the loss is {loss}" +
                    (layer >= 0 ? $" and layer {layer} has non-finite gradients" : "") +
                    ". The weights are those of the last finite step; lower the learning rate, clip gradients, or check the inputs.",
                    epoch, step, layer, loss);
            if (options.ClipValue is { } clipValue) GradientClipping.ClipByValue(network.Gradients, clipValue);
            if (options.ClipNorm is { } clipNorm) GradientClipping.ClipByNormPerSegment(network.Gradients, segments, clipNorm);
            if (options.GlobalClipNorm is { } globalNorm) GradientClipping.ClipByGlobalNorm(network.Gradients, globalNorm);
            network.Parameters.CopyTo(lastFinite);
            OptimizerSteps.Step(optimizer, network.Parameters, network.Gradients, network.MaxThreads);
            network.ApplyConstraints();
            layer = FirstNonFiniteLayer(network, network.Parameters);
            if (layer < 0) return;
            lastFinite.CopyTo(network.Parameters);
            throw new NonFiniteLossException(
                $"Training diverged at epoch {epoch}, step {step}: the update made layer {layer}'s parameters non-finite (loss {loss}). " +
                "The weights are those of the last finite step; lower the learning rate or clip gradients.",
                epoch, step, layer, loss);
        }

        /// <summary>Index of the first layer (input side first) holding a NaN or infinity in <paramref name="buffer"/>, or −1.</summary>
        private static int FirstNonFiniteLayer(INetwork network, ReadOnlySpan<float> buffer)
        {
            if (VectorMath.AllFinite(buffer)) return -1;
            var layers = network.Layers;
            for (int i = 0; i < layers.Count; i++)
                if (!VectorMath.AllFinite(buffer.Slice(layers[i].KernelOffset, layers[i].ParameterCount))) return i;
            return layers.Count - 1;
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
