using Xunit;
using Cpu = NetGen.KernelChoice.Cpu;

namespace NetGen.Tests.Kernels;

/// <summary>
/// The rule that picks the 512-bit or the 256-bit products (issue 17 item 4), tried on CPUs this
/// machine is not: the rule is a pure function of CPUID's answers and NETGEN_KERNELS.
/// </summary>
public class KernelChoiceTests
{
    private static readonly Cpu Zen4 = new("AuthenticAMD", 0x19, 0x11, HasAvx512: true, BinaryHasAvx512: true);
    private static readonly Cpu Zen5 = new("AuthenticAMD", 0x1A, 0x02, HasAvx512: true, BinaryHasAvx512: true);
    private static readonly Cpu SapphireRapids = new("GenuineIntel", 0x06, 0x8F, HasAvx512: true, BinaryHasAvx512: true);
    private static readonly Cpu Zen3 = new("AuthenticAMD", 0x19, 0x01, HasAvx512: false, BinaryHasAvx512: false);
    private static readonly Cpu Zen5UnderAotV3 = Zen5 with { BinaryHasAvx512 = false };

    [Fact]
    public void Full_width_cores_run_the_512_bit_kernels()
    {
        Assert.True(KernelChoice.Decide(Zen5, null).Use512);
        Assert.True(KernelChoice.Decide(SapphireRapids, "auto").Use512);
        Assert.Contains("full width", KernelChoice.Decide(Zen5, null).Reason);
    }

    [Fact]
    public void Zen4_follows_the_measurement_and_says_so()
    {
        var decision = KernelChoice.Decide(Zen4, null);
        Assert.Contains("Zen 4", decision.Reason);
        Assert.Contains(decision.Use512 ? "512-bit" : "Vector<float>", decision.Reason);
    }

    [Fact]
    public void Without_AVX_512_in_the_CPU_or_the_binary_the_vector_kernels_run_and_the_reason_tells_which()
    {
        var noCpu = KernelChoice.Decide(Zen3, null);
        Assert.False(noCpu.Use512);
        Assert.Contains("the CPU has no AVX-512", noCpu.Reason);
        var noBinary = KernelChoice.Decide(Zen5UnderAotV3, null);
        Assert.False(noBinary.Use512);
        Assert.Contains("compiled without AVX-512", noBinary.Reason);
    }

    [Theory]
    [InlineData("256", false)]
    [InlineData(" 512 ", true)]
    [InlineData("AUTO", true)]
    public void The_environment_variable_overrides_the_rule(string value, bool use512)
    {
        Assert.Equal(use512, KernelChoice.Decide(Zen5, value).Use512);
        Assert.Equal(value.Trim() == "256" ? false : value.Trim() == "512" || KernelChoice.Decide(Zen4, null).Use512, KernelChoice.Decide(Zen4, value).Use512);
    }

    [Fact]
    public void Asking_for_512_where_the_binary_cannot_run_it_falls_back_and_says_why()
    {
        var decision = KernelChoice.Decide(Zen5UnderAotV3, "512");
        Assert.False(decision.Use512);
        Assert.Contains("NETGEN_KERNELS=512 asks for AVX-512", decision.Reason);
    }

    [Fact]
    public void A_value_it_does_not_know_is_named_in_the_reason_and_the_rule_applies()
    {
        var decision = KernelChoice.Decide(Zen5, "fast");
        Assert.True(decision.Use512);
        Assert.Contains("NETGEN_KERNELS='fast' is not auto, 256 or 512", decision.Reason);
    }

    [Fact]
    public void The_public_description_is_this_process_decision()
    {
        Assert.Equal(KernelChoice.Description, KernelInfo.Description);
        Assert.Equal(Gemm.UsesAvx512, KernelInfo.UsesAvx512);
        Assert.False(string.IsNullOrWhiteSpace(KernelInfo.Description));
    }
}
