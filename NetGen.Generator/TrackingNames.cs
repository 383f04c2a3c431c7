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
        public const string ModelFiles = nameof(ModelFiles);
        public const string ParseImport = nameof(ParseImport);
        public const string ValidateImport = nameof(ValidateImport);
    }
}
