using System;
#if NET10_0_OR_GREATER
using System.Runtime.Intrinsics.X86;
#endif

namespace NetGen
{
    /// <summary>
    /// Which matrix-product kernels this process runs: the 16-lane AVX-512 ones (<c>Gemm512</c>)
    /// or the <see cref="System.Numerics.Vector{T}"/> ones (8 lanes with AVX2). Decided once, from what
    /// the core does fast rather than from <c>Avx512F.IsSupported</c> alone, and overridable with the
    /// <c>NETGEN_KERNELS</c> environment variable (<c>auto</c>, <c>256</c>, <c>512</c>;
    /// docs/PERFORMANCE.md, "Which kernel runs"). Both kernels compute every element as the same FMA
    /// chain, so the choice changes speed, never results.
    /// </summary>
    internal static class KernelChoice
    {
        /// <summary>The environment variable that overrides the automatic choice.</summary>
        public const string EnvironmentVariable = "NETGEN_KERNELS";

        private static readonly Decision DecisionMade = Detect();

        /// <summary>Whether the products run on the AVX-512 kernels. A static readonly the JIT folds into a constant.</summary>
        public static readonly bool Use512 = DecisionMade.Use512;

        /// <summary>One line for people: which kernels run and why.</summary>
        public static string Description => DecisionMade.Reason;

        /// <summary>A decision and the reason given for it.</summary>
        internal readonly record struct Decision(bool Use512, string Reason);

        /// <summary>What the CPU says about itself: CPUID vendor, family (base + extended) and model.</summary>
        internal readonly record struct Cpu(string Vendor, int Family, int Model, bool HasAvx512, bool BinaryHasAvx512);

        private static Decision Detect() => Decide(ReadCpu(), Environment.GetEnvironmentVariable(EnvironmentVariable));

        /// <summary>
        /// The rule, a pure function so that tests can try every CPU. AVX-512 kernels run when the
        /// binary can run them (JIT on an AVX-512 CPU, or NativeAOT compiled for x86-64-v4) and the core
        /// executes 512-bit FMAs at full width: Intel, AMD Zen 5 (family 0x1A) and later. AMD Zen 4
        /// (family 0x19) splits each 512-bit FMA into two 256-bit halves, so the 256-bit kernels there
        /// do the same work in as many cycles; which of the two runs faster on Zen 4 was measured and is
        /// recorded in docs/PERFORMANCE.md.
        /// </summary>
        internal static Decision Decide(Cpu cpu, string? requested)
        {
            string? note = null;
            switch (requested?.Trim().ToLowerInvariant())
            {
                case null or "" or "auto":
                    break;
                case "512":
                    return cpu.BinaryHasAvx512
                        ? new Decision(true, $"512-bit AVX-512 kernels ({EnvironmentVariable}=512)")
                        : new Decision(false, $"{VectorName()} kernels: {EnvironmentVariable}=512 asks for AVX-512, but {MissingAvx512(cpu)}");
                case "256":
                    return new Decision(false, $"{VectorName()} kernels ({EnvironmentVariable}=256)");
                default:
                    note = $"; {EnvironmentVariable}='{requested}' is not auto, 256 or 512 and was ignored";
                    break;
            }
            if (!cpu.BinaryHasAvx512)
                return new Decision(false, $"{VectorName()} kernels: {MissingAvx512(cpu)}{note}");
            if (cpu.Vendor == "AuthenticAMD" && cpu.Family <= 0x19)
                return new Decision(PreferZen4512, $"{(PreferZen4512 ? "512-bit AVX-512" : VectorName())} kernels: AMD family 0x{cpu.Family:X2} (Zen 4) runs 512-bit FMAs as two 256-bit halves; measured faster here{note}");
            return new Decision(true, $"512-bit AVX-512 kernels: {Name(cpu)} runs 512-bit FMAs at full width{note}");
        }

        /// <summary>
        /// Zen 4's choice, from measurement (docs/PERFORMANCE.md, "Which kernel runs"): the 512-bit kernels
        /// issue half the instructions and loads for the same FMA work and carry the packing and cache
        /// blocking the <see cref="System.Numerics.Vector{T}"/> kernels lack.
        /// </summary>
        private const bool PreferZen4512 = true;

        private static string Name(Cpu cpu) => cpu.Vendor switch
        {
            "GenuineIntel" => $"Intel family 0x{cpu.Family:X2} model 0x{cpu.Model:X2}",
            "AuthenticAMD" => $"AMD family 0x{cpu.Family:X2}",
            _ => $"{cpu.Vendor} family 0x{cpu.Family:X2}",
        };

        private static string MissingAvx512(Cpu cpu) => cpu.HasAvx512
            ? "this binary was compiled without AVX-512 (NativeAOT below x86-64-v4) or the runtime has it turned off (DOTNET_EnableAVX512=0)"
            : "the CPU has no AVX-512";

        private static string VectorName() => $"{System.Numerics.Vector<float>.Count * 32}-bit Vector<float>";

        private static Cpu ReadCpu()
        {
#if NET10_0_OR_GREATER
            bool binary = Avx512F.IsSupported;
#else
            const bool binary = false;
#endif
            if (!System.Runtime.Intrinsics.X86.X86Base.IsSupported)
                return new Cpu("", 0, 0, false, binary);
            var (_, ebx, ecx, edx) = System.Runtime.Intrinsics.X86.X86Base.CpuId(0, 0);
            string vendor = Ascii(ebx) + Ascii(edx) + Ascii(ecx);
            int eax1 = System.Runtime.Intrinsics.X86.X86Base.CpuId(1, 0).Eax;
            int baseFamily = (eax1 >> 8) & 0xF;
            int family = baseFamily == 0xF ? baseFamily + ((eax1 >> 20) & 0xFF) : baseFamily;
            int model = ((eax1 >> 4) & 0xF) | (baseFamily is 0x6 or 0xF ? ((eax1 >> 16) & 0xF) << 4 : 0);
            // Leaf 7 EBX bit 16: AVX512F on the CPU, whether or not this binary may use it.
            bool cpuHas = System.Runtime.Intrinsics.X86.X86Base.CpuId(0, 0).Eax >= 7 && (System.Runtime.Intrinsics.X86.X86Base.CpuId(7, 0).Ebx & (1 << 16)) != 0;
            return new Cpu(vendor, family, model, cpuHas, binary);
        }

        private static string Ascii(int register) => string.Create(4, register, static (span, r) =>
        {
            for (int i = 0; i < 4; i++) span[i] = (char)((r >> (8 * i)) & 0xFF);
        });
    }
}
