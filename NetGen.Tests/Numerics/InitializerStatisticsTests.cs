using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using NetGen.Generated;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Numerics;

/// <summary>
/// Every initializer, sampled on 300 × 200 and 200 × 300 kernels (so fan_in and fan_out cannot be
/// swapped unnoticed), against Keras 3's definitions written out again here: sample mean and
/// variance within a few standard errors, bounds respected and actually reached, constants exact,
/// and a seed that fixes every value.
/// </summary>
public class InitializerStatisticsTests
{
    // Keras (random_initializers.py): the standard deviation of a unit normal truncated at ±2,
    // by which VarianceScaling divides so that the truncated draw keeps the target variance.
    // Truncation_correction_is_the_standard_deviation_of_a_unit_normal_cut_at_two_sigma derives it.
    private const double KerasTruncationStdDev = 0.87962566103423978;

    // Each statistic is allowed this many standard errors: a correct initializer fails a single
    // check with probability ~2e-9, while every plausible bug is off by far more (a fan mixup
    // changes the variance by 1.5×, a missing truncation correction by 0.77×, both ≥ 40 errors here).
    private const double StandardErrors = 6.0;

    private const double ScaleUnderTest = 2.5;

    private enum Shape { Uniform, TruncatedNormal, Normal }

    /// <summary>What Keras says the samples follow. Bound: the uniform limit or the truncation point; unused for a plain normal.</summary>
    private readonly record struct Expected(Shape Shape, double Mean, double Variance, double Bound);

    private sealed record Case(InitializerSpec Spec, Func<int, int, Expected> Expect);

    private static readonly Dictionary<string, Case> Cases = BuildCases();

    private static Dictionary<string, Case> BuildCases()
    {
        // The named initializers, from their Keras docstrings rather than from the variance-scaling
        // formula, so that a wrong (scale, mode, distribution) triple in InitializerSpec shows up.
        var cases = new Dictionary<string, Case>
        {
            ["GlorotUniform"] = new(new InitializerSpec(Init.GlorotUniform), (fanIn, fanOut) => UniformWithLimit(Math.Sqrt(6.0 / (fanIn + fanOut)))),
            ["GlorotNormal"] = new(new InitializerSpec(Init.GlorotNormal), (fanIn, fanOut) => TruncatedWithStdDev(Math.Sqrt(2.0 / (fanIn + fanOut)))),
            ["HeUniform"] = new(new InitializerSpec(Init.HeUniform), (fanIn, _) => UniformWithLimit(Math.Sqrt(6.0 / fanIn))),
            ["HeNormal"] = new(new InitializerSpec(Init.HeNormal), (fanIn, _) => TruncatedWithStdDev(Math.Sqrt(2.0 / fanIn))),
            ["LeCunUniform"] = new(new InitializerSpec(Init.LeCunUniform), (fanIn, _) => UniformWithLimit(Math.Sqrt(3.0 / fanIn))),
            ["LeCunNormal"] = new(new InitializerSpec(Init.LeCunNormal), (fanIn, _) => TruncatedWithStdDev(Math.Sqrt(1.0 / fanIn))),
            // Keras RandomNormal: untruncated N(mean, stddev²).
            ["RandomNormal mean 0.3 stddev 0.7"] = new(new InitializerSpec(Init.RandomNormal, Mean: 0.3, StdDev: 0.7),
                (_, _) => new Expected(Shape.Normal, 0.3, 0.7 * 0.7, double.PositiveInfinity)),
        };
        foreach (var mode in new[] { FanMode.FanIn, FanMode.FanOut, FanMode.FanAvg })
            foreach (var distribution in new[] { Distribution.TruncatedNormal, Distribution.UntruncatedNormal, Distribution.Uniform })
                cases[$"VarianceScaling {mode} {distribution}"] = new(
                    new InitializerSpec(Init.VarianceScaling, Scale: ScaleUnderTest, Mode: mode, Distribution: distribution),
                    (fanIn, fanOut) => KerasVarianceScaling(ScaleUnderTest, mode, distribution, fanIn, fanOut));
        return cases;
    }

    /// <summary>Keras's VarianceScaling.__call__, transcribed.</summary>
    private static Expected KerasVarianceScaling(double scale, FanMode mode, Distribution distribution, int fanIn, int fanOut)
    {
        double fan = mode switch
        {
            FanMode.FanIn => fanIn,
            FanMode.FanOut => fanOut,
            _ => (fanIn + fanOut) / 2.0,
        };
        double variance = scale / Math.Max(1.0, fan);
        return distribution switch
        {
            Distribution.TruncatedNormal => TruncatedWithStdDev(Math.Sqrt(variance)),
            Distribution.UntruncatedNormal => new Expected(Shape.Normal, 0.0, variance, double.PositiveInfinity),
            _ => UniformWithLimit(Math.Sqrt(3.0 * variance)),
        };
    }

    /// <summary>U(−limit, limit), whose variance is limit²/3.</summary>
    private static Expected UniformWithLimit(double limit) => new(Shape.Uniform, 0.0, limit * limit / 3.0, limit);

    /// <summary>
    /// Keras's truncated normal with resulting standard deviation <paramref name="stdDev"/>: drawn
    /// from N(0, (stdDev / 0.8796…)²) and cut at two of those wider standard deviations.
    /// </summary>
    private static Expected TruncatedWithStdDev(double stdDev)
        => new(Shape.TruncatedNormal, 0.0, stdDev * stdDev, 2.0 * stdDev / KerasTruncationStdDev);

    public static TheoryData<string, int, int> RandomCases()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var name in Cases.Keys)
        {
            data.Add(name, 300, 200);
            data.Add(name, 200, 300);
        }
        return data;
    }

    private static float[] Draw(InitializerSpec spec, int fanIn, int fanOut, long seed)
    {
        var kernel = new float[fanIn * fanOut];
        spec.Fill(kernel, fanIn, fanOut, new NetGenRandom(seed));
        return kernel;
    }

    [Fact]
    public void Every_initializer_kind_and_every_variance_scaling_combination_is_covered()
    {
        // Fails when Init, FanMode or Distribution grows a value that these tests do not sample.
        var kinds = Cases.Values.Select(c => c.Spec.Kind).Concat(ConstantKinds).Distinct().OrderBy(k => k);
        Assert.Equal(Enum.GetValues<Init>().OrderBy(k => k), kinds);
        int combinations = Cases.Values.Where(c => c.Spec.Kind == Init.VarianceScaling)
            .Select(c => (c.Spec.Mode, c.Spec.Distribution)).Distinct().Count();
        Assert.Equal(Enum.GetValues<FanMode>().Length * Enum.GetValues<Distribution>().Length, combinations);
    }

    /// <summary>The kinds Constant_initializers_overwrite_every_value_with_theirs covers.</summary>
    private static readonly Init[] ConstantKinds = { Init.Zeros, Init.Ones, Init.Constant };

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void Samples_have_the_keras_mean_and_variance(string initializer, int fanIn, int fanOut)
    {
        var (spec, expect) = Cases[initializer];
        var expected = expect(fanIn, fanOut);
        var kernel = Draw(spec, fanIn, fanOut, seed: 2024);
        int n = kernel.Length;

        double sum = 0, squares = 0;
        foreach (float value in kernel)
        {
            sum += value;
            squares += (value - expected.Mean) * (value - expected.Mean);
        }
        double mean = sum / n;
        // The mean is known, so Σ(x − μ)²/n is unbiased with variance (μ₄ − σ⁴)/n. Uniform (kurtosis
        // 1.8), normal truncated at ±2σ (2.37) and normal (3) all have μ₄ ≤ 3σ⁴, so its standard
        // error is at most σ²·√(2/n).
        double variance = squares / n;

        double meanError = Math.Sqrt(expected.Variance / n);
        double varianceError = expected.Variance * Math.Sqrt(2.0 / n);
        Assert.True(Math.Abs(mean - expected.Mean) <= StandardErrors * meanError,
            $"mean {mean:R}, expected {expected.Mean:R} ± {StandardErrors * meanError:R}");
        Assert.True(Math.Abs(variance - expected.Variance) <= StandardErrors * varianceError,
            $"variance {variance:R}, expected {expected.Variance:R} ± {StandardErrors * varianceError:R}");
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void Samples_respect_the_keras_bounds_and_come_close_to_them(string initializer, int fanIn, int fanOut)
    {
        var (spec, expect) = Cases[initializer];
        var expected = expect(fanIn, fanOut);
        var kernel = Draw(spec, fanIn, fanOut, seed: 77);
        int n = kernel.Length;

        if (expected.Shape == Shape.Normal)
        {
            // Untruncated: about 4.55 % of a normal lies beyond two standard deviations; a draw
            // truncated there, or too narrow or too wide, lands far outside a binomial band.
            double stdDev = Math.Sqrt(expected.Variance);
            int beyond = 0;
            foreach (float value in kernel)
                if (Math.Abs(value - expected.Mean) > 2.0 * stdDev) beyond++;
            double p = UnitNormalTailBeyondTwo();
            double fraction = (double)beyond / n;
            double error = Math.Sqrt(p * (1 - p) / n);
            Assert.True(Math.Abs(fraction - p) <= StandardErrors * error,
                $"{fraction:P3} of the samples lie beyond 2σ; a normal puts {p:P3} there (± {StandardErrors * error:P3})");
            return;
        }

        // Values are drawn in double and rounded to float, which can step past the bound by half an ulp.
        double ceiling = expected.Bound * (1 + 1e-6);
        // How close the extremes must come. Uniform: each sample lands in the top 0.1 % of the
        // range with probability 5e-4, so missing it in 60 000 draws has probability e^−30.
        // Truncated normal: the outer 1 % of [0, 2σ] holds ~0.11 % of the mass, missed with probability e^−68.
        double floor = expected.Bound * (expected.Shape == Shape.Uniform ? 1 - 1e-3 : 1 - 1e-2);
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float value in kernel)
        {
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }
        Assert.True(max <= ceiling && min >= -ceiling, $"samples span [{min:R}, {max:R}], outside ±{expected.Bound:R}");
        Assert.True(max >= floor && min <= -floor, $"samples span only [{min:R}, {max:R}]; the bound ±{expected.Bound:R} should be nearly reached");
    }

    [Theory]
    [InlineData(Init.Zeros, 0.0, 0f)]
    [InlineData(Init.Ones, 0.0, 1f)]
    [InlineData(Init.Constant, 0.3, 0.3f)]
    [InlineData(Init.Constant, -2.5, -2.5f)]
    public void Constant_initializers_overwrite_every_value_with_theirs(Init kind, double value, float expected)
    {
        foreach (var (fanIn, fanOut) in new[] { (300, 200), (200, 300) })
        {
            var kernel = new float[fanIn * fanOut];
            kernel.AsSpan().Fill(float.NaN); // a stale buffer, as in Initialize on a trained network
            new InitializerSpec(kind, Value: value).Fill(kernel, fanIn, fanOut, new NetGenRandom(1));
            for (int i = 0; i < kernel.Length; i++)
                Assert.True(BitConverter.SingleToInt32Bits(kernel[i]) == BitConverter.SingleToInt32Bits(expected),
                    $"value {i} is {kernel[i]:R}, expected {expected:R}");
        }
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void The_same_seed_gives_bit_identical_values(string initializer, int fanIn, int fanOut)
    {
        var spec = Cases[initializer].Spec;
        var first = Draw(spec, fanIn, fanOut, seed: 31337);
        var second = Draw(spec, fanIn, fanOut, seed: 31337);
        Assert.True(MemoryMarshal.Cast<float, int>(first).SequenceEqual(MemoryMarshal.Cast<float, int>(second)));
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void A_different_seed_gives_different_values(string initializer, int fanIn, int fanOut)
    {
        var spec = Cases[initializer].Spec;
        // Neighbouring seeds, a sign flip, and seeds that differ only above bit 31.
        foreach (var (a, b) in new (long, long)[] { (7, 8), (0, 1), (1, -1), (5, 5 + (1L << 32)) })
        {
            var first = Draw(spec, fanIn, fanOut, a);
            var second = Draw(spec, fanIn, fanOut, b);
            // Two independent continuous draws rounded to float coincide with probability ~1e-7.
            int equal = 0;
            for (int i = 0; i < first.Length; i++)
                if (BitConverter.SingleToInt32Bits(first[i]) == BitConverter.SingleToInt32Bits(second[i])) equal++;
            Assert.True(equal <= first.Length / 1000, $"seeds {a} and {b}: {equal} of {first.Length} values are identical");
        }
    }

    [Fact]
    public void Truncation_correction_is_the_standard_deviation_of_a_unit_normal_cut_at_two_sigma()
    {
        // Var of N(0, 1) restricted to [−2, 2] = ∫x²φ / ∫φ over [−2, 2], integrated numerically here.
        double mass = Simpson(x => Density(x), -2, 2);
        double secondMoment = Simpson(x => x * x * Density(x), -2, 2) / mass;
        Assert.Equal(KerasTruncationStdDev, Math.Sqrt(secondMoment), tolerance: 1e-12);
        Assert.Equal(KerasTruncationStdDev, InitializerSpec.TruncatedNormalCorrection);
    }

    [Fact]
    public void Unset_parameters_default_to_the_keras_values()
    {
        // keras.initializers.VarianceScaling(scale=1.0, mode="fan_in", distribution="truncated_normal"),
        // RandomNormal(mean=0.0, stddev=0.05), Constant(value=0.0).
        var spec = new InitializerSpec(Init.VarianceScaling);
        Assert.Equal((1.0, FanMode.FanIn, Distribution.TruncatedNormal), (spec.Scale, spec.Mode, spec.Distribution));
        Assert.Equal((0.0, 0.05), (spec.Mean, spec.StdDev));
        Assert.Equal(0.0, spec.Value);

        var attribute = new InitializerAttribute(Init.VarianceScaling);
        Assert.Equal((1.0, FanMode.FanIn, Distribution.TruncatedNormal), (attribute.Scale, attribute.Mode, attribute.Distribution));
        Assert.Equal((0.0, 0.05, 0.0), (attribute.Mean, attribute.StdDev, attribute.Value));

        var dense = new DenseAttribute(4);
        Assert.Equal((1.0, FanMode.FanIn, Distribution.TruncatedNormal), (dense.Scale, dense.Mode, dense.Distribution));
        Assert.Equal((0.0, 0.05, 0.0), (dense.Mean, dense.StdDev, dense.Value));
        Assert.Equal(Init.Zeros, dense.BiasInitializer);
    }

    [Fact]
    public void A_layer_without_an_initializer_gets_glorot_uniform_kernels_and_zero_biases()
    {
        // Keras Dense: kernel_initializer="glorot_uniform", bias_initializer="zeros".
        // PerLayerRegressionNet's first and last [Dense] name no initializer.
        var layers = PerLayerRegressionNet.LayerInfos;
        Assert.Equal(Init.GlorotUniform, layers[0].KernelInitializer.Kind);
        Assert.Equal(Init.LeCunNormal, layers[1].KernelInitializer.Kind);
        Assert.Equal(Init.GlorotUniform, layers[2].KernelInitializer.Kind);
        Assert.Equal(Init.Zeros, layers[0].BiasInitializer.Kind);
        Assert.Equal(Init.Zeros, layers[1].BiasInitializer.Kind);
    }

    [Fact]
    public void Parameter_initialization_uses_a_layers_inputs_as_fan_in_and_its_units_as_fan_out()
    {
        // He uniform depends on fan_in alone: the limit is √(6/300) here, √(6/200) if the fans were swapped.
        const int inputs = 300, units = 200;
        var layer = new DenseLayerInfo(0, inputs, units, Act.Relu, 0f, 0, inputs * units,
            new InitializerSpec(Init.HeUniform), new InitializerSpec(Init.Zeros));
        var parameters = new float[layer.ParameterCount];
        parameters.AsSpan().Fill(float.NaN);
        ParameterInitializer.Initialize(parameters, new[] { layer }, seed: 9);

        double limit = Math.Sqrt(6.0 / inputs);
        float largest = 0f;
        for (int i = 0; i < inputs * units; i++) largest = Math.Max(largest, Math.Abs(parameters[i]));
        Assert.InRange((double)largest, limit * (1 - 1e-3), limit * (1 + 1e-6));
        for (int i = inputs * units; i < parameters.Length; i++) Assert.Equal(0f, parameters[i]);
    }

    /// <summary>2·(1 − Φ(2)), the mass of a unit normal beyond two standard deviations.</summary>
    private static double UnitNormalTailBeyondTwo() => 1.0 - Simpson(x => Density(x), -2, 2);

    private static double Density(double x) => Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI);

    /// <summary>Composite Simpson rule; 20 000 panels make the error ~1e-17 for these smooth integrands.</summary>
    private static double Simpson(Func<double, double> f, double a, double b)
    {
        const int panels = 20_000;
        double h = (b - a) / panels, sum = f(a) + f(b);
        for (int i = 1; i < panels; i++) sum += f(a + i * h) * (i % 2 == 1 ? 4 : 2);
        return sum * h / 3;
    }
}
