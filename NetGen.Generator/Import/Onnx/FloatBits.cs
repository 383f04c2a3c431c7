using System.Runtime.InteropServices;

namespace NetGen.Generator.Import.Onnx
{
    /// <summary>Reinterprets IEEE-754 bits as floats (netstandard2.0 has no BitConverter.Int32BitsToSingle).</summary>
    [StructLayout(LayoutKind.Explicit)]
    internal struct FloatBits
    {
        [FieldOffset(0)]
        private uint _single;

        [FieldOffset(0)]
        private readonly float _singleValue;

        [FieldOffset(0)]
        private ulong _double;

        [FieldOffset(0)]
        private readonly double _doubleValue;

        public static float ToSingle(uint bits)
        {
            var union = new FloatBits { _single = bits };
            return union._singleValue;
        }

        public static double ToDouble(ulong bits)
        {
            var union = new FloatBits { _double = bits };
            return union._doubleValue;
        }

        /// <summary>IEEE-754 binary16 to binary32, exactly (every half value is a float value).</summary>
        public static float HalfToSingle(ushort half)
        {
            uint sign = (uint)(half & 0x8000) << 16;
            int exponent = (half >> 10) & 0x1F;
            uint mantissa = (uint)half & 0x3FF;
            if (exponent == 0x1F) return ToSingle(sign | 0x7F800000 | mantissa << 13);      // infinity, NaN
            if (exponent != 0) return ToSingle(sign | (uint)(exponent + 112) << 23 | mantissa << 13);
            // Subnormal half: mantissa · 2^-24, exact in float.
            float magnitude = mantissa * (1f / 16777216f);
            return sign != 0 ? -magnitude : magnitude;
        }
    }
}
