using System.Collections.Generic;

namespace NetGen
{
    /// <summary>How <see cref="CsvLoader"/> reads a file.</summary>
    public sealed class CsvOptions
    {
        /// <summary>The column separator (default ',').</summary>
        public char Separator { get; set; } = ',';

        /// <summary>
        /// Whether the first non-empty line is a header of column names (default false). The names are kept in
        /// <see cref="LabeledDataset.FeatureNames"/> and let <see cref="LabelColumn"/> and <see cref="ExcludedColumns"/>
        /// name columns. A header read as data is an error that says to set this.
        /// </summary>
        public bool HasHeader { get; set; }

        /// <summary>
        /// The label column, by header name (<c>"species"</c>, needs <see cref="HasHeader"/>) or by index (negative
        /// counts from the end). Default −1, the last column. Its cells are either all non-negative integers (class
        /// indices) or class names (see <see cref="LabeledDataset.ClassNames"/>); the first data row decides which.
        /// </summary>
        public CsvColumn LabelColumn { get; set; } = -1;

        /// <summary>
        /// Columns that are neither features nor the label, for example an id column, by name or index
        /// (<c>ExcludedColumns = { "id" }</c>). Their cells are skipped unread, so they may hold any text. Default: none.
        /// </summary>
        public IList<CsvColumn> ExcludedColumns { get; } = new List<CsvColumn>();
    }
}
