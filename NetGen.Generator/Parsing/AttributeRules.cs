using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Models;

namespace NetGen.Generator.Parsing
{
    /// <summary>Reads typed values out of attribute arguments, reporting what is out of range where it was written.</summary>
    internal sealed class AttributeRules
    {
        private readonly List<DiagnosticInfo> _diagnostics;

        public AttributeRules(List<DiagnosticInfo> diagnostics) => _diagnostics = diagnostics;

        public void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] arguments)
            => _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));

        /// <summary>Checks that a size is at least 1 (NG0003).</summary>
        public bool Positive(int value, string what, LocationInfo? location)
        {
            if (value >= 1) return true;
            Report(DiagnosticDescriptors.SizeNotPositive, location, what, value);
            return false;
        }

        /// <summary>Reads an enum argument, or <paramref name="fallback"/> when it is absent; an undefined value is NG0009.</summary>
        public TEnum Enum<TEnum>(ArgumentValue? argument, TEnum fallback) where TEnum : struct, Enum
            => DefinedEnum<TEnum>(argument) ?? fallback;

        /// <summary>Reads an enum argument; null when it is absent or undefined (the latter reported as NG0009).</summary>
        public TEnum? DefinedEnum<TEnum>(ArgumentValue? argument) where TEnum : struct, Enum
        {
            if (argument is not { } value) return null;
            object raw = value.Value.Value ?? 0;
            var typed = (TEnum)System.Enum.ToObject(typeof(TEnum), raw);
            if (System.Enum.IsDefined(typeof(TEnum), typed)) return typed;
            Report(DiagnosticDescriptors.UndefinedEnumValue, value.Location, raw, typeof(TEnum).Name);
            return null;
        }

        /// <summary>
        /// Reads a double argument that must satisfy <paramref name="isValid"/>; a value outside is NG0014
        /// at the argument, described by <paramref name="requirement"/> (e.g. "in (0, 1)").
        /// </summary>
        public double Checked(ArgumentValue? argument, double fallback, string what, Func<double, bool> isValid, string requirement)
        {
            double value = Double(argument, fallback);
            if (argument is not { } written) return value;
            // The value is emitted and used as a float: check what it becomes (1e39 is infinite,
            // 0.99999999999 rounds to 1), not only the double that was written.
            float asFloat = (float)value;
            if (!float.IsNaN(asFloat) && !float.IsInfinity(asFloat) && isValid(asFloat)) return value;
            Report(DiagnosticDescriptors.OutOfRange, written.Location, what, value.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                requirement + (float.IsInfinity(asFloat) || float.IsNaN(asFloat) ? " and a finite float" : ""));
            return fallback;
        }

        /// <summary>Reads a double argument, or <paramref name="fallback"/> when it is absent.</summary>
        public static double Double(ArgumentValue? argument, double fallback)
            => argument is { } value ? Convert.ToDouble(value.Value.Value, System.Globalization.CultureInfo.InvariantCulture) : fallback;

        /// <summary>Reads a bool argument, or <paramref name="fallback"/> when it is absent.</summary>
        public static bool Bool(ArgumentValue? argument, bool fallback)
            => argument is { } value && value.Value.Value is bool flag ? flag : fallback;
    }
}
