using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Data;

/// <summary>
/// CSV files as they arrive in real programs: cut short, with absurd cells or labels, or far larger
/// than their gzip (docs: README "Loading data").
/// </summary>
public class CsvLoaderRobustnessTests(ITestOutputHelper output)
{
    private static string SmallCsv()
    {
        var text = new StringBuilder();
        for (int row = 0; row < 40; row++) text.Append($"{row % 7},{row * 0.25},{-row},{row % 3}\n");
        return text.ToString();
    }

    private static byte[] Gzip(string text)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes(text));
        return compressed.ToArray();
    }

    private static string ScratchFile(string name) => Path.Combine(Path.GetTempPath(), $"netgen-{Guid.NewGuid():N}-{name}");

    [Fact]
    public void A_gzip_file_cut_at_any_byte_is_refused_naming_the_file()
    {
        string text = SmallCsv();
        var whole = Gzip(text);
        string path = ScratchFile("data.csv.gz");
        try
        {
            File.WriteAllBytes(path, whole);
            var loaded = CsvLoader.Load(path);
            Assert.Equal(CsvLoader.Load(new StringReader(text)).Features, loaded.Features);
            Assert.Equal(40, loaded.Count);

            var silent = new System.Collections.Generic.List<int>();
            for (int length = 0; length < whole.Length; length++)
            {
                File.WriteAllBytes(path, whole.AsSpan(0, length).ToArray());
                try
                {
                    CsvLoader.Load(path);
                    silent.Add(length);
                }
                catch (FormatException error)
                {
                    Assert.Contains(path, error.Message);
                }
            }
            Assert.True(silent.Count == 0, $"{silent.Count} of {whole.Length} cuts loaded without error, at lengths {string.Join(", ", silent)}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(-8)] // first CRC-32 byte of the trailer
    [InlineData(-4)] // first ISIZE byte
    [InlineData(-1)]
    public void A_damaged_gzip_trailer_is_refused(int fromEnd)
    {
        var bytes = Gzip(SmallCsv());
        bytes[bytes.Length + fromEnd] ^= 0x5A;
        string path = ScratchFile("data.csv.gz");
        try
        {
            File.WriteAllBytes(path, bytes);
            var error = Assert.Throws<FormatException>(() => CsvLoader.Load(path));
            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_huge_bad_cell_is_quoted_in_part_with_its_length()
    {
        string cell = "7" + new string('x', 10_000_000);
        var error = Assert.Throws<FormatException>(() => CsvLoader.Load(new StringReader("1,2,0\n1," + cell + ",0\n")));

        Assert.True(error.Message.Length < 300, $"message of {error.Message.Length} characters");
        Assert.Equal($"line 2, column 2: '7{new string('x', 63)}…' (10,000,001 characters) is not a finite number.", error.Message);
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("65536")]
    [InlineData("99999999999999999999")]
    public void A_label_beyond_the_class_limit_is_refused_naming_row_column_and_limit(string label)
    {
        var error = Assert.Throws<FormatException>(() => CsvLoader.Load(new StringReader($"1,2,0\n3,4,{label}\n")));

        Assert.Equal($"line 2, column 3: the label {label} exceeds the largest class index, 65535 (a data set holds at most 65,536 classes).", error.Message);
    }

    [Fact]
    public void A_data_set_built_by_hand_refuses_a_label_whose_class_count_overflows()
    {
        var error = Assert.Throws<ArgumentException>(() => new LabeledDataset(new float[2], new[] { 0, int.MaxValue }, 1));

        Assert.StartsWith("A class label of 2147483647 leaves no room for the class count.", error.Message);
    }

    [Fact]
    public void The_largest_allowed_label_loads()
    {
        var data = CsvLoader.Load(new StringReader("1,2,0\n3,4,65535\n"));

        Assert.Equal(CsvLoader.MaxClassCount, data.ClassCount);
    }

    [Fact]
    public void Fifty_megabytes_of_csv_from_a_small_gzip_load_allocating_little_more_than_the_data_set()
    {
        // 1.6 M rows of 8 features and a label, 33 characters each: 52 MB of text from a gzip of well under 1 MB.
        const int rows = 1_600_000;
        string path = ScratchFile("large.csv.gz");
        try
        {
            using (var file = File.Create(path))
            using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            {
                var line = Encoding.ASCII.GetBytes("0.5,1.25,-2,3.75,4,5.5,6,7.125,1\n");
                for (int row = 0; row < rows; row++) gzip.Write(line);
            }
            Assert.True(new FileInfo(path).Length < 1_000_000);

            long before = GC.GetAllocatedBytesForCurrentThread();
            var data = CsvLoader.Load(path);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(rows, data.Count);
            Assert.Equal(8, data.FeatureCount);
            long dataSet = (long)data.Features.Length * sizeof(float) + (long)data.Labels.Length * sizeof(int);
            output.WriteLine($"gzip {new FileInfo(path).Length:N0} bytes, data set {dataSet:N0} bytes, allocated {allocated:N0} bytes while loading");
            // The final arrays plus the chunks they were gathered in, and a few MB of buffers.
            Assert.True(allocated <= 2 * dataSet + 8_000_000, $"allocated {allocated:N0} bytes for a data set of {dataSet:N0}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("1,2,0\r\n3,4,1\r\n", 2)]
    [InlineData("1,2,0\r3,4,1", 2)]
    [InlineData("  \n1,2,0\n \t \n3,4,1\n\n", 2)]
    public void Line_endings_and_blank_lines_are_handled_as_before(string text, int count)
    {
        var data = CsvLoader.Load(new StringReader(text));

        Assert.Equal(count, data.Count);
        Assert.Equal(new[] { 1f, 2, 3, 4 }, data.Features);
        Assert.Equal(new[] { 0, 1 }, data.Labels);
    }

    [Fact]
    public void Errors_after_a_blank_line_name_the_right_line()
    {
        var error = Assert.Throws<FormatException>(() => CsvLoader.Load(new StringReader("1,2,0\r\n\r\n3,y,1\r\n")));

        Assert.Equal("line 3, column 2: 'y' is not a finite number.", error.Message);
    }
}
