using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using NetGen.Samples.Experiments;

namespace NetGen.Samples;

/// <summary>
/// The samples app's command line on System.CommandLine: a subcommand (default <c>digits</c>) and its options.
/// Exit codes: 0 done, 1 a missing or unreadable file, 2 a bad argument.
/// </summary>
public static class Cli
{
    /// <summary>The default command, run when the first argument is an option or there is none.</summary>
    public const string DefaultCommand = "digits";

    /// <summary>Picks the command and its arguments; null with <paramref name="error"/> set for an unknown command. "help" is the general usage.</summary>
    public static (string Command, string[] Arguments)? Resolve(string[] args, out string? error)
    {
        var line = new CommandLine();
        var result = line.Root.Parse(args);
        error = line.UnknownCommand(result, args);
        if (error is not null) return null;
        var command = result.CommandResult.Command;
        if (result.GetValue(line.Help) && command == line.Root || command == line.HelpCommand) return ("help", args.Length > 0 && args[0] == "help" ? args[1..] : args.Where(a => a is not ("--help" or "-h")).ToArray());
        string name = command == line.Root ? DefaultCommand : command.Name;
        return (name, args.Length > 0 && args[0] == command.Name ? args[1..] : args);
    }

    /// <summary>Runs the command line; returns the exit code (0 done, 1 missing or bad file, 2 bad arguments).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var line = new CommandLine();
        var result = line.Root.Parse(args);
        var command = result.CommandResult.Command;
        if (line.UnknownCommand(result, args) is { } unknown)
        {
            error.WriteLine("error: " + unknown);
            error.WriteLine("run NetGen.Samples --help for the commands and options");
            return 2;
        }
        if (args is ["--kernel-info"])
        {
            PrintKernelInfo(output);
            return 0;
        }
        if (result.GetValue(line.Help) || command == line.HelpCommand)
        {
            line.WriteHelp(command, output);
            return 0;
        }
        if (command != line.Root && command != line.HelpCommand && args[0] != command.Name)
        {
            // "--epochs 5 vanishing" would otherwise run vanishing and drop the root's (digits') --epochs silently.
            error.WriteLine($"error: the command comes first: NetGen.Samples {command.Name} [options]; '{args[0]}' came before it");
            error.WriteLine(line.UsageLine(command));
            return 2;
        }
        if (result.Errors.Count > 0)
        {
            error.WriteLine("error: " + result.Errors[0].Message);
            error.WriteLine(line.UsageLine(command));
            error.WriteLine($"run NetGen.Samples {(command == line.Root ? "" : command.Name + " ")}--help for the options");
            return 2;
        }
        if (command == line.Root) return DigitsCommand.Run(line.DigitsOptions.Bind(result), output, error);
        if (command == line.Digits) return DigitsCommand.Run(line.DigitsSubcommandOptions.Bind(result), output, error);
        if (command == line.LrFind)
        {
            if (line.LrFindOptions.Bind(result, out string? problem) is not { } settings)
            {
                error.WriteLine("error: " + problem);
                error.WriteLine(line.UsageLine(command));
                return 2;
            }
            return LrFindCommand.Run(settings, "NetGen.Samples " + string.Join(' ', args), output, error);
        }
        var experiment = line.Experiments[command];
        string commandLine = "NetGen.Samples " + string.Join(' ', args);
        return ChapterExperiments.Run(experiment.Experiment, experiment.Options.Bind(result), commandLine, output, error);
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
    public static void PrintUsage(TextWriter output) => new CommandLine().WriteHelp(null, output);

    /// <summary>One parse's command tree: the root (the digits options), its subcommands and their options.</summary>
    private sealed class CommandLine
    {
        public CommandLine()
        {
            Root.Options.Clear(); // no --version, no System.CommandLine help: the help below keeps the app's own layout
            Root.Directives.Clear();
            Root.Options.Add(Help);
            foreach (var option in DigitsOptions.All) Root.Options.Add(option);
            // The same options again under "digits", as objects of its own: Bind reads the ones this command parsed.
            foreach (var option in DigitsSubcommandOptions.All) Digits.Options.Add(option);
            Root.Subcommands.Add(Digits);
            foreach (var experiment in ChapterExperiments.All)
            {
                var options = new ExperimentOptions(experiment.Defaults);
                var command = new Command(experiment.Name, experiment.Title);
                foreach (var option in options.All) command.Options.Add(option);
                Root.Subcommands.Add(command);
                Experiments.Add(command, (experiment, options));
            }
            foreach (var option in LrFindOptions.All) LrFind.Options.Add(option);
            Root.Subcommands.Add(LrFind);
            Root.Subcommands.Add(HelpCommand);
            // Run dispatches by itself (so that it picks the exit codes); an action only marks a command runnable.
            foreach (var command in Root.Subcommands.Append(Root)) command.SetAction(_ => 0);
        }

        public RootCommand Root { get; } = new("NetGen.Samples: the digits classifier and the chapter 11 experiments");

        public Option<bool> Help { get; } = CliOptions.Help();

        public DigitsOptions DigitsOptions { get; } = new();

        public DigitsOptions DigitsSubcommandOptions { get; } = new();

        public Command Digits { get; } = new(DefaultCommand, "train the digits classifier (the default when no command is given)");

        public Command HelpCommand { get; } = new("help", "show this text");

        public LrFindOptions LrFindOptions { get; } = new();

        public Command LrFind { get; } = new(LrFindCommand.Name,
            "learning-rate range test on digits (Géron ch. 11); writes its chart and report.md to out/lr-find/, then trains at the suggested rate");

        public Dictionary<Command, (Experiment Experiment, ExperimentOptions Options)> Experiments { get; } = [];

        /// <summary>The message for a first argument that names no command (and is no option), or null.</summary>
        public string? UnknownCommand(ParseResult result, string[] args)
        {
            if (args.Length == 0 || args[0].StartsWith('-') || result.CommandResult.Command != Root) return null;
            var names = Root.Subcommands.Where(c => c != HelpCommand).Select(c => c.Name);
            return $"unknown command '{args[0]}'; choose one of {string.Join(", ", names)} (or an option of {DefaultCommand})";
        }

        public string UsageLine(Command command) => command == Root || command == Digits
            ? DigitsOptions.UsageLine
            : $"usage: NetGen.Samples {command.Name} [options]";

        /// <summary>A command's help; the root's (and help's) lists the commands first.</summary>
        public void WriteHelp(Command? command, TextWriter output)
        {
            if (command is not null && Experiments.TryGetValue(command, out var experiment))
            {
                CliOptions.WriteHelp(output, UsageLine(command), experiment.Experiment.Question, experiment.Options.All,
                    "Writes report.md and PNG charts (accuracy, loss, per-layer gradients) to the output folder.");
                return;
            }
            if (command == LrFind)
            {
                CliOptions.WriteHelp(output, UsageLine(command), LrFindOptions.About, LrFindOptions.All);
                return;
            }
            if (command is null || command == Root || command == HelpCommand)
            {
                output.WriteLine("usage: NetGen.Samples [command] [options]");
                output.WriteLine("commands:");
                foreach (var subcommand in Root.Subcommands.Where(c => c != HelpCommand))
                {
                    string what = Experiments.TryGetValue(subcommand, out var e)
                        ? $"chapter 11 experiment: {e.Experiment.Title.ToLowerInvariant()}; writes report.md and PNG charts to out/{subcommand.Name}/"
                        : subcommand.Description ?? "";
                    output.WriteLine($"  {subcommand.Name,-12} {what}");
                }
                output.WriteLine("NetGen.Samples --kernel-info prints which matrix-product kernels run on this CPU and why.");
                output.WriteLine($"NetGen.Samples COMMAND --help shows a command's options. The {DefaultCommand} options:");
                output.WriteLine();
            }
            CliOptions.WriteHelp(output, DigitsOptions.UsageLine, null, DigitsOptions.All, DigitsOptions.Footer);
        }
    }
}
