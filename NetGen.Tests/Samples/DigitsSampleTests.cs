using System;
using System.IO;
using NetGen.Samples;
using Xunit;

namespace NetGen.Tests.Samples;

/// <summary>The main job, run exactly as the README's command runs it (default settings, shipped data).</summary>
public class DigitsSampleTests
{
    [Fact]
    public void The_default_run_reaches_97_percent_on_the_held_out_split()
    {
        // The full default budget takes well under two seconds, so the test runs it unabridged.
        var result = DigitsClassifier.Run(DigitsSettings.Default, TextWriter.Null);

        Assert.True(result.TestAccuracy >= 0.97, $"test accuracy {result.TestAccuracy:P2} is below the 97 % bar");
        Assert.Equal(DigitsSettings.Default.Epochs, result.History.Epochs.Count);
        Assert.Equal(1347L * DigitsSettings.Default.Epochs, result.History.SamplesSeen);
    }

    [Theory]
    [InlineData("--epochs 0")]
    [InlineData("--lr -1")]
    [InlineData("--lr NaN")]
    [InlineData("--batch")]
    [InlineData("--unknown 3")]
    public void Bad_arguments_are_refused(string commandLine)
    {
        string[] args = commandLine.Split(' ');
        var error = Console.Error;
        try
        {
            Console.SetError(TextWriter.Null);
            Assert.Null(DigitsSettings.Parse(args));
        }
        finally
        {
            Console.SetError(error);
        }
    }

    [Fact]
    public void Arguments_override_the_defaults()
    {
        var settings = DigitsSettings.Parse(new[] { "--epochs", "5", "--batch", "16", "--lr", "0.1", "--seed", "3", "--data", "x.csv" });
        Assert.Equal(new DigitsSettings(5, 16, 0.1f, 3, "x.csv"), settings);
    }
}
