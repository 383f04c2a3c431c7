using System;
using System.Globalization;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Models;

namespace NetGen.Generator.Validation
{
    /// <summary>Checks single written values (sizes, ranges) and says what the later rules should use.</summary>
    internal static class ValueRules
    {
        /// <summary>Checks that a size is at least 1 (NG0003, at the argument).</summary>
        public static bool Positive(WrittenValue<int> size, string what, DiagnosticBag diagnostics)
        {
            if (size.Value >= 1) return true;
            diagnostics.Report(DiagnosticDescriptors.SizeNotPositive, size.Location, what, size.Value);
            return false;
        }

        /// <summary>
        /// The written value when it satisfies <paramref name="isValid"/>, else <paramref name="fallback"/>
        /// (also when nothing was written). A value outside is NG0014 at the argument, described by
        /// <paramref name="requirement"/> (e.g. "in (0, 1)"); the later rules then see the fallback, so
        /// no follow-up diagnostic is built on a value already reported.
        /// </summary>
        public static double InRange(WrittenValue<double>? written, double fallback, string what, Func<double, bool> isValid, string requirement, DiagnosticBag diagnostics)
        {
            if (written is not { } argument) return fallback;
            double value = argument.Value;
            // The value is emitted and used as a float: check what it becomes (1e39 is infinite,
            // 0.99999999999 rounds to 1), not only the double that was written.
            float asFloat = (float)value;
            if (!float.IsNaN(asFloat) && !float.IsInfinity(asFloat) && isValid(asFloat)) return value;
            diagnostics.Report(DiagnosticDescriptors.OutOfRange, argument.Location, what, value.ToString("R", CultureInfo.InvariantCulture),
                requirement + (float.IsInfinity(asFloat) || float.IsNaN(asFloat) ? " and a finite float" : ""));
            return fallback;
        }

        /// <summary>Any finite float (a mean, a constant): NG0014 otherwise.</summary>
        public static double Finite(WrittenValue<double>? written, double fallback, string what, DiagnosticBag diagnostics)
            => InRange(written, fallback, what, _ => true, "a finite float", diagnostics);
    }
}
