using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Optimizers;

/// <summary>Exporting and importing optimizer state, the allocation-free steady state, and wiring into training.</summary>
public class OptimizerStateTests
{
    private const int Interrupt = 9;

    public static TheoryData<string> Cases() => OptimizerParityTests.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_run_resumed_from_exported_state_is_bit_identical_to_an_uninterrupted_one(string name)
    {
        var gradients = OptimizerFixture.Gradients;
        var uninterrupted = OptimizerFixture.Initial;
        var straight = OptimizerFixture.Create(name);
        foreach (var gradient in gradients) straight.Step(uninterrupted, gradient);

        var resumed = OptimizerFixture.Initial;
        var first = OptimizerFixture.Create(name);
        for (int step = 0; step < Interrupt; step++) first.Step(resumed, gradients[step]);
        var state = first.ExportState();
        Assert.Equal(Interrupt, state.StepCount);
        var second = OptimizerFixture.Create(name);
        second.ImportState(state);
        Assert.Equal(Interrupt, second.StepCount);
        for (int step = Interrupt; step < gradients.Length; step++) second.Step(resumed, gradients[step]);

        Assert.Equal(uninterrupted, resumed);
        AssertSameState(straight.ExportState(), second.ExportState());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Steps_after_the_first_allocate_nothing(string name)
    {
        var optimizer = OptimizerFixture.Create(name);
        var parameters = OptimizerFixture.Initial;
        var gradients = OptimizerFixture.Gradients;
        optimizer.Step(parameters, gradients[0]);
        optimizer.Step(parameters, gradients[1]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 2; step < gradients.Length; step++) optimizer.Step(parameters, gradients[step]);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Exported_state_names_the_optimizer_and_its_buffers()
    {
        var adam = new Adam(amsGrad: true);
        var before = adam.ExportState();
        Assert.Equal("Adam", before.Kind);
        Assert.Equal(0, before.StepCount);
        Assert.Empty(before.Buffers);

        adam.Step(new float[5], new float[] { 1, 2, 3, 4, 5 });
        var after = adam.ExportState();
        Assert.Equal(new[] { "exp_avg", "exp_avg_sq", "max_exp_avg_sq" }, after.BufferNames);
        Assert.All(after.Buffers.Values, b => Assert.Equal(5, b.Length));

        var nadam = new Nadam();
        nadam.Step(new float[3], new float[] { 1, 2, 3 });
        Assert.Equal(new[] { "exp_avg", "exp_avg_sq", "mu_product" }, nadam.ExportState().BufferNames);
        Assert.Single(nadam.ExportState().Buffers["mu_product"]);
    }

    [Fact]
    public void Exported_state_is_a_copy()
    {
        var sgd = new Sgd(0.1f, momentum: 0.9f);
        var parameters = new float[] { 1, 2, 3 };
        sgd.Step(parameters, new float[] { 1, 1, 1 });
        var state = sgd.ExportState();
        state.Buffers["momentum_buffer"][0] = 42f;
        Assert.Equal(1f, sgd.ExportState().Buffers["momentum_buffer"][0]);
    }

    [Fact]
    public void Importing_an_empty_state_resets_the_optimizer()
    {
        var adam = new Adam();
        var parameters = new float[] { 1, 2, 3 };
        adam.Step(parameters, new float[] { 1, 1, 1 });
        adam.ImportState(new Adam().ExportState());
        Assert.Equal(0, adam.StepCount);
        Assert.Empty(adam.ExportState().Buffers);
        adam.Step(new float[7], new float[7]); // sized afresh
    }

    [Fact]
    public void Importing_state_of_another_optimizer_kind_names_both()
    {
        var adam = new Adam();
        adam.Step(new float[4], new float[] { 1, 2, 3, 4 });
        var error = Assert.Throws<ArgumentException>(() => new AdamW().ImportState(adam.ExportState()));
        Assert.Contains("'Adam'", error.Message);
        Assert.Contains("'AdamW'", error.Message);
    }

    [Fact]
    public void Importing_state_with_a_missing_or_extra_buffer_names_it()
    {
        var plain = new Adam();
        plain.Step(new float[4], new float[] { 1, 2, 3, 4 });
        var missing = Assert.Throws<ArgumentException>(() => new Adam(amsGrad: true).ImportState(plain.ExportState()));
        Assert.Contains("max_exp_avg_sq", missing.Message);

        var withMomentum = new Sgd(momentum: 0.9f);
        withMomentum.Step(new float[4], new float[] { 1, 2, 3, 4 });
        var extra = Assert.Throws<ArgumentException>(() => new Sgd().ImportState(withMomentum.ExportState()));
        Assert.Contains("momentum_buffer", extra.Message);
    }

    [Fact]
    public void Importing_state_with_buffers_of_different_lengths_is_rejected()
    {
        var buffers = new Dictionary<string, float[]> { ["exp_avg"] = new float[4], ["exp_avg_sq"] = new float[5] };
        var error = Assert.Throws<ArgumentException>(() => new Adam().ImportState(new OptimizerState("Adam", 3, buffers)));
        Assert.Contains("length", error.Message);

        var nadam = new Dictionary<string, float[]> { ["exp_avg"] = new float[4], ["exp_avg_sq"] = new float[4], ["mu_product"] = new float[4] };
        var scalar = Assert.Throws<ArgumentException>(() => new Nadam().ImportState(new OptimizerState("Nadam", 3, nadam)));
        Assert.Contains("mu_product", scalar.Message);
    }

    [Fact]
    public void Stepping_a_buffer_of_another_size_than_the_imported_state_is_rejected()
    {
        var adam = new Adam();
        adam.Step(new float[4], new float[] { 1, 2, 3, 4 });
        var resumed = new Adam();
        resumed.ImportState(adam.ExportState());
        Assert.Throws<ArgumentException>(() => resumed.Step(new float[5], new float[5]));
    }

    [Fact]
    public void Bad_hyperparameters_are_rejected_when_the_optimizer_is_built()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(beta1: 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp(alpha: -0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW(learningRate: 0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaGrad(epsilon: float.NaN));
        Assert.Throws<ArgumentException>(() => new Sgd(nesterov: true));
    }

    [Fact]
    public void Layer_segments_cover_every_parameter_once()
    {
        INetwork network = new CompactDigitsNet(1);
        var segments = GradientSegment.ForLayers(network.Layers);
        Assert.Equal(network.Parameters.Length, segments.Sum(s => s.Length));
        var covered = new bool[network.Parameters.Length];
        foreach (var segment in segments)
            for (int i = segment.Offset; i < segment.Offset + segment.Length; i++)
            {
                Assert.False(covered[i]);
                covered[i] = true;
            }
    }

    public static TheoryData<string> Kinds() => new() { "Sgd", "AdaGrad", "RmsProp", "Adam", "AdaMax", "Nadam", "AdamW" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_optimizer_trains_a_network_through_the_trainer(string kind)
    {
        IOptimizer optimizer = kind switch
        {
            "Sgd" => new Sgd(0.05f, momentum: 0.9f, nesterov: true),
            "AdaGrad" => new AdaGrad(),
            "RmsProp" => new RmsProp(0.001f),
            "Adam" => new Adam(),
            "AdaMax" => new AdaMax(),
            "Nadam" => new Nadam(),
            _ => new AdamW(),
        };
        var network = new CompactDigitsNet(3);
        // Ten separable classes in 64 features, class c raised in feature c; targets are class indices.
        const int samples = 64;
        var inputs = new float[samples * 64];
        var targets = new float[samples];
        var random = new Random(7);
        for (int s = 0; s < samples; s++)
        {
            int label = s % 10;
            targets[s] = label;
            for (int f = 0; f < 64; f++) inputs[s * 64 + f] = (float)random.NextDouble() + (f == label ? 3f : 0f);
        }
        var history = Trainer.Fit(network, inputs, targets, new FitOptions { Epochs = 5, BatchSize = 16, Optimizer = optimizer, Seed = 1 });
        Assert.True(history.Epochs[^1].Loss < history.Epochs[0].Loss, $"{kind}: the loss should fall");
        Assert.True(optimizer.StepCount > 0);
    }

    private static void AssertSameState(OptimizerState expected, OptimizerState actual)
    {
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.StepCount, actual.StepCount);
        Assert.Equal(expected.BufferNames, actual.BufferNames);
        foreach (var name in expected.BufferNames) Assert.Equal(expected.Buffers[name], actual.Buffers[name]);
    }
}
