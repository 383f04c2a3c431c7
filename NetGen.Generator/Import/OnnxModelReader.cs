namespace NetGen.Generator.Import
{
    /// <summary>Reads an ONNX model file's bytes into the dense chain it holds (the ONNX reader's entry point).</summary>
    internal static class OnnxModelReader
    {
        /// <summary>Never throws: whatever cannot be read or recognised comes back as problems.</summary>
        public static ModelReadResult Read(byte[] bytes)
            => new(null, new[] { "ONNX import is being built: this reader does not read graphs yet" });
    }
}
