using System;

namespace NetGen
{
    /// <summary>
    /// Generates the network from a trained ONNX model at build time: the graph decides the layers, and the
    /// trained weights are embedded in the assembly as the network's starting parameters. The class carries
    /// no layer attributes. The file must reach the compiler as an <c>AdditionalFiles</c> item (the NetGen
    /// package adds every <c>*.onnx</c> of the project; see docs/IMPORT.md).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class OnnxModelAttribute : Attribute
    {
        /// <summary>Names the model file.</summary>
        /// <param name="path">The ONNX file, relative to the project directory.</param>
        public OnnxModelAttribute(string path) => Path = path;

        /// <summary>The ONNX file, relative to the project directory.</summary>
        public string Path { get; }

        /// <summary>
        /// The training loss. When not set it follows the graph's output: Softmax or LogSoftmax → softmax
        /// cross-entropy, Sigmoid → binary cross-entropy, none → mean squared error.
        /// </summary>
        public Loss Loss { get; set; }
    }
}
