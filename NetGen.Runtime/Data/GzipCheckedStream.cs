using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.IO.Hashing;

namespace NetGen
{
    /// <summary>
    /// Decompresses a gzip file and, when the data ends, checks it against the file's 8-byte trailer
    /// (RFC 1952: CRC-32 of the data, then its length mod 2³², both little-endian). <see cref="GZipStream"/>
    /// reports a truncated file as a normal end of data at some cut points; the trailer check turns every
    /// truncation into an <see cref="InvalidDataException"/>. The check reads the last 8 bytes of the file,
    /// so it holds for a single-member gzip file (what gzip, pigz, Python and .NET write); a file of several
    /// concatenated members fails it and is refused.
    /// </summary>
    internal sealed class GzipCheckedStream : Stream
    {
        private const int TrailerLength = 8;

        private readonly FileStream _file;
        private readonly GZipStream _gzip;
        private readonly Crc32 _crc = new Crc32();
        private long _length;
        private bool _checked;

        public GzipCheckedStream(FileStream file)
        {
            _file = file;
            _gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int read = _gzip.Read(buffer);
            if (read > 0)
            {
                _crc.Append(buffer.Slice(0, read));
                _length += read;
            }
            else if (buffer.Length > 0 && !_checked)
            {
                _checked = true;
                CheckTrailer();
            }
            return read;
        }

        private void CheckTrailer()
        {
            if (!_file.CanSeek) return;
            long fileLength = _file.Length;
            // A gzip member has a 10-byte header, at least 2 bytes of deflate data and the trailer.
            if (fileLength < 10 + 2 + TrailerLength)
                throw new InvalidDataException($"the file has {fileLength} bytes, too few for a gzip header, data and trailer: it is truncated");
            Span<byte> trailer = stackalloc byte[TrailerLength];
            _file.Seek(-TrailerLength, SeekOrigin.End);
            _file.ReadExactly(trailer);
            uint expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
            uint expectedLength = BinaryPrimitives.ReadUInt32LittleEndian(trailer.Slice(4));
            uint actualCrc = _crc.GetCurrentHashAsUInt32();
            uint actualLength = unchecked((uint)_length);
            if (expectedCrc != actualCrc || expectedLength != actualLength)
                throw new InvalidDataException(string.Format(CultureInfo.InvariantCulture,
                    "the gzip trailer records CRC-32 {0:x8} and length {1} (mod 2^32), the decompressed data has CRC-32 {2:x8} and length {3}: "
                    + "the file is truncated or damaged (or holds several concatenated gzip members, which are not read)",
                    expectedCrc, expectedLength, actualCrc, _length));
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _gzip.Dispose();
            base.Dispose(disposing);
        }
    }
}
