using System;

namespace NetGen
{
    /// <summary>
    /// Starts the declared network from trained weights read at build time from a safetensors file (a PyTorch
    /// <c>state_dict</c> of <c>nn.Sequential</c> or named modules, or NetGen's own names) and embedded in the
    /// assembly. The network keeps its attributes; every tensor must match a declared layer by order and shape.
    /// The file must reach the compiler as an <c>AdditionalFiles</c> item (the NetGen package adds every
    /// <c>*.safetensors</c> of the project; see docs/IMPORT.md).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class WeightsAttribute : Attribute
    {
        /// <summary>Names the weights file.</summary>
        /// <param name="path">The safetensors file, relative to the project directory.</param>
        public WeightsAttribute(string path) => Path = path;

        /// <summary>The safetensors file, relative to the project directory.</summary>
        public string Path { get; }
    }
}
