using System;
using System.ComponentModel;

namespace NetGen.Generated
{
    /// <summary>
    /// Copies trained weights that a generated network embeds (as little-endian float32 bytes in the assembly's
    /// data, read without allocating) into its parameter and state buffers.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class EmbeddedWeights
    {
        /// <summary>Decodes <paramref name="bytes"/> (4 per float) into <paramref name="destination"/>, which must have exactly that many floats.</summary>
        /// <exception cref="ArgumentException">The lengths differ.</exception>
        public static void Copy(ReadOnlySpan<byte> bytes, Span<float> destination)
        {
            if (bytes.Length != destination.Length * sizeof(float))
                throw new ArgumentException($"The embedded weights hold {bytes.Length} bytes; the buffer needs {destination.Length * sizeof(float)}.", nameof(bytes));
            FloatCodec.Read(bytes, destination);
        }
    }
}
