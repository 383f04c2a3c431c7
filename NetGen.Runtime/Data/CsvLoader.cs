using System;
using System.IO;

namespace NetGen
{
    /// <summary>
    /// Reads a labeled classification data set from CSV: numeric feature columns and one label column (the last by
    /// default; by name or index with <see cref="CsvOptions.LabelColumn"/>) holding integer class indices or class
    /// names (text, numbered in ordinal sort order and kept in <see cref="LabeledDataset.ClassNames"/>). A header row
    /// (<see cref="CsvOptions.HasHeader"/>) names the columns; <see cref="CsvOptions.ExcludedColumns"/> skips columns
    /// such as an id. Numbers use the invariant culture ('.' decimal point). A file whose name ends in <c>.gz</c> is decompressed on the fly and checked against its
    /// gzip trailer (CRC-32 and length), so a truncated or damaged file is an error, never a shorter data set.
    /// </summary>
    /// <remarks>
    /// The text is streamed: memory use is about twice the loaded data set (4 bytes per value), however
    /// large the text. Limits, each an error naming the line and column: labels from 0 to
    /// <see cref="MaxClassCount"/> − 1; cells of at most 1,024 characters; at most <see cref="Array.MaxLength"/>
    /// feature values in all. Error messages quote at most 64 characters of a cell, then its length.
    /// A <c>.gz</c> file must be a single gzip member (what gzip, pigz, Python and .NET write).
    /// </remarks>
    public static class CsvLoader
    {
        /// <summary>The most classes a loaded data set may have: labels run from 0 to <c>MaxClassCount − 1</c>.</summary>
        public const int MaxClassCount = 65_536;

        /// <summary>Loads <paramref name="path"/>; see <see cref="Load(TextReader, CsvOptions?)"/>.</summary>
        /// <exception cref="FormatException">
        /// A row is malformed, or a <c>.gz</c> file is not gzip, is truncated or fails its CRC-32 or length check;
        /// the message names the file (and the line and column).
        /// </exception>
        public static LabeledDataset Load(string path, CsvOptions? options = null)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GzipCheckedStream(file) : file;
            using var reader = new StreamReader(stream);
            try
            {
                return Load(reader, options);
            }
            catch (FormatException e)
            {
                throw new FormatException($"{path}: {e.Message}", e);
            }
            catch (InvalidDataException e)
            {
                throw new FormatException($"{path}: not a valid gzip file ({e.Message})", e);
            }
        }

        /// <summary>
        /// Reads every non-empty line of <paramref name="reader"/> (after the header, if any) as one sample. Every row
        /// must have the same number of columns as the header or the first row; every feature must be a finite number.
        /// If the first row's label is a number, every label must be an integer from 0 to <see cref="MaxClassCount"/> − 1;
        /// otherwise every label is a class name (at most <see cref="MaxClassCount"/> distinct ones, none empty).
        /// A header read as data (no <see cref="CsvOptions.HasHeader"/>) is an error that says to set it.
        /// </summary>
        /// <exception cref="ArgumentException">An option names a column but the file has no header (<see cref="CsvOptions.HasHeader"/> is false).</exception>
        /// <exception cref="FormatException">A row is malformed, or a named column is not in the header; the message names the line (and column).</exception>
        public static LabeledDataset Load(TextReader reader, CsvOptions? options = null)
        {
            if (reader is null) throw new ArgumentNullException(nameof(reader));
            return new CsvParser(options ?? new CsvOptions()).Read(reader);
        }
    }
}
