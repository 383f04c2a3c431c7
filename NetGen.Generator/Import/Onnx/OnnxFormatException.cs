using System;

namespace NetGen.Generator.Import.Onnx
{
    /// <summary>
    /// The bytes are not a well-formed protocol-buffer message (truncated, a length past the end, an invalid
    /// wire type). Thrown only inside the reader and turned into a problem by <see cref="OnnxModelReader"/>.
    /// </summary>
    internal sealed class OnnxFormatException : Exception
    {
        public OnnxFormatException(string message)
            : base(message)
        {
        }
    }
}
