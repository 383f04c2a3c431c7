using System;
using System.ComponentModel;

namespace NetGen.Generated
{
    /// <summary>Argument checks shared by every generated network, made once per call, outside the hot loops.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class NetworkGuards
    {
        /// <summary>Checks a batch of inputs and targets against the network's sizes.</summary>
        public static void CheckBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize, int inputSize, int targetSize)
        {
            CheckInputs(inputs, batchSize, inputSize);
            if (targets.Length < batchSize * targetSize)
                throw new ArgumentException($"A batch of {batchSize} needs {batchSize * targetSize} target values ({targetSize} per sample); got {targets.Length}.", nameof(targets));
        }

        /// <summary>Checks the batch size and the inputs' length.</summary>
        public static void CheckInputs(ReadOnlySpan<float> inputs, int batchSize, int inputSize)
        {
            if (batchSize < 1)
                throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be at least 1.");
            if (inputs.Length < batchSize * inputSize)
                throw new ArgumentException($"A batch of {batchSize} needs {batchSize * inputSize} input values ({inputSize} per sample); got {inputs.Length}.", nameof(inputs));
        }

        /// <summary>Checks that an output span can hold <paramref name="required"/> values.</summary>
        public static void CheckOutputs(Span<float> outputs, int required)
        {
            if (outputs.Length < required)
                throw new ArgumentException($"The output span holds {outputs.Length} values; {required} are needed.", nameof(outputs));
        }

        /// <summary>Checks an optional span: empty, or long enough.</summary>
        public static void CheckOptional(Span<float> span, int required, string name)
        {
            if (!span.IsEmpty && span.Length < required)
                throw new ArgumentException($"The span holds {span.Length} values; {required} are needed (or pass an empty span).", name);
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
