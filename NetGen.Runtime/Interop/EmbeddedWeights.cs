using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace NetGen.Generated
{
    /// <summary>
    /// Copies trained weights that a generated network embeds (float32 little-endian bytes, base64-encoded as a
    /// UTF-8 literal in the assembly's data) into its parameter and state buffers, decoding straight into them.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class EmbeddedWeights
    {
        /// <summary>Decodes <paramref name="base64Utf8"/> into <paramref name="destination"/>, which must receive exactly all of it.</summary>
        /// <exception cref="ArgumentException">The text is not base64 of exactly <paramref name="destination"/>'s length in floats.</exception>
        public static void Copy(ReadOnlySpan<byte> base64Utf8, Span<float> destination)
        {
            var bytes = MemoryMarshal.AsBytes(destination);
            var status = Base64.DecodeFromUtf8(base64Utf8, bytes, out int consumed, out int written);
            if (status != OperationStatus.Done || consumed != base64Utf8.Length || written != bytes.Length)
                throw new ArgumentException($"The embedded weights do not decode to {destination.Length} floats ({status}, {written} bytes).", nameof(base64Utf8));
            if (BitConverter.IsLittleEndian) return;
            for (int i = 0; i < destination.Length; i++)
                destination[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i * sizeof(float)));
        }
    }
}
