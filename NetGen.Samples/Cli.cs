using System.IO;
using System.Linq;
using NetGen.Samples.Experiments;

namespace NetGen.Samples;

/// <summary>The samples app's command line: a subcommand (default <c>digits</c>) and its options.</summary>
public static class Cli
{
    /// <summary>The default command, run when the first argument is an option or there is none.</summary>
    public const string DefaultCommand = "digits";

    /// <summary>Picks the command and its arguments; null with <paramref name="error"/> set for an unknown command. "help" is the general usage.</summary>
    public static (string Command, string[] Arguments)? Resolve(string[] args, out string? error)
    {
        error = null;
        if (args.Length == 0 || args[0].StartsWith('-'))
            return args.Length > 0 && args[0] is "--help" or "-h" ? ("help", args[1..]) : (DefaultCommand, args);
        string name = args[0];
        if (name == DefaultCommand || name == "help" || ChapterExperiments.Find(name) is not null) return (name, args[1..]);
        error = $"unknown command '{name}'; choose one of {DefaultCommand}, {string.Join(", ", ChapterExperiments.All.Select(e => e.Name))} (or an option of {DefaultCommand})";
        return null;
    }

    /// <summary>Runs the command line; returns the exit code (0 done, 1 missing or bad file, 2 bad arguments).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var resolved = Resolve(args, out string? problem);
        if (resolved is not var (command, rest))
        {
            error.WriteLine("error: " + problem);
            error.WriteLine("run NetGen.Samples --help for the commands and options");
            return 2;
        }
        if (command == "help")
        {
            PrintUsage(output);
            return 0;
        }
        if (command == DefaultCommand) return DigitsCommand.Run(rest, output, error);
        return ChapterExperiments.Run(ChapterExperiments.Find(command)!, rest, output, error);
    }

    /// <summary>The general usage: the commands, then the digits command's options.</summary>
    public static void PrintUsage(TextWriter output)
    {
        output.WriteLine("usage: NetGen.Samples [command] [options]");
        output.WriteLine("commands:");
        output.WriteLine($"  {DefaultCommand,-12} train the digits classifier (the default when no command is given)");
        foreach (var experiment in ChapterExperiments.All)
            output.WriteLine($"  {experiment.Name,-12} chapter 11 experiment: {experiment.Title.ToLowerInvariant()}; writes report.md and PNG charts to out/{experiment.Name}/");
        output.WriteLine("NetGen.Samples COMMAND --help shows a command's options. The digits options:");
        output.WriteLine();
        output.WriteLine(DigitsSettings.UsageText);
    }
}
