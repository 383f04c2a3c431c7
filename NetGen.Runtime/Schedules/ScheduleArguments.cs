using System;

namespace NetGen
{
    /// <summary>Argument checks shared by the learning-rate schedules.</summary>
    internal static class ScheduleArguments
    {
        public static double Positive(double value, string name)
        {
            if (!(value > 0) || double.IsInfinity(value))
                throw new ArgumentOutOfRangeException(name, value, "Must be a positive finite number.");
            return value;
        }

        public static double NonNegative(double value, string name)
        {
            if (!(value >= 0) || double.IsInfinity(value))
                throw new ArgumentOutOfRangeException(name, value, "Must be a finite number of at least 0.");
            return value;
        }

        public static long Positive(long value, string name)
        {
            if (value <= 0) throw new ArgumentOutOfRangeException(name, value, "Must be at least 1.");
            return value;
        }

        public static ScheduleUnit Defined(ScheduleUnit unit, string name)
        {
            if (unit != ScheduleUnit.Step && unit != ScheduleUnit.Epoch)
                throw new ArgumentOutOfRangeException(name, unit, "Not a defined schedule unit.");
            return unit;
        }
    }
}
