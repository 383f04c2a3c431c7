using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;

namespace NetGen
{
    /// <summary>
    /// Writes one Keras-style line per epoch to a <see cref="TextWriter"/>, e.g.
    /// <c>Epoch 3/20 - 0.41s - loss: 0.1234 - accuracy: 0.9612 - val_loss: 0.1500 - val_accuracy: 0.9500</c>
    /// (accuracies only for classification, validation values only with validation data). Add it to
    /// <see cref="FitOptions.Callbacks"/>: <c>Callbacks = { new ProgressReporter(Console.Out) }</c>.
    /// </summary>
    /// <remarks>
    /// On an interactive console it also keeps a batch counter with the running loss on the current line,
    /// rewritten with a carriage return at most ten times a second and replaced by the epoch's line at the end.
    /// "Interactive" means the writer is <see cref="Console.Out"/> and standard output is not redirected: a file,
    /// a pipe, a log or a <see cref="StringWriter"/> gets only the epoch lines, with no control characters.
    /// </remarks>
    public sealed class ProgressReporter : TrainingCallback
    {
        private static readonly long RefreshTicks = Stopwatch.Frequency / 10;
        private readonly TextWriter _writer;
        private readonly bool _batchCounter;
        private long _lastRefresh;
        private int _counterLength;
        private double _lossSum;
        private long _samples;

        /// <summary>Reports to <paramref name="writer"/>; the batch counter is on only for an interactive console (see remarks).</summary>
        /// <param name="writer">Where the lines go, e.g. <see cref="Console.Out"/>.</param>
        public ProgressReporter(TextWriter writer)
            : this(writer, ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected)
        {
        }

        /// <summary>Reports to <paramref name="writer"/>, with the carriage-return batch counter on or off as given.</summary>
        /// <param name="writer">Where the lines go.</param>
        /// <param name="batchCounter">Whether to rewrite a batch counter on the current line during each epoch.</param>
        public ProgressReporter(TextWriter writer, bool batchCounter)
        {
            _writer = writer ?? throw new ArgumentNullException(nameof(writer));
            _batchCounter = batchCounter;
        }

        /// <inheritdoc />
        public override void OnEpochBegin(TrainingContext context, int epoch)
        {
            _lossSum = 0;
            _samples = 0;
            _counterLength = 0;
            _lastRefresh = Stopwatch.GetTimestamp();
        }

        /// <inheritdoc />
        public override void OnTrainBatchEnd(TrainingContext context, BatchMetrics batch)
        {
            if (!_batchCounter) return;
            _lossSum += (double)batch.Loss * batch.Samples;
            _samples += batch.Samples;
            long now = Stopwatch.GetTimestamp();
            if (now - _lastRefresh < RefreshTicks) return;
            _lastRefresh = now;
            string counter = string.Create(CultureInfo.InvariantCulture, $"Epoch {batch.Epoch}/{context.Epochs} - batch {batch.Batch + 1} - loss: {_lossSum / _samples:0.0000}");
            _writer.Write('\r');
            _writer.Write(counter);
            _counterLength = counter.Length;
            _writer.Flush();
        }

        /// <inheritdoc />
        public override void OnEpochEnd(TrainingContext context, EpochMetrics metrics)
        {
            if (context is null) throw new ArgumentNullException(nameof(context));
            if (metrics is null) throw new ArgumentNullException(nameof(metrics));
            string line = Format(metrics, context.Epochs);
            if (_counterLength > 0) _writer.Write('\r' + line.PadRight(_counterLength));
            else _writer.Write(line);
            _writer.WriteLine();
            _writer.Flush();
        }

        /// <summary>The epoch's line: <c>Epoch e/E - 0.41s - loss: … - accuracy: … - val_loss: … - val_accuracy: …</c>.</summary>
        internal static string Format(EpochMetrics metrics, int epochs)
        {
            var line = new StringBuilder();
            line.Append(CultureInfo.InvariantCulture, $"Epoch {metrics.Epoch}/{epochs} - {metrics.Elapsed.TotalSeconds:0.00}s - loss: {metrics.Loss:0.0000}");
            if (metrics.Accuracy is { } accuracy) line.Append(CultureInfo.InvariantCulture, $" - accuracy: {accuracy:0.0000}");
            if (metrics.ValidationLoss is { } validationLoss) line.Append(CultureInfo.InvariantCulture, $" - val_loss: {validationLoss:0.0000}");
            if (metrics.ValidationAccuracy is { } validationAccuracy) line.Append(CultureInfo.InvariantCulture, $" - val_accuracy: {validationAccuracy:0.0000}");
            return line.ToString();
        }
    }
}
