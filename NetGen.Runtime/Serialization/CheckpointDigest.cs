using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace NetGen
{
    /// <summary>
    /// The two checksums of a checkpoint, XXH64 (seed 0) as 16 lower-case hex digits:
    /// <c>checksum</c> over the data buffer, and <c>header_checksum</c> over a canonical text of the
    /// header's meaning, so that no edit of a saved value goes unnoticed while whitespace and key
    /// order stay free. The canonical text is one line per metadata entry other than the two
    /// checksums, then one per tensor, each sorted by ordinal key order:
    /// <c>m {len(key)}:{key}{len(value)}:{value}\n</c> and <c>t {len(name)}:{name}{dtype} [{shape}] {begin} {end}\n</c>
    /// (lengths in UTF-16 code units, shape comma-separated), hashed as UTF-8.
    /// </summary>
    internal static class CheckpointDigest
    {
        public const string DataKey = "checksum";
        public const string HeaderKey = "header_checksum";

        public static string OfData(ReadOnlySpan<byte> data) => Hex(XxHash64.HashToUInt64(data));

        public static string OfHeader(IReadOnlyDictionary<string, string> metadata, IEnumerable<SafetensorsEntry> entries)
        {
            var text = new StringBuilder();
            var keys = new List<string>(metadata.Keys);
            keys.Sort(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                if (key is DataKey or HeaderKey) continue;
                text.Append("m ").Append(Counted(key)).Append(Counted(metadata[key])).Append('\n');
            }
            var sorted = new List<SafetensorsEntry>(entries);
            sorted.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            foreach (var entry in sorted)
            {
                text.Append("t ").Append(Counted(entry.Name)).Append(entry.DataType).Append(" [").Append(string.Join(",", entry.Shape)).Append("] ");
                text.Append(entry.Begin.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(entry.End.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
            return Hex(XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(text.ToString())));
        }

        private static string Counted(string value) => value.Length.ToString(CultureInfo.InvariantCulture) + ":" + value;

        private static string Hex(ulong hash) => hash.ToString("x16", CultureInfo.InvariantCulture);
    }
}
