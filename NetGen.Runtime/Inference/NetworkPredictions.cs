using System;
using System.Buffers;

namespace NetGen
{
    /// <summary>
    /// Whole-data-set helpers on any network (Keras's <c>predict</c> and <c>evaluate</c>): they run the batched
    /// <see cref="INetwork.Predict(ReadOnlySpan{float}, Span{float}, int)"/> over the rows in chunks of at most
    /// <see cref="ChunkRows"/>, so memory stays bounded whatever the data size, and allocate only the arrays they
    /// return (working buffers are rented from the shared pool). Like Predict they may run on one network from
    /// many threads at once; like Predict they must not overlap training on the same instance.
    /// </summary>
    public static class NetworkPredictions
    {
        /// <summary>Rows per call to the network (Keras's <c>predict</c> uses batches of 32; larger chunks run faster here).</summary>
        public const int ChunkRows = 256;

        /// <summary>
        /// What <see cref="INetwork.Predict(ReadOnlySpan{float}, Span{float}, int)"/> returns for every row of
        /// <paramref name="features"/> ([rows × InputSize]): class probabilities for the cross-entropy losses, values
        /// for mean squared error; [rows × OutputSize], row-major.
        /// </summary>
        /// <exception cref="ArgumentException">The features are not whole rows, or one is NaN or infinite.</exception>
        public static float[] PredictAll(this INetwork net, ReadOnlySpan<float> features)
        {
            int rows = CheckedRows(net, features);
            var outputs = new float[(long)rows * net.OutputSize];
            ForEachChunk(net, features, rows, (network, input, start, count, output) => network.Predict(input, output.AsSpan(start * network.OutputSize, count * network.OutputSize), count), outputs);
            return outputs;
        }

        /// <summary>
        /// The raw output values before the output activation for every row ([rows × OutputSize]): logits of a
        /// softmax or sigmoid network (which <see cref="PredictAll"/> turns into probabilities), and for mean squared
        /// error the output layer's values before its activation (equal to PredictAll when that is linear).
        /// </summary>
        /// <exception cref="ArgumentException">The features are not whole rows, or one is NaN or infinite.</exception>
        public static float[] PredictLogits(this INetwork net, ReadOnlySpan<float> features)
        {
            int rows = CheckedRows(net, features);
            var outputs = new float[(long)rows * net.OutputSize];
            ForEachChunk(net, features, rows, (network, input, start, count, output) => network.PredictLogits(input, output.AsSpan(start * network.OutputSize, count * network.OutputSize), count), outputs);
            return outputs;
        }

        /// <summary>
        /// The predicted class of every row: the arg-max of the outputs (the first on ties, as NumPy) for softmax and
        /// categorical cross-entropy; for binary cross-entropy with one output, 1 when p &gt; 0.5 (logit &gt; 0; Keras's
        /// <c>binary_accuracy</c> rule, as <see cref="Accuracy"/> and <see cref="ConfusionMatrix"/> count) and 0 otherwise; for binary cross-entropy with several outputs, the arg-max (the most probable label; for
        /// multi-label predictions threshold <see cref="PredictAll"/> per output instead).
        /// </summary>
        /// <exception cref="ArgumentException">The features are not whole rows, or one is NaN or infinite.</exception>
        /// <exception cref="InvalidOperationException">The network is a regression (mean squared error), which has no classes.</exception>
        public static int[] PredictClasses(this INetwork net, ReadOnlySpan<float> features)
        {
            int rows = CheckedRows(net, features);
            if (net.Loss == Loss.MeanSquaredError)
                throw new InvalidOperationException($"{net.GetType().Name} is a regression network (mean squared error): it predicts values, not classes. Use PredictAll.");
            var classes = new int[rows];
            int width = net.OutputSize;
            float[] buffer = ArrayPool<float>.Shared.Rent(Math.Min(rows, ChunkRows) * width);
            try
            {
                for (int start = 0; start < rows; start += ChunkRows)
                {
                    int count = Math.Min(ChunkRows, rows - start);
                    var output = buffer.AsSpan(0, count * width);
                    net.Predict(features.Slice(start * net.InputSize, count * net.InputSize), output, count);
                    for (int row = 0; row < count; row++)
                    {
                        var values = output.Slice(row * width, width);
                        classes[start + row] = width == 1 ? (values[0] > 0.5f ? 1 : 0) : Accuracy.ArgMax(values);
                    }
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(buffer);
            }
            return classes;
        }

        /// <summary>
        /// Keras's <c>evaluate</c>: the mean loss (the same value <see cref="INetwork.Evaluate"/> gives over the
        /// whole set, kernel penalties included) and the metrics that fit the loss: accuracy for classification;
        /// MAE, RMSE and R² for regression. <paramref name="targets"/> is in the network's target layout.
        /// </summary>
        /// <exception cref="ArgumentException">Data of the wrong shape, no rows, a non-finite feature, or a target the loss cannot take.</exception>
        public static EvaluationResult Evaluate(this INetwork net, ReadOnlySpan<float> features, ReadOnlySpan<float> targets)
        {
            int rows = CheckedRows(net, features);
            if (rows == 0) throw new ArgumentException("features holds no rows: there is nothing to evaluate.", nameof(features));
            if (targets.Length != (long)rows * net.TargetSize)
                throw new ArgumentException($"{rows} rows need {(long)rows * net.TargetSize} target values ({net.TargetSize} per row); targets holds {targets.Length}.", nameof(targets));
            DataChecks.CheckTargets(net, targets, new DataSetName(nameof(targets), "evaluated data"));
            var metrics = new EvaluationAccumulator(net, targets, rows);
            int width = net.OutputSize;
            float[] buffer = ArrayPool<float>.Shared.Rent(Math.Min(rows, ChunkRows) * width);
            try
            {
                for (int start = 0; start < rows; start += ChunkRows)
                {
                    int count = Math.Min(ChunkRows, rows - start);
                    var output = buffer.AsSpan(0, count * width);
                    var chunkTargets = targets.Slice(start * net.TargetSize, count * net.TargetSize);
                    float loss = net.Evaluate(features.Slice(start * net.InputSize, count * net.InputSize), chunkTargets, output, count);
                    metrics.Add(loss, output, chunkTargets, count);
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(buffer);
            }
            return metrics.Result();
        }

        private delegate void ChunkAction(INetwork network, ReadOnlySpan<float> input, int start, int count, float[] output);

        private static void ForEachChunk(INetwork net, ReadOnlySpan<float> features, int rows, ChunkAction action, float[] output)
        {
            for (int start = 0; start < rows; start += ChunkRows)
            {
                int count = Math.Min(ChunkRows, rows - start);
                action(net, features.Slice(start * net.InputSize, count * net.InputSize), start, count, output);
            }
        }

        /// <summary>The number of rows, after checking the network, the shape and that every feature is finite.</summary>
        private static int CheckedRows(INetwork net, ReadOnlySpan<float> features)
        {
            if (net is null) throw new ArgumentNullException(nameof(net));
            if (features.Length % net.InputSize != 0)
                throw new ArgumentException($"features holds {features.Length} values, not whole rows of {net.InputSize} features.", nameof(features));
            int rows = features.Length / net.InputSize;
            if ((long)rows * net.OutputSize > Array.MaxLength)
                throw new ArgumentException($"{rows} rows of {net.OutputSize} outputs do not fit one array; predict the rows in parts.", nameof(features));
            DataChecks.CheckFeatures(features, net.InputSize, new DataSetName(nameof(features), "predicted data"));
            return rows;
        }
    }
}
