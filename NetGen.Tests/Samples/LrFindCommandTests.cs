using System;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using NetGen.Samples;
using Xunit;

namespace NetGen.Tests.Samples;

/// <summary>The <c>lr-find</c> command (issue 16 item 5) and its place on the command line (item 9).</summary>
public class LrFindCommandTests
{
    [Fact]
    public void The_default_run_suggests_a_rate_that_trains_digits_to_97_percent()
    {
        string directory = NewDirectory();
        try
        {
            var (code, output, error) = Run($"lr-find --out {directory}");

            Assert.True(code == 0, error);
            var suggestion = Regex.Match(output, @"suggested rate ([0-9.Ee+-]+)");
            Assert.True(suggestion.Success, output);
            double rate = double.Parse(suggestion.Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.InRange(rate, 1e-3, 1);
            var accuracy = Regex.Match(output, @"test accuracy ([0-9.]+) %");
            Assert.True(accuracy.Success, output);
            Assert.True(double.Parse(accuracy.Groups[1].Value, CultureInfo.InvariantCulture) >= 97, output);
            string report = File.ReadAllText(Path.Combine(directory, "report.md"));
            Assert.Contains("![loss against learning rate](lr-find.png)", report);
            Assert.Contains(suggestion.Groups[1].Value, report);
            AssertPng(Path.Combine(directory, "lr-find.png"));
            var curve = File.ReadAllLines(Path.Combine(directory, "lr-find.csv"));
            Assert.Equal("rate,loss,raw_loss", curve[0]);
            Assert.InRange(curve.Length, 50, 301);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Help_lists_the_command_and_its_options()
    {
        var (code, output, _) = Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("lr-find", output);
        (code, output, _) = Run("lr-find --help");
        Assert.Equal(0, code);
        Assert.StartsWith("usage: NetGen.Samples lr-find [options]", output);
        foreach (var option in new[] { "--steps N", "--start-lr X", "--end-lr X", "--epochs N", "--batch N", "--seed N", "--out DIR", "--data PATH", "--help" })
            Assert.Contains(option, output);
        (code, output, _) = Run("lr-find -h");
        Assert.Equal(0, code);
        Assert.Contains("--start-lr X", output);
    }

    [Theory]
    [InlineData("lr-find --steps 0")]
    [InlineData("lr-find --steps 1")]
    [InlineData("lr-find --start-lr 0")]
    [InlineData("lr-find --end-lr NaN")]
    [InlineData("lr-find --start-lr 1 --end-lr 0.1")]
    [InlineData("lr-find --epochs x")]
    [InlineData("lr-find --out")]
    [InlineData("lr-find --optimizer adam")]
    [InlineData("--seed 3 lr-find")]
    public void Bad_arguments_exit_2_with_a_message(string commandLine)
    {
        var (code, output, error) = Run(commandLine);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error);
        Assert.Contains("usage: NetGen.Samples lr-find", error);
        Assert.Equal("", output);
    }

    [Fact]
    public void A_missing_data_file_exits_1_before_anything_is_written()
    {
        string directory = NewDirectory();
        var (code, _, error) = Run($"lr-find --data /nonexistent/digits.csv --out {directory}");
        Assert.Equal(1, code);
        Assert.Contains("data file not found: /nonexistent/digits.csv", error);
        Assert.False(Directory.Exists(directory));
    }

    [Theory]
    [InlineData("--epochs")]
    [InlineData("digits --lr")]
    [InlineData("--seed 1.5")]
    [InlineData("digits --bogus 1")]
    [InlineData("--epochs 5 digits")]
    public void Bad_digits_arguments_exit_2_with_the_usage(string commandLine)
    {
        var (code, _, error) = Run(commandLine);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error);
        Assert.Contains("usage: NetGen.Samples [digits] [options]", error);
    }

    private static string NewDirectory() => Path.Combine(Path.GetTempPath(), "netgen-lr-find-" + Guid.NewGuid().ToString("N"));

    private static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path} is only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }

    private static (int Code, string Output, string Error) Run(string commandLine)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Cli.Run(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries), output, error);
        return (code, output.ToString(), error.ToString());
    }
}
