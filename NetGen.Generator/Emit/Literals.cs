using System.Globalization;

namespace NetGen.Generator.Emit
{
    /// <summary>C# literals written the same on every machine (invariant culture, round-trip precision).</summary>
    internal static class Literals
    {
        public static string Float(float value) => value.ToString("R", CultureInfo.InvariantCulture) + "f";

        public static string Double(double value)
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? text : text + ".0";
        }

        public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

        // Enum members fully qualified, their types' names from the one table.
        public static string Enum(Act value) => RuntimeNames.Act + "." + value;

        public static string Enum(Init value) => RuntimeNames.Init + "." + value;

        public static string Enum(Loss value) => RuntimeNames.Loss + "." + value;

        public static string Enum(BatchNormPlacement value) => RuntimeNames.BatchNormPlacement + "." + value;

        public static string Enum(FanMode value) => RuntimeNames.FanMode + "." + value;

        public static string Enum(Distribution value) => RuntimeNames.Distribution + "." + value;
    }
}
