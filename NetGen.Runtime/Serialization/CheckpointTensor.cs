using System.Collections.Generic;

namespace NetGen
{
    /// <summary>One tensor read from a safetensors file, as float32, by <see cref="Checkpoint.ReadTensors(string)"/>.</summary>
    public sealed class CheckpointTensor
    {
        internal CheckpointTensor(long[] shape, float[] values)
        {
            Shape = shape;
            Values = values;
        }

        /// <summary>The dimensions, outermost first (row-major, as safetensors and NumPy store them).</summary>
        public IReadOnlyList<long> Shape { get; }

        /// <summary>The values in row-major order; the array belongs to the caller.</summary>
        public float[] Values { get; }
    }
}
