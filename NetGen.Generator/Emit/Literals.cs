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

        public static string Enum<T>(T value) where T : struct => "global::NetGen." + typeof(T).Name + "." + value;
    }
}
