using System;
using System.IO;
using System.Linq;
using NetGen.Samples;
using NetGen.Samples.Experiments;
using Xunit;

namespace NetGen.Tests.Samples;

/// <summary>The samples app's command line: subcommand dispatch (digits by default) and the chapter 11 experiment commands.</summary>
public class CliTests
{
    [Theory]
    [InlineData("", "digits", "")]
    [InlineData("--epochs 5 --optimizer adam", "digits", "--epochs 5 --optimizer adam")]
    [InlineData("digits --epochs 5", "digits", "--epochs 5")]
    [InlineData("digits", "digits", "")]
    [InlineData("vanishing --seeds 1", "vanishing", "--seeds 1")]
    [InlineData("activations", "activations", "")]
    [InlineData("batchnorm --out x", "batchnorm", "--out x")]
    [InlineData("--help", "help", "")]
    [InlineData("help", "help", "")]
    public void Commands_are_dispatched_with_digits_as_the_default(string commandLine, string command, string rest)
    {
        var resolved = Cli.Resolve(Split(commandLine), out string? error);
        Assert.Null(error);
        Assert.Equal(command, resolved!.Value.Command);
        Assert.Equal(Split(rest), resolved.Value.Arguments);
    }

    [Fact]
    public void An_unknown_command_is_refused_with_the_valid_ones()
    {
        var (code, _, error) = Run("vanish");
        Assert.Equal(2, code);
        Assert.Contains("unknown command 'vanish'", error);
        Assert.Contains("vanishing", error);
    }

    [Theory]
    [InlineData("vanishing --seeds 0")]
    [InlineData("activations --epochs x")]
    [InlineData("batchnorm --target 1.5")]
    [InlineData("batchnorm --lr -1")]
    [InlineData("vanishing --optimizer lion")]
    [InlineData("vanishing --out")]
    [InlineData("activations --bogus 1")]
    public void Bad_experiment_arguments_exit_2_with_a_message(string commandLine)
    {
        var (code, _, error) = Run(commandLine);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error);
        Assert.Contains("usage: NetGen.Samples", error);
    }

    [Theory]
    [InlineData("--optimizer adam", 0.001f)]
    [InlineData("--optimizer adam --lr 0.02", 0.02f)]
    [InlineData("--lr 0.02 --optimizer adam", 0.02f)]
    [InlineData("--epochs 3", 0.01f)]
    public void Another_optimizer_without_a_rate_uses_its_own_default(string commandLine, float rate)
    {
        var defaults = ChapterExperiments.Find("activations")!.Defaults;
        var settings = ExperimentSettings.Parse(Split(commandLine), defaults, out string? error);
        Assert.Null(error);
        Assert.Equal(rate, settings!.EffectiveLearningRate);
    }

    [Theory]
    [InlineData("vanishing")]
    [InlineData("digits")]
    public void A_missing_data_file_exits_1(string command)
    {
        var (code, _, error) = Run($"{command} --data /nonexistent/digits.csv");
        Assert.Equal(1, code);
        Assert.Contains("data file not found: /nonexistent/digits.csv", error);
    }

    [Fact]
    public void Help_lists_the_commands_and_the_digits_options()
    {
        var (code, output, _) = Run("--help");
        Assert.Equal(0, code);
        foreach (var name in new[] { "digits", "vanishing", "activations", "batchnorm", "--optimizer", "--schedule", "--save" })
            Assert.Contains(name, output);
        (code, output, _) = Run("activations --help");
        Assert.Equal(0, code);
        Assert.Contains("--seeds", output);
        Assert.Contains("--out DIR", output);
    }

    [Fact]
    public void Options_without_a_command_run_the_digits_job()
    {
        var (code, output, _) = Run("--epochs 1 --seed 3");
        Assert.Equal(0, code);
        Assert.Contains("test accuracy", output);
        Assert.Contains("1 epochs", output);
    }

    [Theory]
    [InlineData("vanishing")]
    [InlineData("activations")]
    [InlineData("batchnorm")]
    public void Each_experiment_writes_its_report_and_charts(string name)
    {
        string directory = Path.Combine(Path.GetTempPath(), "netgen-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, output, error) = Run($"{name} --seeds 1 --epochs 2 --no-progress --out {directory}");
            Assert.True(code == 0, error);
            var experiment = ChapterExperiments.Find(name)!;
            string report = File.ReadAllText(Path.Combine(directory, "report.md"));
            Assert.Contains("## Results", report);
            foreach (var configuration in experiment.Configurations)
            {
                Assert.Contains(configuration.Label, report);
                AssertPng(Path.Combine(directory, $"gradients-{configuration.Key}.png"));
                Assert.Contains($"](gradients-{configuration.Key}.png)", report);
            }
            foreach (var chart in new[] { "accuracy.png", "loss.png", "gradient-profile.png" }) AssertPng(Path.Combine(directory, chart));
            Assert.Equal(experiment.Claim is not null, report.Contains("## Against the chapter's claim"));
            Assert.Equal(experiment.Configurations.Count, output.Split('\n').Count(line => line.Contains("seed   1: validation")));
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Kernel_info_names_the_kernels_this_process_runs_and_why()
    {
        var (code, output, error) = Run("--kernel-info");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("kernels: " + KernelInfo.Description, output);
        Assert.Contains($"AVX-512 kernels: {(KernelInfo.UsesAvx512 ? "yes" : "no")}", output);
        Assert.Contains($"Vector<float>.Count: {System.Numerics.Vector<float>.Count}", output);
    }

    private static void AssertPng(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path} is only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }

    private static (int Code, string Output, string Error) Run(string commandLine)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Cli.Run(Split(commandLine), output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string[] Split(string commandLine) => commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
