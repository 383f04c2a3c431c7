namespace NetGen
{
    /// <summary>
    /// Which matrix-product kernels the generated networks run in this process, for logs and
    /// diagnostics. The choice is made once per process from the CPU (AVX-512 where the core runs
    /// 512-bit FMAs fast, 256-bit <c>Vector&lt;float&gt;</c> kernels elsewhere) and can be forced
    /// with the <c>NETGEN_KERNELS</c> environment variable (<c>auto</c>, <c>256</c> or <c>512</c>).
    /// Results are bit-identical whichever kernels run.
    /// </summary>
    public static class KernelInfo
    {
        /// <summary>Whether the products run on the 16-lane AVX-512 kernels.</summary>
        public static bool UsesAvx512 => Gemm.UsesAvx512;

        /// <summary>One line naming the kernels that run and why, e.g. "512-bit AVX-512 kernels: AMD family 0x1A runs 512-bit FMAs at full width".</summary>
        public static string Description => KernelChoice.Description;
    }
}
