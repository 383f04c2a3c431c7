using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using System.Linq;

namespace NetGen.Samples;

/// <summary>
/// The option kinds every command shares, as System.CommandLine options whose parsers refuse bad values with a
/// message naming the option and the value (invariant culture), and the help text drawn from those options.
/// </summary>
internal static class CliOptions
{
    /// <summary>Width of the option column in help texts.</summary>
    private const int OptionColumn = 20;

    /// <summary>An integer ≥ 1.</summary>
    public static Option<int> PositiveInt(string name, int defaultValue, string description) => new(name)
    {
        HelpName = "N",
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = r => Single(r, name, defaultValue, (string s, out int n) => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n) && n > 0,
            "a whole number of at least 1"),
    };

    /// <summary>An integer ≥ 1; null when the option is not given.</summary>
    public static Option<int?> OptionalPositiveInt(string name, string description) => new(name)
    {
        HelpName = "N",
        Description = description,
        CustomParser = r => Single(r, name, null, (string s, out int? n) =>
        {
            bool ok = int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value > 0;
            n = value;
            return ok;
        }, "a whole number of at least 1"),
    };

    /// <summary>Any integer.</summary>
    public static Option<int> Int(string name, int defaultValue, string description) => new(name)
    {
        HelpName = "N",
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = r => Single(r, name, defaultValue, (string s, out int n) => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n),
            "a whole number"),
    };

    /// <summary>A finite number &gt; 0, at most <paramref name="max"/>; null when the option is not given.</summary>
    public static Option<float?> PositiveFloat(string name, string description, float max = float.MaxValue, string rule = "a positive finite number") => new(name)
    {
        HelpName = "X",
        Description = description,
        CustomParser = r => Single(r, name, null, (string s, out float? x) =>
        {
            bool ok = float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) && value > 0 && float.IsFinite(value) && value <= max;
            x = value;
            return ok;
        }, rule),
    };

    /// <summary>A path (any text); null when not given.</summary>
    public static Option<string?> Path(string name, string helpName, string description) => new(name) { HelpName = helpName, Description = description };

    /// <summary>The optimizer by its command-line name (case-insensitive).</summary>
    public static Option<OptimizerChoice> Optimizer(OptimizerChoice defaultValue, string description) => new("--optimizer")
    {
        HelpName = "NAME",
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = r => Choice(r, defaultValue, OptimizerFactory.TryParse, "optimizer", OptimizerFactory.Names),
    };

    /// <summary>The learning-rate schedule by its command-line name (case-insensitive).</summary>
    public static Option<ScheduleChoice> Schedule(string description) => new("--schedule")
    {
        HelpName = "NAME",
        Description = description,
        DefaultValueFactory = _ => ScheduleChoice.None,
        CustomParser = r => Choice(r, ScheduleChoice.None, ScheduleFactory.TryParse, "schedule", ScheduleFactory.Names),
    };

    /// <summary>The <c>--help</c> option, recursive so every command accepts it.</summary>
    public static Option<bool> Help() => new("--help", "-h") { Description = "show this text", Recursive = true };

    /// <summary>
    /// Writes a command's help: its usage line, what it does, then one entry per option ("--name VALUE" and its
    /// description, continuation lines indented under the description), then <paramref name="footer"/>.
    /// </summary>
    public static void WriteHelp(TextWriter output, string usage, string? about, IEnumerable<Option> options, string? footer = null)
    {
        output.WriteLine(usage);
        if (about is not null) output.WriteLine(about);
        foreach (var option in options.Where(o => !o.Hidden))
        {
            string head = option.HelpName is { } value ? $"{option.Name} {value}" : option.Name;
            var lines = (option.Description ?? "").Split('\n');
            output.WriteLine(head.Length < OptionColumn ? $"  {head.PadRight(OptionColumn)}{lines[0]}" : $"  {head}\n  {new string(' ', OptionColumn)}{lines[0]}");
            foreach (var line in lines.Skip(1)) output.WriteLine($"  {new string(' ', OptionColumn)}{line}");
        }
        output.WriteLine($"  {"--help".PadRight(OptionColumn)}show this text");
        if (footer is not null) output.WriteLine(footer);
    }

    private delegate bool TryParse<T>(string text, out T value);

    private static T Single<T>(ArgumentResult result, string name, T missing, TryParse<T> parse, string rule)
    {
        if (result.Tokens.Count == 0) return missing;
        string value = result.Tokens[0].Value;
        if (parse(value, out T parsed)) return parsed;
        result.AddError($"{name} needs {rule}, not '{value}'");
        return missing;
    }

    private static T Choice<T>(ArgumentResult result, T missing, TryParse<T> parse, string what, IReadOnlyList<string> names)
    {
        if (result.Tokens.Count == 0) return missing;
        string value = result.Tokens[0].Value;
        if (parse(value, out T parsed)) return parsed;
        result.AddError($"unknown {what} '{value}'; choose one of {string.Join(", ", names)}");
        return missing;
    }
}
