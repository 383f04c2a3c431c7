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
        private readonly CsvOptions _options;
        private readonly ChunkedList<float> _features = new ChunkedList<float>();
        private readonly ChunkedList<int> _labels = new ChunkedList<int>();
        private readonly char[] _cell = new char[MaxCellLength];
        private int _cellKept;
        private long _cellLength;
        private bool _cellBlank = true;
        private long _line = 1;
        private int _cellIndex;
        private bool _afterCarriageReturn;
        private int _columns = -1;
        private CsvColumnRole[] _roles = Array.Empty<CsvColumnRole>();
        /// <summary>The header's cells while it is read and after; null without a header.</summary>
        private readonly List<string>? _header;
        private bool _readingHeader;
        /// <summary>The first data row's cells, held until the row's width fixes the columns' roles; null once it has.</summary>
        private List<(string Text, long Length)>? _firstRow;
        private bool _inFirstRow;
        private LabelKind _labelKind;
        private CsvClassNames? _classNames;
        private string? _rowError;

        /// <summary>Whether the label column holds class indices or class names; the first data row decides.</summary>
        private enum LabelKind : byte
        {
            Undecided,
            Indices,
            Names,
        }

        public CsvParser(CsvOptions options)
        {
            CsvColumnRoles.CheckOptions(options);
            _options = options;
            _separator = options.Separator;
            _readingHeader = options.HasHeader;
            if (_readingHeader) _header = new List<string>();
            else _firstRow = new List<(string, long)>();
        }

        public LabeledDataset Read(TextReader reader)
        {
            var block = new char[BlockLength];
            int read;
            while ((read = reader.Read(block, 0, block.Length)) > 0) Consume(block.AsSpan(0, read));
            // A last line without a line break still counts, as TextReader.ReadLine has it.
            if (_cellLength > 0 || _cellIndex > 0) EndCell(_cell.AsSpan(0, _cellKept), _cellLength, _cellBlank, lineEnd: true);
            if (_labels.Count == 0) throw new FormatException("the file holds no samples.");
            var labels = _labels.ToArray();
            string[]? classNames = _classNames?.Sort(labels);
            string[]? featureNames = null;
            if (_header is not null)
            {
                var names = new List<string>();
                for (int c = 0; c < _columns; c++)
                    if (_roles[c] == CsvColumnRole.Feature) names.Add(_header[c]);
                featureNames = names.ToArray();
            }
            int featureCount = 0;
            foreach (var role in _roles)
                if (role == CsvColumnRole.Feature) featureCount++;
            return new LabeledDataset(_features.ToArray(), labels, featureCount, classNames, featureNames);
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
            if (_readingHeader)
            {
                _header!.Add(Keep(cell, length).Trim());
                if (lineEnd) EndHeader();
                else _cellIndex++;
                return;
            }
            if (_firstRow is not null)
            {
                _firstRow.Add((Keep(cell, length), length));
                if (lineEnd) EndFirstRow();
                else _cellIndex++;
                return;
            }
            if (_cellIndex < _columns) Parse(cell, length, _cellIndex);
            _cellIndex++;
            if (!lineEnd) return;
            if (_cellIndex != _columns)
                throw Error($"line {_line}: expected {_columns} columns like the {(_header is null ? "first row" : "header")}; found {_cellIndex}.");
            if (_rowError is not null) throw new FormatException(_rowError);
            NextLine();
        }

        /// <summary>The header fixes the width and the columns' roles; data rows are then parsed as they stream.</summary>
        private void EndHeader()
        {
            _readingHeader = false;
            _columns = _header!.Count;
            _roles = CsvColumnRoles.Resolve(_options, _header, _columns, _line);
            NextLine();
        }

        /// <summary>Without a header, the first data row fixes the width and the label column, then is parsed like any other.</summary>
        private void EndFirstRow()
        {
            var cells = _firstRow!;
            int columns = cells.Count;
            if (columns < 2) throw Error($"line {_line}: a row needs at least one feature and a label; found {columns} column.");
            _roles = CsvColumnRoles.Resolve(_options, null, columns, _line);
            _columns = columns;
            _firstRow = null;
            _inFirstRow = true;
            for (int c = 0; c < columns; c++) Parse(cells[c].Text, cells[c].Length, c);
            _inFirstRow = false;
            if (_rowError is not null) throw new FormatException(_rowError);
            NextLine();
        }

        /// <summary>The part of a cell that is kept: all of it, up to <see cref="MaxCellLength"/> characters.</summary>
        private static string Keep(ReadOnlySpan<char> cell, long length) => cell.Slice(0, Math.Min(cell.Length, MaxCellLength)).ToString();

        /// <summary>Parses one cell into the data; the row's first bad cell is kept to report once the row's width is known good.</summary>
        private void Parse(ReadOnlySpan<char> cell, long length, int column)
        {
            if (_rowError is not null) return;
            switch (_roles[column])
            {
                case CsvColumnRole.Excluded:
                    return;
                case CsvColumnRole.Label:
                    ParseLabel(cell.Trim(), length, column);
                    return;
            }
            var text = cell.Trim();
            if (length <= MaxCellLength && float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) && float.IsFinite(value))
            {
                if (_features.Count >= Array.MaxLength)
                    throw Error($"line {_line}: the data set holds more than {Array.MaxLength:N0} feature values, the most one array can hold.");
                _features.Add(value);
                return;
            }
            // A header row read as data fails here first: say what to do about it.
            string hint = _inFirstRow && !IsNumber(text)
                ? $" If line {_line} is a header of column names, set CsvOptions.HasHeader = true."
                : "";
            _rowError = Error($"line {_line}, column {column + 1}: {Quote(text, length)} is not a finite number.{hint}").Message;
        }

        /// <summary>A class index, or a class name when the first data row's label was not a number.</summary>
        private void ParseLabel(ReadOnlySpan<char> text, long length, int column)
        {
            bool whole = length <= MaxCellLength;
            if (_labelKind == LabelKind.Undecided)
            {
                _labelKind = !whole || IsNumber(text) || text.IsEmpty ? LabelKind.Indices : LabelKind.Names;
                if (_labelKind == LabelKind.Names) _classNames = new CsvClassNames();
            }
            if (_labelKind == LabelKind.Names)
            {
                if (!whole)
                    _rowError = Error($"line {_line}, column {column + 1}: the class name {Quote(text, length)} is longer than {MaxCellLength:N0} characters.").Message;
                else if (text.IsEmpty)
                    _rowError = Error($"line {_line}, column {column + 1}: the label is empty; the first row's label is a class name, so every row needs one.").Message;
                else if (_classNames!.TryGetIndex(text, CsvLoader.MaxClassCount, out int index))
                    _labels.Add(index);
                else
                    _rowError = Error($"line {_line}, column {column + 1}: the label {Quote(text, length)} is a new class beyond the {CsvLoader.MaxClassCount:N0} a data set may hold.").Message;
                return;
            }
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
                string hint = !_inFirstRow && whole && !IsNumber(text)
                    ? " The first data row's label is a number, so this column holds class indices and every label must be one."
                    : "";
                _rowError = Error($"line {_line}, column {column + 1}: the label {Quote(text, length)} is not a non-negative integer.{hint}").Message;
            }
        }

        /// <summary>Whether a cell reads as a number of any kind (a class index, or a malformed one such as −1 or 0.5).</summary>
        private static bool IsNumber(ReadOnlySpan<char> text)
            => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || IsDigits(text);

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
