using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Schedules;

/// <summary>
/// Learning-rate schedules against reference sequences made by tools/reference/schedules.py: real
/// PyTorch 1.13 schedulers driving a real SGD optimizer, and the Keras 3 formulas written out in Python.
/// Rates must agree within 1e-6 relative (the rates are floats); exact zeros must be exact.
/// </summary>
public class ScheduleParityTests
{
    private const double RelativeTolerance = 1e-6;
    private static readonly Lazy<JsonDocument> Fixture = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "schedules.json"))));

    private readonly ITestOutputHelper _output;

    public ScheduleParityTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> ScheduleCases() => CaseNames("schedules");

    public static TheoryData<string> PlateauCases() => CaseNames("plateau");

    [Theory]
    [MemberData(nameof(ScheduleCases))]
    public void Schedule_matches_its_reference_sequence(string name)
    {
        var fixture = Case("schedules", name);
        var schedule = Build(fixture.GetProperty("schedule").GetString()!, fixture.GetProperty("args"));
        double[] expected = Doubles(fixture.GetProperty("rates"));

        double worst = 0;
        for (int step = 0; step < expected.Length; step++)
        {
            float actual = schedule.RateAt(step);
            worst = Math.Max(worst, AssertClose(expected[step], actual, $"{name}, step {step}"));
        }
        _output.WriteLine($"{name}: max relative error {worst:E2} over {expected.Length} steps");
    }

    [Theory]
    [MemberData(nameof(PlateauCases))]
    public void Reduce_on_plateau_matches_PyTorch_rate_and_state_after_every_epoch(string name)
    {
        var fixture = Case("plateau", name);
        var plateau = BuildPlateau(fixture.GetProperty("args"));
        double[] metrics = Doubles(fixture.GetProperty("metrics"));
        double[] rates = Doubles(fixture.GetProperty("rates"));
        double[] best = Doubles(fixture.GetProperty("best"));
        int[] bad = Ints(fixture.GetProperty("bad_epochs"));
        int[] cooldown = Ints(fixture.GetProperty("cooldown_counter"));

        float rate = (float)fixture.GetProperty("initial").GetDouble();
        double worst = 0;
        for (int epoch = 0; epoch < metrics.Length; epoch++)
        {
            worst = Math.Max(worst, AssertClose(rates[epoch], rate, $"{name}, epoch {epoch}"));
            rate = plateau.Update(metrics[epoch], rate);
            Assert.Equal(best[epoch], plateau.Best);
            Assert.Equal(bad[epoch], plateau.BadEpochs);
            Assert.Equal(cooldown[epoch], plateau.CooldownCounter);
            Assert.Equal(epoch + 1, plateau.Updates);
        }
        _output.WriteLine($"{name}: max relative error {worst:E2} over {metrics.Length} epochs, {rates.Distinct().Count() - 1} reductions");
    }

    [Fact]
    public void The_fixture_covers_every_schedule_and_every_PyTorch_scheduler_named_in_the_docs()
    {
        var kinds = Fixture.Value.RootElement.GetProperty("schedules").EnumerateArray()
            .Select(c => c.GetProperty("schedule").GetString()!.Split('.')[0]).Distinct().OrderBy(k => k, StringComparer.Ordinal);
        Assert.Equal(new[] { "CosineDecay", "ExponentialDecay", "InverseTimeDecay", "OneCycle", "PiecewiseConstant" }, kinds);
        var names = Fixture.Value.RootElement.GetProperty("schedules").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
        foreach (var torchClass in new[] { "ExponentialLR", "MultiStepLR", "StepLR", "CosineAnnealingLR", "OneCycleLR cos", "OneCycleLR linear", "OneCycleLR three_phase" })
            Assert.Contains(names, n => n.StartsWith("torch " + torchClass, StringComparison.Ordinal));
        Assert.Equal(7, Fixture.Value.RootElement.GetProperty("plateau").GetArrayLength());
    }

    private static double AssertClose(double expected, float actual, string where)
    {
        if (expected == 0)
        {
            Assert.True(actual == 0, $"{where}: expected exactly 0, got {actual:R}");
            return 0;
        }
        double relative = Math.Abs(actual - expected) / Math.Abs(expected);
        Assert.True(relative <= RelativeTolerance, $"{where}: expected {expected:R}, got {actual:R} (relative error {relative:E2})");
        return relative;
    }

    private static LearningRateSchedule Build(string kind, JsonElement args)
    {
        double Number(string key) => args.GetProperty(key).GetDouble();
        long Long(string key) => args.GetProperty(key).GetInt64();
        bool Has(string key) => args.TryGetProperty(key, out _);
        var unit = Has("unit") && args.GetProperty("unit").GetString() == "epoch" ? ScheduleUnit.Epoch : ScheduleUnit.Step;

        return kind switch
        {
            "ExponentialDecay.PerEpoch" => ExponentialDecay.PerEpoch(Number("initial"), Number("gamma")),
            "ExponentialDecay" => new ExponentialDecay(Number("initial"), Long("decay_steps"), Number("decay_rate"), args.GetProperty("staircase").GetBoolean(), unit),
            "InverseTimeDecay" => new InverseTimeDecay(Number("initial"), Long("decay_steps"), Number("decay_rate"), args.GetProperty("staircase").GetBoolean(), unit),
            "PiecewiseConstant" => new PiecewiseConstant(Longs(args.GetProperty("boundaries")), Doubles(args.GetProperty("values")), unit),
            "PiecewiseConstant.FromMilestones" => Has("gamma")
                ? PiecewiseConstant.FromMilestones(Number("initial"), Longs(args.GetProperty("milestones")), Number("gamma"))
                : PiecewiseConstant.FromMilestones(Number("initial"), Longs(args.GetProperty("milestones"))),
            "CosineDecay" => new CosineDecay(
                Number("initial"), Long("decay_steps"), Number("alpha"),
                Has("warmup_target") ? Number("warmup_target") : null, Has("warmup_steps") ? Long("warmup_steps") : 0, unit),
            "OneCycle" => new OneCycle(
                Number("max_lr"), Long("total_steps"),
                pctStart: Has("pct_start") ? Number("pct_start") : 0.3,
                annealStrategy: Has("anneal") && args.GetProperty("anneal").GetString() == "linear" ? AnnealStrategy.Linear : AnnealStrategy.Cosine,
                divFactor: Has("div_factor") ? Number("div_factor") : 25,
                finalDivFactor: Has("final_div_factor") ? Number("final_div_factor") : 1e4,
                threePhase: Has("three_phase") && args.GetProperty("three_phase").GetBoolean()),
            _ => throw new InvalidOperationException($"The fixture names an unknown schedule '{kind}'."),
        };
    }

    /// <summary>Maps PyTorch's keyword arguments; absent ones take our defaults, which must equal PyTorch's.</summary>
    private static ReduceLearningRateOnPlateau BuildPlateau(JsonElement args)
    {
        var plateau = new ReduceLearningRateOnPlateau();
        return new ReduceLearningRateOnPlateau(
            mode: args.TryGetProperty("mode", out var mode) && mode.GetString() == "max" ? PlateauMode.Max : plateau.Mode,
            factor: args.TryGetProperty("factor", out var factor) ? factor.GetDouble() : plateau.Factor,
            patience: args.TryGetProperty("patience", out var patience) ? patience.GetInt32() : plateau.Patience,
            threshold: args.TryGetProperty("threshold", out var threshold) ? threshold.GetDouble() : plateau.Threshold,
            thresholdMode: args.TryGetProperty("threshold_mode", out var thresholdMode) && thresholdMode.GetString() == "abs" ? PlateauThresholdMode.Absolute : plateau.ThresholdMode,
            cooldown: args.TryGetProperty("cooldown", out var cooldown) ? cooldown.GetInt32() : plateau.Cooldown,
            minLearningRate: args.TryGetProperty("min_lr", out var minLr) ? minLr.GetDouble() : plateau.MinLearningRate,
            epsilon: args.TryGetProperty("eps", out var eps) ? eps.GetDouble() : plateau.Epsilon);
    }

    private static TheoryData<string> CaseNames(string section)
    {
        var data = new TheoryData<string>();
        foreach (var c in Fixture.Value.RootElement.GetProperty(section).EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    private static JsonElement Case(string section, string name)
        => Fixture.Value.RootElement.GetProperty(section).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static long[] Longs(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt64()).ToArray();

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();
}
