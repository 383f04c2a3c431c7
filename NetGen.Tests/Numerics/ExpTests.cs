using System;
using System.Numerics;
using Xunit;

namespace NetGen.Tests.Numerics;

/// <summary>The single-precision vector e^x behind sigmoid, ELU, SELU, SiLU, softplus: against Math.Exp.</summary>
public class ExpTests
{
    [Fact]
    public void Exp_is_within_3_ulp_of_the_double_result_over_the_normal_range()
    {
        double worst = 0; float at = 0;
        var lanes = new float[Vector<float>.Count];
        for (int i = 0; i <= 1_000_000; i++)
        {
            float x = -87.3f + (88.3f + 87.3f) * i / 1_000_000f;
            var y = VectorMath.Exp(new Vector<float>(x));
            y.CopyTo(lanes);
            double exact = Math.Exp(x);
            double ulp = Math.Abs(MathF.BitIncrement((float)exact) - (float)exact);
            double error = Math.Abs(lanes[0] - exact) / ulp;
            if (error > worst) { worst = error; at = x; }
        }
        Assert.True(worst <= 3, $"worst error {worst:F2} ulp at x = {at}");
    }

    [Theory]
    [InlineData(float.NegativeInfinity, 0f)]
    [InlineData(-100f, 0f)]
    [InlineData(0f, 1f)]
    [InlineData(1f, 2.7182817f)]
    [InlineData(-1f, 0.36787945f)]
    public void Exp_special_values(float x, float expected)
        => Assert.Equal(expected, VectorMath.Exp(new Vector<float>(x))[0], 6);

    [Fact]
    public void Exp_keeps_NaN_and_saturates_instead_of_wrapping()
    {
        Assert.True(float.IsNaN(VectorMath.Exp(new Vector<float>(float.NaN))[0]));
        float big = VectorMath.Exp(new Vector<float>(float.PositiveInfinity))[0];
        Assert.True(big > 1e38f && float.IsFinite(big));
    }
}
