using System;

namespace NetGen
{
    /// <summary>
    /// The seeded generator behind every random draw in NetGen (initializers, shuffling, splits):
    /// xoshiro256** (Blackman and Vigna 2018) seeded through SplitMix64, so a seed gives the same
    /// stream on every platform and runtime. Not cryptographic. Not thread-safe.
    /// </summary>
    public sealed class NetGenRandom
    {
        private ulong _s0, _s1, _s2, _s3;
        private double _spareNormal;
        private bool _hasSpareNormal;

        /// <summary>Creates a generator whose whole stream is fixed by <paramref name="seed"/>.</summary>
        public NetGenRandom(long seed)
        {
            ulong state = unchecked((ulong)seed);
            _s0 = SplitMix64(ref state);
            _s1 = SplitMix64(ref state);
            _s2 = SplitMix64(ref state);
            _s3 = SplitMix64(ref state);
        }

        /// <summary>The next 64 uniformly random bits.</summary>
        public ulong NextUInt64()
        {
            ulong result = RotateLeft(_s1 * 5, 7) * 9;
            ulong t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = RotateLeft(_s3, 45);
            return result;
        }

        /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        /// <summary>A uniform double in [<paramref name="low"/>, <paramref name="high"/>).</summary>
        public double NextUniform(double low, double high) => low + (high - low) * NextDouble();

        /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias (Lemire 2019).</summary>
        public int NextInt(int maxExclusive)
        {
            if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "The bound must be positive.");
            ulong bound = (ulong)maxExclusive;
            ulong product = (NextUInt64() >> 32) * bound;
            uint low = (uint)product;
            if (low < bound)
            {
                uint threshold = (uint)((0x1_0000_0000UL - bound) % bound);
                while (low < threshold)
                {
                    product = (NextUInt64() >> 32) * bound;
                    low = (uint)product;
                }
            }
            return (int)(product >> 32);
        }

        /// <summary>A standard normal draw (Box–Muller; the second value of each pair is kept for the next call).</summary>
        public double NextNormal()
        {
            if (_hasSpareNormal)
            {
                _hasSpareNormal = false;
                return _spareNormal;
            }
            double u1 = 1.0 - NextDouble(); // in (0, 1], so the logarithm is finite
            double u2 = NextDouble();
            double radius = Math.Sqrt(-2.0 * Math.Log(u1));
            double angle = 2.0 * Math.PI * u2;
            _spareNormal = radius * Math.Sin(angle);
            _hasSpareNormal = true;
            return radius * Math.Cos(angle);
        }

        /// <summary>A normal draw with the given mean and standard deviation, redrawn until it lies within two standard deviations of the mean (Keras's truncation).</summary>
        public double NextTruncatedNormal(double mean, double stdDev)
        {
            double x;
            do x = NextNormal();
            while (x < -2.0 || x > 2.0);
            return mean + stdDev * x;
        }

        /// <summary>Shuffles <paramref name="values"/> in place (Fisher–Yates).</summary>
        public void Shuffle<T>(Span<T> values)
        {
            for (int i = values.Length - 1; i > 0; i--)
            {
                int j = NextInt(i + 1);
                (values[i], values[j]) = (values[j], values[i]);
            }
        }

        private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

        private static ulong SplitMix64(ref ulong state)
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
