using System;
using System.ComponentModel;

namespace NetGen.Generated
{
    /// <summary>
    /// Argument checks shared by every generated network, made once per call, outside the hot loops.
    /// Every size product is computed in 64 bits: a batch size times a row width that passes
    /// <see cref="int.MaxValue"/> must be refused, never wrap to a small length that a short span passes.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class NetworkGuards
    {
        /// <summary>
        /// Checks that <paramref name="batchSize"/> is at least 1 and that a buffer of
        /// <paramref name="batchSize"/> rows of the network's widest layer fits in one array, so every
        /// per-batch buffer and every product of the batch size with a layer width fits in an <see cref="int"/>.
        /// </summary>
        public static void CheckBatchSize(int batchSize, int widestLayer)
        {
            if (batchSize < 1)
                throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be at least 1.");
            int limit = MaxBatchSize(widestLayer);
            if (batchSize > limit)
                throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize,
                    $"A batch of {batchSize} is more than this network can hold: at most {limit} samples per call (its widest layer has {widestLayer} units, and one array holds at most {Array.MaxLength} values). Split the batch.");
        }

        /// <summary>The largest batch whose rows of <paramref name="widestLayer"/> values fit in one array.</summary>
        public static int MaxBatchSize(int widestLayer) => Array.MaxLength / Math.Max(1, widestLayer);

        /// <summary>Checks a batch of inputs and targets against the network's sizes.</summary>
        public static void CheckBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize, int inputSize, int targetSize)
        {
            CheckInputs(inputs, batchSize, inputSize);
            long required = (long)batchSize * targetSize;
            if (targets.Length < required)
                throw new ArgumentException($"A batch of {batchSize} needs {required} target values ({targetSize} per sample); got {targets.Length}.", nameof(targets));
        }

        /// <summary>Checks the batch size and the inputs' length.</summary>
        public static void CheckInputs(ReadOnlySpan<float> inputs, int batchSize, int inputSize)
        {
            if (batchSize < 1)
                throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be at least 1.");
            long required = (long)batchSize * inputSize;
            if (inputs.Length < required)
                throw new ArgumentException($"A batch of {batchSize} needs {required} input values ({inputSize} per sample); got {inputs.Length}.", nameof(inputs));
        }

        /// <summary>Checks that an output span can hold <paramref name="batchSize"/> rows of <paramref name="width"/> values.</summary>
        public static void CheckOutputs(Span<float> outputs, int batchSize, int width)
        {
            long required = (long)batchSize * width;
            if (outputs.Length < required)
                throw new ArgumentException($"The output span holds {outputs.Length} values; {required} are needed ({width} per sample for a batch of {batchSize}).", nameof(outputs));
        }

        /// <summary>Checks an optional span: empty, or long enough for <paramref name="batchSize"/> rows of <paramref name="width"/> values.</summary>
        public static void CheckOptional(Span<float> span, int batchSize, int width, string name)
        {
            long required = (long)batchSize * width;
            if (!span.IsEmpty && span.Length < required)
                throw new ArgumentException($"The span holds {span.Length} values; {required} are needed ({width} per sample for a batch of {batchSize}), or pass an empty span.", name);
        }

        /// <summary>The default of <see cref="INetwork.MaxThreads"/>: the processors this process may use.</summary>
        public static int DefaultThreads => Environment.ProcessorCount;

        /// <summary>Returns <paramref name="threads"/> when it is at least 1, else throws.</summary>
        public static int CheckThreads(int threads)
            => threads >= 1 ? threads : throw new ArgumentOutOfRangeException(nameof(threads), threads, "A network needs at least one thread.");

        /// <summary>Returns <paramref name="layer"/> when it is a valid layer index, else throws.</summary>
        public static int CheckLayer(int layer, int layerCount)
            => (uint)layer < (uint)layerCount ? layer : throw new ArgumentOutOfRangeException(nameof(layer), layer, $"The network has layers 0..{layerCount - 1}.");
    }
}
