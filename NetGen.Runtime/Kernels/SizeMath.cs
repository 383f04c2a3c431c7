namespace NetGen
{
    /// <summary>
    /// Size checks in 64 bits for the kernels' public entry points: rows × width of two valid ints can
    /// pass <see cref="int.MaxValue"/> and wrap to a small number that a short span would pass, after
    /// which the pointer loops would run far past the span.
    /// </summary>
    internal static class SizeMath
    {
        /// <summary>True when <paramref name="rows"/> rows of <paramref name="width"/> values fit in <paramref name="length"/>.</summary>
        public static bool Fits(int length, int rows, int width) => rows >= 0 && width >= 0 && (long)rows * width <= length;

        /// <summary>True when <paramref name="rows"/> × <paramref name="width"/> is a valid non-negative <see cref="int"/>.</summary>
        public static bool IsCount(int rows, int width) => Fits(int.MaxValue, rows, width);
    }
}
