using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace NetGen
{
    /// <summary>
    /// The streaming reader behind <see cref="CsvLoader"/>: it reads the text in blocks and parses each cell
    /// where it ends, so neither the text nor a line is ever held whole. Memory is the data set itself,
    /// gathered in chunks and copied once into its final arrays (about twice the data set at the peak),
    /// plus one block of text and one cell of at most <see cref="MaxCellLength"/> characters.
    /// </summary>
    internal sealed class CsvParser
    {
        /// <summary>The longest cell read: no number needs more; a longer cell is reported as malformed.</summary>
        public const int MaxCellLength = 1024;

        /// <summary>How much of a malformed cell an error message quotes.</summary>
        private const int ExcerptLength = 64;

        private const int BlockLength = 1 << 15;

        private readonly char _separator;
        private readonly int _labelOption;
        private readonly ChunkedList<float> _features = new ChunkedList<float>();
        private readonly ChunkedList<int> _labels = new ChunkedList<int>();
        private readonly char[] _cell = new char[MaxCellLength];
        private int _cellKept;
        private long _cellLength;
        private bool _cellBlank = true;
        private long _line = 1;
        private int _cellIndex;
        private bool _skippingHeader;
        private bool _afterCarriageReturn;
        private int _columns = -1;
        private int _labelColumn;
        private List<(string Text, long Length)>? _firstRow = new List<(string, long)>();
        private string? _rowError;

        public CsvParser(CsvOptions options)
        {
            _separator = options.Separator;
            _labelOption = options.LabelColumn;
            _skippingHeader = options.HasHeader;
        }

        public LabeledDataset Read(TextReader reader)
        {
            var block = new char[BlockLength];
            int read;
            while ((read = reader.Read(block, 0, block.Length)) > 0) Consume(block.AsSpan(0, read));
            // A last line without a line break still counts, as TextReader.ReadLine has it.
            if (_cellLength > 0 || _cellIndex > 0) EndCell(_cell.AsSpan(0, _cellKept), _cellLength, _cellBlank, lineEnd: true);
            if (_labels.Count == 0) throw new FormatException("the file holds no samples.");
            return new LabeledDataset(_features.ToArray(), _labels.ToArray(), _columns - 1);
        }

        private void Consume(ReadOnlySpan<char> text)
        {
            while (!text.IsEmpty)
            {
                if (_afterCarriageReturn)
                {
                    _afterCarriageReturn = false;
                    if (text[0] == '\n')
                    {
                        text = text.Slice(1);
                        continue;
                    }
                }
                int end = text.IndexOfAny(_separator, '\n', '\r');
                if (end < 0)
                {
                    Append(text);
                    return;
                }
                var piece = text.Slice(0, end);
                char terminator = text[end];
                text = text.Slice(end + 1);
                bool lineEnd = terminator is '\n' or '\r';
                if (_cellLength == 0)
                {
                    // The whole cell lies in this block: parse it in place.
                    EndCell(piece, piece.Length, piece.IsWhiteSpace(), lineEnd);
                }
                else
                {
                    Append(piece);
                    EndCell(_cell.AsSpan(0, _cellKept), _cellLength, _cellBlank, lineEnd);
                }
                _cellKept = 0;
                _cellLength = 0;
                _cellBlank = true;
                _afterCarriageReturn = terminator == '\r';
            }
        }

        /// <summary>Adds part of a cell that continues in the next block; beyond <see cref="MaxCellLength"/> only its length is kept.</summary>
        private void Append(ReadOnlySpan<char> part)
        {
            int kept = Math.Min(part.Length, MaxCellLength - _cellKept);
            part.Slice(0, kept).CopyTo(_cell.AsSpan(_cellKept));
            _cellKept += kept;
            _cellLength += part.Length;
            if (_cellBlank) _cellBlank = part.IsWhiteSpace();
        }

        private void EndCell(ReadOnlySpan<char> cell, long length, bool blank, bool lineEnd)
        {
            if (lineEnd && _cellIndex == 0 && blank)
            {
                NextLine();
                return;
            }
            if (_skippingHeader)
            {
                if (lineEnd) _skippingHeader = false;
                Advance(lineEnd);
                return;
            }
            if (_firstRow is not null)
            {
                _firstRow.Add((cell.Slice(0, (int)Math.Min(cell.Length, MaxCellLength)).ToString(), length));
                if (lineEnd) EndFirstRow();
                else _cellIndex++;
                return;
            }
            if (_cellIndex < _columns) Parse(cell, length, _cellIndex);
            _cellIndex++;
            if (!lineEnd) return;
            if (_cellIndex != _columns) throw Error($"line {_line}: expected {_columns} columns like the first row; found {_cellIndex}.");
            if (_rowError is not null) throw new FormatException(_rowError);
            NextLine();
        }

        /// <summary>The first data row fixes the width and the label column, then is parsed like any other.</summary>
        private void EndFirstRow()
        {
            var cells = _firstRow!;
            int columns = cells.Count;
            if (columns < 2) throw Error($"line {_line}: a row needs at least one feature and a label; found {columns} column.");
            int labelColumn = _labelOption < 0 ? columns + _labelOption : _labelOption;
            if ((uint)labelColumn >= (uint)columns)
                throw Error($"line {_line}: label column {_labelOption} is outside the row's {columns} columns.");
            _columns = columns;
            _labelColumn = labelColumn;
            _firstRow = null;
            for (int c = 0; c < columns; c++) Parse(cells[c].Text, cells[c].Length, c);
            if (_rowError is not null) throw new FormatException(_rowError);
            NextLine();
        }

        /// <summary>Parses one cell into the data; the row's first bad cell is kept to report once the row's width is known good.</summary>
        private void Parse(ReadOnlySpan<char> cell, long length, int column)
        {
            if (_rowError is not null) return;
            var text = cell.Trim();
            bool whole = length <= MaxCellLength;
            if (column == _labelColumn)
            {
                if (whole && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long label) && label >= 0)
                {
                    if (label < CsvLoader.MaxClassCount)
                    {
                        _labels.Add((int)label);
                        return;
                    }
                    _rowError = TooLarge(text, length, column);
                }
                else if (whole && IsDigits(text))
                {
                    _rowError = TooLarge(text, length, column);
                }
                else
                {
                    _rowError = Error($"line {_line}, column {column + 1}: the label {Quote(text, length)} is not a non-negative integer.").Message;
                }
                return;
            }
            if (whole && float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) && float.IsFinite(value))
            {
                if (_features.Count >= Array.MaxLength)
                    throw Error($"line {_line}: the data set holds more than {Array.MaxLength:N0} feature values, the most one array can hold.");
                _features.Add(value);
                return;
            }
            _rowError = Error($"line {_line}, column {column + 1}: {Quote(text, length)} is not a finite number.").Message;
        }

        private string TooLarge(ReadOnlySpan<char> text, long length, int column)
            => Error($"line {_line}, column {column + 1}: the label {Excerpt(text, length)} exceeds the largest class index, {CsvLoader.MaxClassCount - 1} (a data set holds at most {CsvLoader.MaxClassCount:N0} classes).").Message;

        /// <summary>An optional '+' then decimal digits: an integer too large for a long.</summary>
        private static bool IsDigits(ReadOnlySpan<char> text)
        {
            if (!text.IsEmpty && text[0] == '+') text = text.Slice(1);
            if (text.IsEmpty) return false;
            foreach (char c in text)
                if (!char.IsAsciiDigit(c)) return false;
            return true;
        }

        private void Advance(bool lineEnd)
        {
            if (lineEnd) NextLine();
            else _cellIndex++;
        }

        private void NextLine()
        {
            _line++;
            _cellIndex = 0;
        }

        private static string Quote(ReadOnlySpan<char> text, long length) => "'" + Excerpt(text, length, closeQuote: true);

        /// <summary>The cell itself when short; else its first <see cref="ExcerptLength"/> characters, an ellipsis and its length.</summary>
        private static string Excerpt(ReadOnlySpan<char> text, long length, bool closeQuote = false)
        {
            string quote = closeQuote ? "'" : "";
            if (text.Length <= ExcerptLength && length <= MaxCellLength) return text.ToString() + quote;
            return text.Slice(0, Math.Min(text.Length, ExcerptLength)).ToString() + "…" + quote
                   + string.Create(CultureInfo.InvariantCulture, $" ({length:N0} characters)");
        }

        private static FormatException Error(FormattableString message) => new FormatException(FormattableString.Invariant(message));
    }
}
