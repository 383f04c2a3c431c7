using System.Globalization;

namespace NetGen.Samples;

/// <summary>Parsing of the command-line values every command shares (invariant culture).</summary>
internal static class ArgumentValues
{
    /// <summary>An integer ≥ 1, or null.</summary>
    public static int? PositiveInt(string value)
        => int.TryParse(value, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : null;

    /// <summary>A finite float &gt; 0, or null.</summary>
    public static float? PositiveFloat(string value)
        => float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float x) && x > 0 && float.IsFinite(x) ? x : null;
}
