using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using Xunit;

namespace NetGen.Tests.Data;

/// <summary>
/// CSV as users have it: a header of column names, the label picked by name, class names in a text column, an id
/// column to skip, and the header forgotten (README "Files and data").
/// </summary>
public class CsvHeaderTests
{
    private const string Iris =
        "id, sepal, petal ,species\n" +
        "7,5.1,1.4,setosa\n" +
        "8,6.0,4.5,versicolor\n" +
        "x9,5.0,1.3,setosa\n" +
        "10,6.3,6.0,virginica\n";

    private static readonly CsvOptions IrisOptions = new() { HasHeader = true, LabelColumn = "species", ExcludedColumns = { "id" } };

    [Fact]
    public void A_named_text_label_column_becomes_sorted_class_names_and_the_header_names_the_features()
    {
        var data = CsvLoader.Load(new StringReader(Iris), IrisOptions);

        Assert.Equal(new[] { 5.1f, 1.4f, 6.0f, 4.5f, 5.0f, 1.3f, 6.3f, 6.0f }, data.Features);
        Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, data.ClassNames);
        Assert.Equal(new[] { 0, 1, 0, 2 }, data.Labels);
        Assert.Equal(3, data.ClassCount);
        Assert.Equal(new[] { "sepal", "petal" }, data.FeatureNames);
        Assert.Equal("virginica", data.ClassName(2));
        Assert.Equal(new[] { "virginica", "setosa", "versicolor" }, data.ClassNamesOf(new[] { 2, 0, 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.ClassName(3));
    }

    [Fact]
    public void Class_numbers_do_not_depend_on_the_order_of_the_rows()
    {
        var forward = CsvLoader.Load(new StringReader("1,zebra\n2,apple\n3,mango\n4,apple\n"));
        var backward = CsvLoader.Load(new StringReader("4,apple\n3,mango\n2,apple\n1,zebra\n"));

        Assert.Equal(new[] { "apple", "mango", "zebra" }, forward.ClassNames);
        Assert.Equal(forward.ClassNames, backward.ClassNames);
        Assert.Equal(new[] { 2, 0, 1, 0 }, forward.Labels);
        Assert.Equal(forward.Labels.Reverse(), backward.Labels);
        // Ordinal order: upper case before lower case, as string.CompareOrdinal sorts.
        Assert.Equal(new[] { "B", "a" }, CsvLoader.Load(new StringReader("1,a\n2,B\n")).ClassNames);
    }

    [Fact]
    public void Integer_labels_keep_their_numbers_and_have_no_names()
    {
        var data = CsvLoader.Load(new StringReader("a,b,label\n1,2,3\n4,5,0\n"), new CsvOptions { HasHeader = true, LabelColumn = "label" });

        Assert.Null(data.ClassNames);
        Assert.Equal(new[] { 3, 0 }, data.Labels);
        Assert.Equal(4, data.ClassCount);
        Assert.Equal("3", data.ClassName(3));
        Assert.Equal(new[] { "a", "b" }, data.FeatureNames);
    }

    [Fact]
    public void A_header_read_as_data_is_an_error_that_names_the_file_the_line_and_HasHeader()
    {
        string path = Path.Combine(Path.GetTempPath(), $"netgen-{Guid.NewGuid():N}-iris.csv");
        File.WriteAllText(path, Iris.Replace("x9", "9"));
        try
        {
            var error = Assert.Throws<FormatException>(() => CsvLoader.Load(path));
            Assert.Contains(path, error.Message);
            Assert.Contains("line 1, column 1: 'id' is not a finite number", error.Message);
            Assert.Contains("If line 1 is a header of column names, set CsvOptions.HasHeader = true.", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_bad_cell_after_the_first_row_does_not_blame_a_header()
    {
        var error = Assert.Throws<FormatException>(() => CsvLoader.Load(new StringReader("1,2,0\n1,x,0\n")));
        Assert.Contains("line 2, column 2: 'x' is not a finite number.", error.Message);
        Assert.DoesNotContain("HasHeader", error.Message);
    }

    [Fact]
    public void A_column_name_without_a_header_is_refused_before_reading()
    {
        var error = Assert.Throws<ArgumentException>(() => CsvLoader.Load(new StringReader("1,2,0\n"), new CsvOptions { LabelColumn = "species" }));
        Assert.Contains("CsvOptions.LabelColumn names the column 'species'", error.Message);
        Assert.Contains("HasHeader = true", error.Message);
        Assert.Throws<ArgumentException>(() => CsvLoader.Load(new StringReader("1,2,0\n"), new CsvOptions { ExcludedColumns = { "id" } }));
    }

    [Theory]
    [InlineData("a,b,c\n1,2,3\n", "species", "", "line 1: the header has no column 'species' (CsvOptions.LabelColumn); its columns are 'a', 'b', 'c'.")]
    [InlineData("a,b,a\n1,2,3\n", "a", "", "line 1: the header names columns 1 and 3 'a'")]
    [InlineData("id,b,c\n1,2,3\n", "id", "id", "line 1: column 1 ('id') is the label column and is also in CsvOptions.ExcludedColumns.")]
    [InlineData("b,c\n1,2\n", "c", "b", "none is left for features")]
    [InlineData("id,b,c\n1,2,3\n", "c", "zz", "no column 'zz' (CsvOptions.ExcludedColumns)")]
    [InlineData("a,b,c\n1,2,3\n1,2\n", "c", "", "line 3: expected 3 columns like the header; found 2.")]
    [InlineData("\n\na,b,c\n\n1,2,3\n4,5,cat\n", "c", "", "line 6, column 3: the label 'cat' is not a non-negative integer. The first data row's label is a number")]
    [InlineData("a,b,c\n1,2,cat\n3,4,\n", "c", "", "line 3, column 3: the label is empty")]
    public void Header_and_column_mistakes_name_the_line(string text, string label, string excluded, string expected)
    {
        var options = new CsvOptions { HasHeader = true, LabelColumn = label };
        if (excluded.Length > 0) options.ExcludedColumns.Add(excluded);
        var error = Assert.Throws<FormatException>(() => CsvLoader.Load(new StringReader(text), options));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Excluded_columns_by_index_are_skipped_unread()
    {
        var data = CsvLoader.Load(new StringReader("row-1,1,2,0\nrow-2,3,4,1\n"), new CsvOptions { ExcludedColumns = { 0 } });
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, data.Features);
        Assert.Equal(2, data.FeatureCount);
        Assert.Null(data.FeatureNames);
    }

    [Fact]
    public void Class_names_stream_through_gzip_and_block_boundaries_as_plain_text_does()
    {
        // 20,000 rows (~600 K characters): cells and class names straddle the parser's 32 K blocks.
        var text = new StringBuilder("f1,f2,kind\n");
        for (int row = 0; row < 20_000; row++) text.Append(row).Append(',').Append(row * 0.5).Append(",class-").Append(row % 13).Append('\n');
        string path = Path.Combine(Path.GetTempPath(), $"netgen-{Guid.NewGuid():N}-kinds.csv.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            gzip.Write(Encoding.UTF8.GetBytes(text.ToString()));
        try
        {
            var options = new CsvOptions { HasHeader = true, LabelColumn = "kind" };
            var data = CsvLoader.Load(path, options);
            var plain = CsvLoader.Load(new StringReader(text.ToString()), options);

            var expectedNames = Enumerable.Range(0, 13).Select(k => "class-" + k).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            Assert.Equal(expectedNames, data.ClassNames);
            Assert.Equal(20_000, data.Count);
            for (int row = 0; row < data.Count; row++)
            {
                Assert.Equal("class-" + (row % 13), data.ClassName(data.Labels[row]));
                Assert.Equal(row * 0.5f, data.Features[row * 2 + 1]);
            }
            Assert.Equal(plain.Features, data.Features);
            Assert.Equal(plain.Labels, data.Labels);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void More_class_names_than_a_data_set_holds_is_an_error_at_the_first_one_too_many()
    {
        var text = new StringBuilder();
        for (int row = 0; row <= CsvLoader.MaxClassCount; row++) text.Append("1,c").Append(row).Append('\n');

        var error = Assert.Throws<FormatException>(() => CsvLoader.Load(new StringReader(text.ToString())));
        Assert.Contains($"line {CsvLoader.MaxClassCount + 1}, column 2: the label 'c{CsvLoader.MaxClassCount}' is a new class beyond the 65,536", error.Message);
    }

    [Fact]
    public void Selecting_rows_keeps_the_names_and_the_class_count()
    {
        var data = CsvLoader.Load(new StringReader(Iris), IrisOptions);
        var first = DataSplit.Take(data, new[] { 0 });

        Assert.Equal(data.ClassNames, first.ClassNames);
        Assert.Equal(3, first.ClassCount);
        Assert.Equal(data.FeatureNames, first.FeatureNames);
    }
}
