namespace NetGen.Generator.Models
{
    /// <summary>[Weights("…")] or [OnnxModel("…")] as written: the path relative to the project, and the whole attribute.</summary>
    /// <param name="Path">The path as written.</param>
    /// <param name="Location">The whole attribute, where every diagnostic about the file goes.</param>
    /// <param name="IsOnnx">An ONNX graph ([OnnxModel]) rather than a state dict ([Weights]).</param>
    internal sealed record ModelFileReference(string Path, LocationInfo? Location, bool IsOnnx);

    /// <summary>
    /// What the pipeline keeps of one model file passed as an AdditionalFiles item: its path, a content hash and
    /// the shapes the rules need; never the tensors, which the output step reads from the file again. Equal
    /// summaries mean the same file contents, so an unrelated edit leaves every step after it cached.
    /// </summary>
    /// <param name="Path">The file's full path as the compiler got it.</param>
    /// <param name="Hash">SHA-256 of the contents, hex.</param>
    /// <param name="Problems">Why the file cannot be imported (empty when it can).</param>
    /// <param name="Tensors">A safetensors file's tensors, in file order.</param>
    /// <param name="Graph">An ONNX file's dense chain, or null.</param>
    internal sealed record ModelFileSummary(string Path, string Hash, EquatableArray<string> Problems, EquatableArray<TensorSummary> Tensors, ImportedGraphShape? Graph);

    /// <summary>A tensor's name and shape.</summary>
    internal sealed record TensorSummary(string Name, EquatableArray<long> Shape);

    /// <summary>The shape of an imported ONNX dense chain: what an attribute-declared twin would declare.</summary>
    /// <param name="Inputs">Features per sample.</param>
    /// <param name="Layers">The dense layers, input side first.</param>
    /// <param name="OutputLoss">The loss the graph's final activation implies (Softmax → softmax cross-entropy …).</param>
    /// <param name="HasNormalization">Input normalization before the first layer (folded into its kernel and bias).</param>
    internal sealed record ImportedGraphShape(int Inputs, EquatableArray<ImportedLayerShape> Layers, Loss OutputLoss, bool HasNormalization);

    /// <summary>One imported dense layer's settings.</summary>
    /// <param name="Name">The node it was read from, for messages.</param>
    /// <param name="Units">Units of the layer.</param>
    /// <param name="Activation">Its activation (Linear for none).</param>
    /// <param name="Alpha">LeakyReLU's slope or ELU's alpha.</param>
    /// <param name="HasBias">Whether it adds a bias.</param>
    /// <param name="BatchNorm">Where its batch norm sits, or null for none.</param>
    /// <param name="Epsilon">The batch norm's ε (0 without one).</param>
    internal sealed record ImportedLayerShape(string Name, int Units, Act Activation, float Alpha, bool HasBias, BatchNormPlacement? BatchNorm, float Epsilon);

    /// <summary>The file a network's embedded starting weights come from, and the contents' hash the rules checked.</summary>
    internal sealed record EmbeddedWeightsSpec(string Path, string Hash, bool IsOnnx);

    /// <summary>The trained values of an imported network, laid out as its parameter and state buffers (read in the output step, never cached).</summary>
    internal sealed class TrainedValues
    {
        public TrainedValues(float[] parameters, float[] state)
        {
            Parameters = parameters;
            State = state;
        }

        public float[] Parameters { get; }

        public float[] State { get; }
    }

    /// <summary>[OnnxModel] on a class: the type as Parsing reads any network, the file, and Loss = … if written.</summary>
    /// <param name="Network">The type; its Attributes stay null until the file's graph declares them.</param>
    /// <param name="File">The model file as written.</param>
    /// <param name="Loss">Loss = … when written.</param>
    /// <param name="LayerAttributes">A [Network], [Layers], [Dense]… beside [OnnxModel] (the graph decides the shape), or null.</param>
    internal sealed record OnnxModelDeclaration(NetworkDeclaration Network, ModelFileReference File, WrittenValue<Loss>? Loss, WrittenValue<string>? LayerAttributes);

    /// <summary>Parsing's answer for an [OnnxModel] class.</summary>
    internal sealed record OnnxParseResult(OnnxModelDeclaration? Declaration, EquatableArray<DiagnosticInfo> Diagnostics);
}

namespace NetGen.Generator.Models
{
    /// <summary>Finds the AdditionalFiles item an attribute's path names.</summary>
    internal static class ModelFileLookup
    {
        /// <summary>
        /// The summary whose full path is <paramref name="path"/> or ends with it after a directory separator
        /// (the attribute's path is relative to the project directory, the compiler's paths are absolute); of
        /// several, the shortest path (the one nearest the project), or null when none matches.
        /// </summary>
        public static ModelFileSummary? Find(System.Collections.Generic.IEnumerable<ModelFileSummary> files, string path)
        {
            string wanted = Normalize(path);
            while (wanted.StartsWith("./", System.StringComparison.Ordinal)) wanted = wanted.Substring(2);
            ModelFileSummary? best = null;
            foreach (var file in files)
            {
                string candidate = Normalize(file.Path);
                bool match = candidate == wanted || candidate.EndsWith("/" + wanted, System.StringComparison.Ordinal);
                if (match && (best is null || file.Path.Length < best.Path.Length)) best = file;
            }
            return best;
        }

        private static string Normalize(string path) => path.Replace('\\', '/');
    }
}
