namespace NetGen
{
    /// <summary>
    /// Bytes per element of every dtype the safetensors format defines: one table for the runtime's reader
    /// (<c>SafetensorsDtype</c>) and the generator's build-time reader, which links this file.
    /// </summary>
    internal static class SafetensorsElementSize
    {
        /// <summary>Bytes per element of <paramref name="dtype"/>, or 0 for a name the format does not define.</summary>
        public static int Of(string dtype) => dtype switch
        {
            "F64" or "I64" or "U64" => 8,
            "F32" or "I32" or "U32" => 4,
            "F16" or "BF16" or "I16" or "U16" => 2,
            "I8" or "U8" or "BOOL" or "F8_E4M3" or "F8_E5M2" => 1,
            _ => 0,
        };
    }
}
