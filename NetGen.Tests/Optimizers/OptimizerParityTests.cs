using System;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Optimizers;

/// <summary>
/// Every optimizer and option against torch.optim (PyTorch 1.13, float32, single-tensor path):
/// 25 recorded gradients of a 37-value buffer replayed through NetGen, parameters compared after
/// every step. Tolerance: |ours − torch| ≤ 1e-6·max(1, |torch|); the observed worst is printed.
/// </summary>
public class OptimizerParityTests
{
    private const double Tolerance = 1e-6;
    private readonly ITestOutputHelper _output;

    public OptimizerParityTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in OptimizerFixture.CaseNames) data.Add(name);
        return data;
    }

    public static TheoryData<string> ClippingCases()
    {
        var data = new TheoryData<string>();
        foreach (var name in OptimizerFixture.ClippingNames) data.Add(name);
        return data;
    }

    [Fact]
    public void The_fixture_covers_every_optimizer_with_an_odd_length()
    {
        var kinds = OptimizerFixture.CaseNames.Select(n => OptimizerFixture.Case(n).GetProperty("optimizer").GetString()).Distinct();
        Assert.Equal(new[] { "Adagrad", "Adam", "AdamW", "Adamax", "NAdam", "RMSprop", "SGD" }, kinds.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(1, OptimizerFixture.Initial.Length % 2);
        Assert.Equal(25, OptimizerFixture.Gradients.Length);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_step_matches_torch_optim(string name)
    {
        var optimizer = OptimizerFixture.Create(name);
        var expected = OptimizerFixture.Case(name).GetProperty("steps").EnumerateArray().Select(OptimizerFixture.Floats).ToArray();
        var parameters = OptimizerFixture.Initial;
        var gradients = OptimizerFixture.Gradients;
        double worst = 0;
        int worstStep = 0, worstIndex = 0;
        for (int step = 0; step < gradients.Length; step++)
        {
            optimizer.Step(parameters, gradients[step]);
            for (int i = 0; i < parameters.Length; i++)
            {
                double error = Math.Abs(parameters[i] - (double)expected[step][i]) / Math.Max(1.0, Math.Abs(expected[step][i]));
                if (error > worst) (worst, worstStep, worstIndex) = (error, step + 1, i);
            }
        }
        _output.WriteLine($"{name}: max relative error {worst:E2} (step {worstStep}, index {worstIndex})");
        Assert.True(worst <= Tolerance, $"{name}: error {worst:E3} at step {worstStep}, index {worstIndex} exceeds {Tolerance:E0}");
    }

    [Theory]
    [MemberData(nameof(ClippingCases))]
    public void Clipping_matches_torch_nn_utils(string name)
    {
        var testCase = OptimizerFixture.Clipping(name);
        var gradients = OptimizerFixture.Floats(testCase.GetProperty("input"));
        var expected = OptimizerFixture.Floats(testCase.GetProperty("output"));
        float limit = (float)testCase.GetProperty("limit").GetDouble();
        float[] norms = Array.Empty<float>();
        switch (testCase.GetProperty("kind").GetString())
        {
            case "value":
                GradientClipping.ClipByValue(gradients, limit);
                break;
            case "norm":
                norms = new[] { GradientClipping.ClipByGlobalNorm(gradients, limit) };
                break;
            case "segments":
                var segments = testCase.GetProperty("segments").EnumerateArray()
                    .Select(s => new GradientSegment(s[0].GetInt32(), s[1].GetInt32())).ToArray();
                norms = new float[segments.Length];
                GradientClipping.ClipByNormPerSegment(gradients, segments, limit, norms);
                break;
        }
        if (testCase.TryGetProperty("norms", out var expectedNorms))
            AssertClose(OptimizerFixture.Floats(expectedNorms), norms, name + " norms");
        AssertClose(expected, gradients, name);
    }

    private void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - (double)expected[i]) / Math.Max(1.0, Math.Abs(expected[i]));
            Assert.True(error <= Tolerance, $"{what}[{i}]: {actual[i]:R} vs torch {expected[i]:R}");
            worst = Math.Max(worst, error);
        }
        _output.WriteLine($"{what}: max relative error {worst:E2}");
    }
}
