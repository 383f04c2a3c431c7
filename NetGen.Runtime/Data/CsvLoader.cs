using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace NetGen
{
    /// <summary>
    /// Reads a labeled classification data set from CSV: numeric feature columns and one column of
    /// integer class labels (the last by default). Numbers use the invariant culture ('.' decimal
    /// point). A file whose name ends in <c>.gz</c> is decompressed on the fly.
    /// </summary>
    public static class CsvLoader
    {
        /// <summary>Loads <paramref name="path"/>; see <see cref="Load(TextReader, CsvOptions?)"/>.</summary>
        /// <exception cref="FormatException">A row is malformed; the message names the file, line and column.</exception>
        public static LabeledDataset Load(string path, CsvOptions? options = null)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            using Stream file = File.OpenRead(path);
            using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
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
        /// Reads every non-empty line of <paramref name="reader"/> as one sample. Every row must have
        /// the same number of columns; every feature must be a finite number; the label must be a
        /// non-negative integer.
        /// </summary>
        /// <exception cref="FormatException">A row is malformed; the message names the line and column.</exception>
        public static LabeledDataset Load(TextReader reader, CsvOptions? options = null)
        {
            if (reader is null) throw new ArgumentNullException(nameof(reader));
            options ??= new CsvOptions();
            var features = new List<float>();
            var labels = new List<int>();
            int columns = -1, lineNumber = 0;
            bool skipHeader = options.HasHeader;
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                lineNumber++;
                if (line.Length == 0 || string.IsNullOrWhiteSpace(line)) continue;
                if (skipHeader)
                {
                    skipHeader = false;
                    continue;
                }
                string[] cells = line.Split(options.Separator);
                if (columns < 0)
                {
                    columns = cells.Length;
                    if (columns < 2) throw new FormatException($"line {lineNumber}: a row needs at least one feature and a label; found {columns} column.");
                }
                else if (cells.Length != columns)
                {
                    throw new FormatException($"line {lineNumber}: expected {columns} columns like the first row; found {cells.Length}.");
                }
                int labelColumn = options.LabelColumn < 0 ? columns + options.LabelColumn : options.LabelColumn;
                if ((uint)labelColumn >= (uint)columns)
                    throw new FormatException($"line {lineNumber}: label column {options.LabelColumn} is outside the row's {columns} columns.");
                for (int c = 0; c < columns; c++)
                {
                    string cell = cells[c].Trim();
                    if (c == labelColumn)
                    {
                        if (!int.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out int label) || label < 0)
                            throw new FormatException($"line {lineNumber}, column {c + 1}: the label '{cell}' is not a non-negative integer.");
                        labels.Add(label);
                    }
                    else
                    {
                        if (!float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                            throw new FormatException($"line {lineNumber}, column {c + 1}: '{cell}' is not a finite number.");
                        features.Add(value);
                    }
                }
            }
            if (labels.Count == 0) throw new FormatException("the file holds no samples.");
            return new LabeledDataset(features.ToArray(), labels.ToArray(), columns - 1);
        }
    }
}
