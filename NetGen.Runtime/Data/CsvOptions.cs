namespace NetGen
{
    /// <summary>How <see cref="CsvLoader"/> reads a file.</summary>
    public sealed class CsvOptions
    {
        /// <summary>The column separator (default ',').</summary>
        public char Separator { get; set; } = ',';

        /// <summary>Whether the first non-empty line is a header to skip (default false).</summary>
        public bool HasHeader { get; set; }

        /// <summary>Index of the label column; negative counts from the end (default −1, the last column).</summary>
        public int LabelColumn { get; set; } = -1;
    }
}
