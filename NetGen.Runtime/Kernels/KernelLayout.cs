namespace NetGen
{
    /// <summary>
    /// Layout rules that the generator must know at build time (it sizes the buffers it emits) and the
    /// runtime applies: one source file, compiled into both (NetGen.Generator.csproj links it).
    /// </summary>
    internal static class KernelLayout
    {
        /// <summary>
        /// Floats between rows of a transposed kernel Wᵀ ([units × inputs]): inputs rounded up to a
        /// multiple of 16 (whole 64-byte lines), plus 16 more when that is an even number of lines. Rows
        /// a power-of-two number of bytes apart all fall into the same few cache sets: transposing a
        /// 1024 × 1024 kernel into rows 4 KB apart took 1.05 ms, into rows 4,160 bytes apart 0.18 ms.
        /// </summary>
        public static int TransposedStride(int inputs) => (int)PaddedStride(inputs);

        /// <summary>Floats a transposed kernel of a layer takes: units rows of <see cref="TransposedStride"/>.</summary>
        public static int TransposedLength(int inputs, int units) => (int)TransposedLongLength(inputs, units);

        /// <summary>
        /// <see cref="TransposedLength"/> in 64 bits, for the generator's check that it fits one array (NG0028):
        /// a narrow, very wide layer fits the parameter limit but not this.
        /// </summary>
        public static long TransposedLongLength(int inputs, int units) => units * PaddedStride(inputs);

        /// <summary>The row stride of <see cref="TransposedStride"/>, in 64 bits so that no input count wraps it.</summary>
        public static long PaddedStride(long inputs)
        {
            long stride = (inputs + 15) & ~15L;
            return (stride / 16) % 2 == 0 ? stride + 16 : stride;
        }
    }
}
