namespace NetGen.Generator
{
    /// <summary>Names of the pipeline steps, so caching tests can find them.</summary>
    internal static class TrackingNames
    {
        public const string Parse = nameof(Parse);
        public const string Validate = nameof(Validate);
        public const string Diagnostics = nameof(Diagnostics);
        public const string Spec = nameof(Spec);
        public const string HintNames = nameof(HintNames);
    }

    /// <summary>
    /// Names of the steps that have outputs only when the project has model files (AdditionalFiles *.onnx,
    /// *.safetensors) or [OnnxModel] classes; the import caching tests follow them (the attribute-path tests
    /// require every step in <see cref="TrackingNames"/> to run for an attribute network).
    /// </summary>
    internal static class ImportTrackingNames
    {
        public const string ModelFiles = nameof(ModelFiles);
        public const string ParseImport = nameof(ParseImport);
        public const string ValidateImport = nameof(ValidateImport);
    }
}
