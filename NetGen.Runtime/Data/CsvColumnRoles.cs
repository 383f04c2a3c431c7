using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen
{
    /// <summary>What a CSV column holds.</summary>
    internal enum CsvColumnRole : byte
    {
        Feature,
        Label,
        Excluded,
    }

    /// <summary>
    /// Turns <see cref="CsvOptions.LabelColumn"/> and <see cref="CsvOptions.ExcludedColumns"/> (names or indices) into
    /// a role per column, once the width is known: from the header, or else from the first data row.
    /// </summary>
    internal static class CsvColumnRoles
    {
        /// <summary>How many header names an error message lists before it stops.</summary>
        private const int ListedNames = 20;

        /// <summary>Refuses options that name a column when the file has no header to look the name up in.</summary>
        public static void CheckOptions(CsvOptions options)
        {
            if (options.HasHeader) return;
            if (options.LabelColumn.Name is not null)
                throw new ArgumentException($"CsvOptions.LabelColumn names the column {options.LabelColumn}, which needs a header: set CsvOptions.HasHeader = true, or give the column's index.", nameof(options));
            foreach (var column in options.ExcludedColumns)
                if (column.Name is not null)
                    throw new ArgumentException($"CsvOptions.ExcludedColumns names the column {column}, which needs a header: set CsvOptions.HasHeader = true, or give the column's index.", nameof(options));
        }

        /// <summary>One role per column; throws a <see cref="FormatException"/> naming <paramref name="line"/> when a column cannot be found.</summary>
        public static CsvColumnRole[] Resolve(CsvOptions options, IReadOnlyList<string>? header, int columns, long line)
        {
            var roles = new CsvColumnRole[columns];
            int label = Find(options.LabelColumn, "CsvOptions.LabelColumn", header, columns, line);
            roles[label] = CsvColumnRole.Label;
            foreach (var excluded in options.ExcludedColumns)
            {
                int index = Find(excluded, "CsvOptions.ExcludedColumns", header, columns, line);
                if (index == label)
                    throw Error($"line {line}: column {index + 1} ({excluded}) is the label column and is also in CsvOptions.ExcludedColumns.");
                roles[index] = CsvColumnRole.Excluded;
            }
            int features = roles.Count(r => r == CsvColumnRole.Feature);
            if (features == 0)
                throw Error($"line {line}: a row needs at least one feature and a label; of its {columns} columns none is left for features.");
            return roles;
        }

        private static int Find(CsvColumn column, string option, IReadOnlyList<string>? header, int columns, long line)
        {
            if (column.Name is null)
            {
                int index = column.Index < 0 ? columns + column.Index : column.Index;
                if ((uint)index >= (uint)columns)
                    throw Error($"line {line}: {option} {column.Index} is outside the row's {columns} columns.");
                return index;
            }
            int found = -1;
            for (int c = 0; c < columns; c++)
            {
                if (!string.Equals(header![c], column.Name, StringComparison.Ordinal)) continue;
                if (found >= 0)
                    throw Error($"line {line}: the header names columns {found + 1} and {c + 1} {column}, so {option} {column} is ambiguous; give the column's index.");
                found = c;
            }
            if (found < 0)
                throw Error($"line {line}: the header has no column {column} ({option}); its columns are {List(header!)}.");
            return found;
        }

        private static string List(IReadOnlyList<string> header)
        {
            var names = header.Take(ListedNames).Select(n => "'" + (n.Length <= 64 ? n : n.Substring(0, 64) + "…") + "'");
            string more = header.Count > ListedNames ? string.Create(CultureInfo.InvariantCulture, $" and {header.Count - ListedNames} more") : "";
            return string.Join(", ", names) + more;
        }

        private static FormatException Error(FormattableString message) => new FormatException(FormattableString.Invariant(message));
    }
}
