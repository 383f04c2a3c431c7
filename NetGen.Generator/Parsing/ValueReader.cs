using System;
using System.Globalization;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Models;

namespace NetGen.Generator.Parsing
{
    /// <summary>
    /// Turns attribute arguments into written values. It judges nothing: the one thing it reports is an
    /// enum value it cannot map to a member (NG0009), which it then reads as the default.
    /// </summary>
    internal sealed class ValueReader
    {
        private readonly DiagnosticBag _diagnostics;

        public ValueReader(DiagnosticBag diagnostics) => _diagnostics = diagnostics;

        /// <summary>Reads an enum argument, or <paramref name="fallback"/> when it is absent or undefined (the latter reported as NG0009).</summary>
        public TEnum Enum<TEnum>(ArgumentValue? argument, TEnum fallback) where TEnum : struct, Enum
            => DefinedEnum<TEnum>(argument)?.Value ?? fallback;

        /// <summary>Reads an enum argument with its location; null when it is absent or undefined (the latter reported as NG0009).</summary>
        public WrittenValue<TEnum>? DefinedEnum<TEnum>(ArgumentValue? argument) where TEnum : struct, Enum
        {
            if (argument is not { } value) return null;
            object raw = value.Value.Value ?? 0;
            var typed = (TEnum)System.Enum.ToObject(typeof(TEnum), raw);
            if (System.Enum.IsDefined(typeof(TEnum), typed)) return new WrittenValue<TEnum>(typed, value.Location);
            _diagnostics.Report(DiagnosticDescriptors.UndefinedEnumValue, value.Location, raw, typeof(TEnum).Name);
            return null;
        }

        /// <summary>An enum argument with the location it was written at, the value <paramref name="fallback"/> when absent or undefined.</summary>
        public WrittenValue<TEnum> EnumAt<TEnum>(ArgumentValue? argument, TEnum fallback) where TEnum : struct, Enum
            => new(Enum(argument, fallback), argument?.Location);

        public static WrittenValue<int> Int(ArgumentValue argument)
            => new(Convert.ToInt32(argument.Value.Value, CultureInfo.InvariantCulture), argument.Location);

        public static WrittenValue<double>? Double(ArgumentValue? argument)
            => argument is { } value ? new WrittenValue<double>(Convert.ToDouble(value.Value.Value, CultureInfo.InvariantCulture), value.Location) : null;

        /// <summary>A bool argument; <paramref name="fallback"/> stands for a value that is not a bool.</summary>
        public static WrittenValue<bool>? Bool(ArgumentValue? argument, bool fallback)
            => argument is { } value ? new WrittenValue<bool>(value.Value.Value is bool flag ? flag : fallback, value.Location) : null;
    }
}
