using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen.Generator.Import
{
    /// <summary>One tensor of a safetensors header: name, dtype, shape and its byte range in the data buffer.</summary>
    internal sealed record SafetensorsTensor(string Name, string DataType, long[] Shape, long Begin, long End);

    /// <summary>
    /// A build-time safetensors reader (8-byte little-endian header length N, N bytes of JSON, the data):
    /// the header's tensors in file order, or the first problem found. Never throws: the generator must turn
    /// every bad file into a diagnostic. Reads F32, F16, BF16 and F64 as float32, like the runtime.
    /// </summary>
    internal static class SafetensorsReader
    {
        private const long MaxHeaderLength = 100_000_000;

        /// <summary>The tensors in header order, or null with <paramref name="problem"/> saying what is wrong.</summary>
        public static List<SafetensorsTensor>? ReadHeader(byte[] file, out string? problem, out int dataStart)
        {
            problem = null;
            dataStart = 0;
            if (file.Length < 8)
            {
                problem = $"the file has {file.Length} bytes; a safetensors file starts with an 8-byte header length";
                return null;
            }
            ulong length = BitConverter.ToUInt64(file, 0);
            if (!BitConverter.IsLittleEndian) length = Swap(length);
            if (length > MaxHeaderLength || length > (ulong)(file.Length - 8))
            {
                problem = $"the header length {length} does not fit the file's {file.Length} bytes: it is truncated or not a safetensors file";
                return null;
            }
            dataStart = 8 + (int)length;
            string json;
            try
            {
                json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(file, 8, (int)length);
            }
            catch (ArgumentException)
            {
                problem = "the header is not valid UTF-8: not a safetensors file";
                return null;
            }
            var parser = new HeaderParser(json);
            var tensors = parser.Parse();
            if (tensors is null)
            {
                problem = "the header is not a safetensors header: " + parser.Problem;
                return null;
            }
            long dataLength = file.Length - dataStart;
            foreach (var tensor in tensors)
            {
                int size = SafetensorsElementSize.Of(tensor.DataType); // any dtype, PyTorch's I64 step counters included
                bool counter = StateDictKeys.IsBatchCounter(tensor.Name);
                if (size == 0 || (ElementSize(tensor.DataType) == 0 && !counter))
                {
                    problem = $"tensor {tensor.Name}: dtype {tensor.DataType} is not supported (F32, F16, BF16 and F64 are read as float32)";
                    return null;
                }
                long count = 1;
                foreach (long dimension in tensor.Shape)
                {
                    if (dimension < 0 || dimension > int.MaxValue || (count *= dimension) > int.MaxValue) { count = -1; break; }
                }
                if (count < 0 || tensor.Begin < 0 || tensor.End > dataLength || tensor.End - tensor.Begin != count * size)
                {
                    problem = $"tensor {tensor.Name}: its data offsets [{tensor.Begin}, {tensor.End}) do not hold shape {StateDictKeys.Shape(tensor.Shape)} of {tensor.DataType} within the file's {dataLength} data bytes (truncated?)";
                    return null;
                }
            }
            return tensors;
        }

        /// <summary>Bytes per element of a dtype this reader converts; 0 for any other.</summary>
        public static int ElementSize(string dtype) => dtype switch
        {
            "F64" => 8,
            "F32" => 4,
            "F16" or "BF16" => 2,
            _ => 0,
        };

        /// <summary>The tensor as float32 (F16 and BF16 exactly, F64 rounded to nearest), little-endian in the file.</summary>
        public static float[] ToFloat32(byte[] file, int dataStart, SafetensorsTensor tensor)
        {
            int size = ElementSize(tensor.DataType);
            var values = new float[(tensor.End - tensor.Begin) / size];
            int at = dataStart + (int)tensor.Begin;
            for (int i = 0; i < values.Length; i++, at += size)
            {
                values[i] = tensor.DataType switch
                {
                    "F32" => BitConverter.ToSingle(Ordered(file, at, 4), 0),
                    "F64" => (float)BitConverter.ToDouble(Ordered(file, at, 8), 0),
                    "BF16" => BitConverter.ToSingle(BitConverter.GetBytes((file[at] | (file[at + 1] << 8)) << 16), 0),
                    _ => HalfToSingle((ushort)(file[at] | (file[at + 1] << 8))),
                };
            }
            return values;
        }

        /// <summary>IEEE binary16 to float32, exactly (subnormals, infinities and NaN included).</summary>
        private static float HalfToSingle(ushort half)
        {
            int sign = (half >> 15) & 1, exponent = (half >> 10) & 0x1F, mantissa = half & 0x3FF;
            float magnitude = exponent switch
            {
                0 => mantissa * (1f / 16777216f), // 2^-24: subnormal halves
                31 => mantissa == 0 ? float.PositiveInfinity : float.NaN,
                _ => (1f + mantissa / 1024f) * (float)Math.Pow(2, exponent - 15),
            };
            return sign == 1 ? -magnitude : magnitude;
        }

        private static byte[] Ordered(byte[] file, int at, int count)
        {
            var bytes = new byte[count];
            Array.Copy(file, at, bytes, 0, count);
            if (!BitConverter.IsLittleEndian) Array.Reverse(bytes);
            return bytes;
        }

        private static ulong Swap(ulong value)
        {
            var bytes = BitConverter.GetBytes(value);
            Array.Reverse(bytes);
            return BitConverter.ToUInt64(bytes, 0);
        }

        /// <summary>The subset of JSON a safetensors header uses: an object of tensor objects and an optional <c>__metadata__</c> object of strings.</summary>
        private sealed class HeaderParser
        {
            private readonly string _json;
            private int _at;

            public HeaderParser(string json) => _json = json;

            public string Problem { get; private set; } = "";

            public List<SafetensorsTensor>? Parse()
            {
                var tensors = new List<SafetensorsTensor>();
                var names = new HashSet<string>(StringComparer.Ordinal);
                if (!Expect('{')) return null;
                if (Peek() == '}') { _at++; return End(tensors); }
                while (true)
                {
                    string? name = String();
                    if (name is null || !Expect(':')) return null;
                    if (name == "__metadata__")
                    {
                        if (!SkipStringObject()) return null;
                    }
                    else
                    {
                        if (!names.Add(name)) return Fail($"tensor {name} appears twice");
                        var tensor = Tensor(name);
                        if (tensor is null) return null;
                        tensors.Add(tensor);
                    }
                    char next = Peek();
                    _at++;
                    if (next == '}') return End(tensors);
                    if (next != ',') return Fail("expected ',' or '}' at character " + (_at - 1).ToString(CultureInfo.InvariantCulture));
                }
            }

            private List<SafetensorsTensor>? End(List<SafetensorsTensor> tensors)
                => Peek() == '\0' ? tensors : Fail("text after the header object");

            private SafetensorsTensor? Tensor(string name)
            {
                string? dtype = null;
                long[]? shape = null, offsets = null;
                if (!Expect('{')) return null;
                while (true)
                {
                    string? key = String();
                    if (key is null || !Expect(':')) return null;
                    switch (key)
                    {
                        case "dtype": dtype = String(); if (dtype is null) return null; break;
                        case "shape": shape = Integers(); if (shape is null) return null; break;
                        case "data_offsets": offsets = Integers(); if (offsets is null) return null; break;
                        default: Fail($"tensor {name} has an unknown field '{key}'"); return null;
                    }
                    char next = Peek();
                    _at++;
                    if (next == '}') break;
                    if (next != ',') { Fail($"tensor {name}: expected ',' or '}}'"); return null; }
                }
                if (dtype is null || shape is null || offsets is not { Length: 2 })
                {
                    Fail($"tensor {name} lacks dtype, shape or two data_offsets");
                    return null;
                }
                return new SafetensorsTensor(name, dtype, shape, offsets[0], offsets[1]);
            }

            private long[]? Integers()
            {
                var values = new List<long>();
                if (!Expect('[')) return null;
                if (Peek() == ']') { _at++; return values.ToArray(); }
                while (true)
                {
                    Peek();
                    int start = _at;
                    while (_at < _json.Length && _json[_at] >= '0' && _json[_at] <= '9') _at++;
                    if (_at == start || _at - start > 18) { Fail("expected a non-negative integer"); return null; }
                    values.Add(long.Parse(_json.Substring(start, _at - start), NumberStyles.None, CultureInfo.InvariantCulture));
                    char next = Peek();
                    _at++;
                    if (next == ']') return values.ToArray();
                    if (next != ',') { Fail("expected ',' or ']'"); return null; }
                }
            }

            private bool SkipStringObject()
            {
                if (!Expect('{')) return false;
                if (Peek() == '}') { _at++; return true; }
                while (true)
                {
                    if (String() is null || !Expect(':') || String() is null) return false;
                    char next = Peek();
                    _at++;
                    if (next == '}') return true;
                    if (next != ',') { Fail("__metadata__ must map strings to strings"); return false; }
                }
            }

            private string? String()
            {
                if (!Expect('"')) return null;
                var text = new StringBuilder();
                while (_at < _json.Length)
                {
                    char c = _json[_at++];
                    if (c == '"') return text.ToString();
                    if (c != '\\') { text.Append(c); continue; }
                    if (_at >= _json.Length) break;
                    char escape = _json[_at++];
                    switch (escape)
                    {
                        case '"': case '\\': case '/': text.Append(escape); break;
                        case 'b': text.Append('\b'); break;
                        case 'f': text.Append('\f'); break;
                        case 'n': text.Append('\n'); break;
                        case 'r': text.Append('\r'); break;
                        case 't': text.Append('\t'); break;
                        case 'u' when _at + 4 <= _json.Length && int.TryParse(_json.Substring(_at, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code):
                            text.Append((char)code);
                            _at += 4;
                            break;
                        default: Fail("a bad escape in a string"); return null;
                    }
                }
                Fail("an unterminated string");
                return null;
            }

            /// <summary>The next character after white space (not consumed), or '\0' at the end.</summary>
            private char Peek()
            {
                while (_at < _json.Length && _json[_at] is ' ' or '\t' or '\n' or '\r') _at++;
                return _at < _json.Length ? _json[_at] : '\0';
            }

            private bool Expect(char c)
            {
                if (Peek() == c) { _at++; return true; }
                Fail($"expected '{c}' at character {_at.ToString(CultureInfo.InvariantCulture)}");
                return false;
            }

            private List<SafetensorsTensor>? Fail(string problem)
            {
                if (Problem.Length == 0) Problem = problem;
                return null;
            }
        }
    }
}
