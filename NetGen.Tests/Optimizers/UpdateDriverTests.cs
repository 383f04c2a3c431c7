using System;
using System.Numerics;
using Xunit;

namespace NetGen.Tests.Optimizers;

/// <summary>
/// The element-wise driver every optimizer runs in: whole vectors, then a zero-padded tail through
/// the same vector code. Every length must update every parameter with the same arithmetic, write
/// nothing outside the range, and leave the buffers a rule does not use alone.
/// </summary>
public class UpdateDriverTests
{
    private static readonly int Width = Vector<float>.Count;

    public static TheoryData<int> Lengths() => new() { 0, 1, Width - 1, Width, Width + 1, 3 * Width + 5 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Every_element_gets_the_vector_arithmetic_and_nothing_outside_the_range_changes(int n)
    {
        const float sentinel = -12345f;
        var random = new NetGenRandom(n + 1);
        float[] Filled() { var values = new float[n + 2]; for (int i = 0; i < values.Length; i++) values[i] = (float)random.NextNormal(); return values; }
        var parameters = Filled();
        var gradients = Filled();
        var first = Filled();
        var third = Filled();
        parameters[0] = first[0] = third[0] = sentinel;
        parameters[n + 1] = first[n + 1] = third[n + 1] = sentinel;
        var expectedParameters = (float[])parameters.Clone();
        var expectedFirst = (float[])first.Clone();
        var expectedThird = (float[])third.Clone();
        var rule = new ScaleRule(0.75f, -0.125f);
        for (int i = 1; i <= n; i++) rule.Scalar(ref expectedParameters[i], gradients[i], ref expectedFirst[i], ref expectedThird[i]);

        UpdateDriver.Run(parameters.AsSpan(1, n), gradients.AsSpan(1, n), first.AsSpan(1, n), default, third.AsSpan(1, n), rule);

        Assert.Equal(expectedParameters, parameters);
        Assert.Equal(expectedFirst, first);
        Assert.Equal(expectedThird, third);
    }

    /// <summary>
    /// A rule whose scalar twin is exact lane by lane (no fused operations): s₀ ← a·s₀ + g,
    /// s₂ ← s₂ + g·g, θ ← θ + b·s₀ / (√s₂ + 1). It ignores buffer 1, which the test passes empty.
    /// </summary>
    private readonly struct ScaleRule : IUpdateRule
    {
        private readonly float _decay, _rate;

        public ScaleRule(float decay, float rate) { _decay = decay; _rate = rate; }

        public void Update(ref float parameter, ref float gradient, ref float state0, ref float state1, ref float state2)
        {
            var grad = VectorMath.Load(ref gradient);
            var velocity = VectorMath.Load(ref state0) * new Vector<float>(_decay) + grad;
            var square = VectorMath.Load(ref state2) + grad * grad;
            VectorMath.Store(velocity, ref state0);
            VectorMath.Store(square, ref state2);
            var step = new Vector<float>(_rate) * velocity / (Vector.SquareRoot(square) + Vector<float>.One);
            VectorMath.Store(VectorMath.Load(ref parameter) + step, ref parameter);
        }

        public void Scalar(ref float parameter, float gradient, ref float state0, ref float state2)
        {
            state0 = state0 * _decay + gradient;
            state2 += gradient * gradient;
            parameter += _rate * state0 / (MathF.Sqrt(state2) + 1f);
        }
    }
}
