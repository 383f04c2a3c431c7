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
        if (command == DefaultCommand && rest is ["--kernel-info"])
        {
            PrintKernelInfo(output);
            return 0;
        }
        if (command == "help")
        {
            PrintUsage(output);
            return 0;
        }
        if (command == DefaultCommand) return DigitsCommand.Run(rest, output, error);
        return ChapterExperiments.Run(ChapterExperiments.Find(command)!, rest, output, error);
    }

    /// <summary>
    /// <c>--kernel-info</c>: which matrix-product kernels this binary runs here and why (NETGEN_KERNELS
    /// overrides the choice), and the <c>Vector&lt;float&gt;</c> width it was compiled or jitted for.
    /// </summary>
    public static void PrintKernelInfo(TextWriter output)
    {
        output.WriteLine("kernels: " + KernelInfo.Description);
        output.WriteLine($"Vector<float>.Count: {System.Numerics.Vector<float>.Count}, AVX-512 kernels: {(KernelInfo.UsesAvx512 ? "yes" : "no")}, " +
            $"Avx512F.IsSupported: {System.Runtime.Intrinsics.X86.Avx512F.IsSupported}, Avx2.IsSupported: {System.Runtime.Intrinsics.X86.Avx2.IsSupported}");
    }

    /// <summary>The general usage: the commands, then the digits command's options.</summary>
    public static void PrintUsage(TextWriter output)
    {
        output.WriteLine("usage: NetGen.Samples [command] [options]");
        output.WriteLine("commands:");
        output.WriteLine($"  {DefaultCommand,-12} train the digits classifier (the default when no command is given)");
        foreach (var experiment in ChapterExperiments.All)
            output.WriteLine($"  {experiment.Name,-12} chapter 11 experiment: {experiment.Title.ToLowerInvariant()}; writes report.md and PNG charts to out/{experiment.Name}/");
        output.WriteLine("NetGen.Samples --kernel-info prints which matrix-product kernels run on this CPU and why.");
        output.WriteLine("NetGen.Samples COMMAND --help shows a command's options. The digits options:");
        output.WriteLine();
        output.WriteLine(DigitsSettings.UsageText);
    }
}
