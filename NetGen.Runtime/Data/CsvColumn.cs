using System;
using System.Globalization;

namespace NetGen
{
    /// <summary>
    /// A CSV column named by its header text or by its index, so <see cref="CsvOptions.LabelColumn"/> and
    /// <see cref="CsvOptions.ExcludedColumns"/> take either: <c>LabelColumn = "species"</c> or <c>LabelColumn = 4</c>.
    /// </summary>
    /// <remarks>
    /// A name is compared with the header's cells ordinally after trimming white space (as the cells of every row
    /// are trimmed), and needs <see cref="CsvOptions.HasHeader"/>. An index counts from 0; a negative one counts
    /// from the end (−1 is the last column).
    /// </remarks>
    public readonly struct CsvColumn : IEquatable<CsvColumn>
    {
        private CsvColumn(string? name, int index)
        {
            Name = name;
            Index = index;
        }

        /// <summary>The header text that names the column, or null when the column is given by <see cref="Index"/>.</summary>
        public string? Name { get; }

        /// <summary>The column's index (negative: from the end); meaningful only when <see cref="Name"/> is null.</summary>
        public int Index { get; }

        /// <summary>The column with header text <paramref name="name"/>.</summary>
        /// <exception cref="ArgumentException">The name is null, empty or white space.</exception>
        public static CsvColumn Named(string name)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A column name must not be empty.", nameof(name));
            return new CsvColumn(name.Trim(), 0);
        }

        /// <summary>The column at <paramref name="index"/> (0 is the first; −1 the last).</summary>
        public static CsvColumn At(int index) => new CsvColumn(null, index);

        /// <summary>The column with header text <paramref name="name"/>; see <see cref="Named"/>.</summary>
        public static implicit operator CsvColumn(string name) => Named(name);

        /// <summary>The column at <paramref name="index"/>; see <see cref="At"/>.</summary>
        public static implicit operator CsvColumn(int index) => At(index);

        /// <summary>Whether both name the same column the same way.</summary>
        public bool Equals(CsvColumn other) => string.Equals(Name, other.Name, StringComparison.Ordinal) && Index == other.Index;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is CsvColumn other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => Name is null ? Index : StringComparer.Ordinal.GetHashCode(Name);

        /// <summary>The quoted name, or the index.</summary>
        public override string ToString() => Name is null ? Index.ToString(CultureInfo.InvariantCulture) : "'" + Name + "'";

        /// <summary>Whether both name the same column the same way.</summary>
        public static bool operator ==(CsvColumn left, CsvColumn right) => left.Equals(right);

        /// <summary>Whether they differ.</summary>
        public static bool operator !=(CsvColumn left, CsvColumn right) => !left.Equals(right);
    }
}
