using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.BatchNorm;

/// <summary>
/// Batch normalization against PyTorch 1.13 (float32, tools/reference/batchnorm.py): three networks with BN
/// before and after the activation, with and without γ/β, trained three plain-SGD steps (lr 0.1, batch 8)
/// from the same initial state, then evaluated with the moving statistics.
/// Tolerances (float32 against float32, different summation orders):
/// <list type="bullet">
/// <item>loss: relative, |ours − torch| ≤ 1e-5·|torch|;</item>
/// <item>gradients, input gradients, parameters and moving statistics after each step, eval outputs:
/// |ours − torch| ≤ 1e-5·max(1, |torch|) + 1e-6;</item>
/// <item>NetGen against itself (batched vs single-sample predict, and either against an unfolded
/// double-precision forward over NetGen's own parameters and statistics): |a − b| ≤ 1e-5·max(|a|, |b|) + 1e-7
/// (relative, with a floor for outputs near 0).</item>
/// </list>
/// Training-mode logits are not exposed by NetGen; they are covered by the loss and the gradients. The eval
/// logits are compared after softmax/sigmoid (what Predict returns), raw for mean squared error.
/// </summary>
public class BatchNormParityTests
{
    private const double LossTolerance = 1e-5;
    private const double RelativeTolerance = 1e-5;
    private const double AbsoluteTolerance = 1e-6;
    private const double SelfRelativeTolerance = 1e-5;
    private const double SelfAbsoluteFloor = 1e-7;
    private const int Steps = 3;

    private readonly ITestOutputHelper _output;

    public BatchNormParityTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Networks()
    {
        var data = new TheoryData<string>();
        foreach (var name in BatchNormFixture.NetworkNames) data.Add(name);
        return data;
    }

    [Fact]
    public void The_fixture_has_the_three_networks_and_three_steps()
    {
        var inFixture = BatchNormFixture.Document.RootElement.GetProperty("networks").EnumerateObject().Select(p => p.Name);
        Assert.Equal(BatchNormFixture.NetworkNames.OrderBy(n => n, StringComparer.Ordinal), inFixture.OrderBy(n => n, StringComparer.Ordinal));
        foreach (var name in BatchNormFixture.NetworkNames)
        {
            var network = BatchNormFixture.Network(name);
            Assert.Equal(Steps, network.GetProperty("steps").GetArrayLength());
            Assert.Equal(8, network.GetProperty("batch_size").GetInt32());
            Assert.Equal("SGD", network.GetProperty("optimizer").GetProperty("type").GetString());
            Assert.Equal(0.1, network.GetProperty("optimizer").GetProperty("lr").GetDouble(), 12);
            Assert.Equal(0.0, network.GetProperty("optimizer").GetProperty("momentum").GetDouble());
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Layers_and_initial_state_load_in_netgen_layout(string name)
    {
        var net = BatchNormFixture.Create(name); // asserts the layers against the fixture's description
        var initial = BatchNormFixture.Tensors(BatchNormFixture.Network(name).GetProperty("initial"));
        int trainable = initial.Where(t => !t.Key.Contains("running_", StringComparison.Ordinal)).Sum(t => t.Value.Data.Length);
        Assert.Equal(trainable, net.ParameterCount);
        Assert.Equal(initial.Where(t => t.Key.Contains("running_", StringComparison.Ordinal)).Sum(t => t.Value.Data.Length), net.State.Length);
        // Round trip: reading back in torch layout gives the fixture's tensors bit for bit.
        foreach (var (tensorName, shape, inState, offset, transposed) in BatchNormFixture.Layout(net))
            Assert.Equal(initial[tensorName].Data, BatchNormFixture.Read(inState ? net.State : net.Parameters, shape, offset, transposed));
        // The kernel transposition, spelled out once: torch weight[o, i] is NetGen kernel[i·units + o].
        var first = net.Layers[0];
        var weight = initial["layer0.weight"].Data;
        Assert.Equal(weight[1 * first.Inputs + 2], net.Parameters[first.KernelOffset + 2 * first.Units + 1]);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Three_sgd_steps_match_torch(string name)
    {
        var fixture = BatchNormFixture.Network(name);
        var net = BatchNormFixture.Create(name);
        var optimizer = new Sgd((float)fixture.GetProperty("optimizer").GetProperty("lr").GetDouble());
        var layout = BatchNormFixture.Layout(net).ToList();
        var report = new ErrorReport();
        int step = 0;
        foreach (var record in fixture.GetProperty("steps").EnumerateArray())
        {
            var inputs = Tensor.From(record.GetProperty("inputs"));
            var targets = Tensor.From(record.GetProperty("targets"));
            int batch = inputs.Shape[0];
            Assert.Equal(net.InputSize, inputs.Shape[1]);
            Assert.Equal(batch * net.TargetSize, targets.Data.Length);
            var inputGradients = new float[batch * net.InputSize];

            float loss = net.ComputeGradients(inputs.Data, targets.Data, batch, inputGradients);

            float expectedLoss = (float)record.GetProperty("loss").GetDouble();
            report.Relative("loss", $"step {step}", loss, expectedLoss, LossTolerance);
            report.Compare("input gradient", $"step {step} x.grad", inputGradients, Tensor.From(record.GetProperty("input_grad")).Data);
            var grads = BatchNormFixture.Tensors(record.GetProperty("grads"));
            Assert.Equal(grads.Keys.OrderBy(k => k, StringComparer.Ordinal),
                layout.Where(t => !t.InState).Select(t => t.Name + ".grad").OrderBy(k => k, StringComparer.Ordinal));
            foreach (var t in layout.Where(t => !t.InState))
                report.Compare(Quantity("gradient", t.Name), $"step {step} {t.Name}.grad",
                    BatchNormFixture.Read(net.Gradients, t.Shape, t.Offset, t.Transposed), grads[t.Name + ".grad"].Data);

            optimizer.Step(net.Parameters, net.Gradients);

            var after = BatchNormFixture.Tensors(record.GetProperty("after"));
            foreach (var t in layout)
                report.Compare(Quantity(t.InState ? "state" : "parameter", t.Name), $"step {step} after {t.Name}",
                    BatchNormFixture.Read(t.InState ? net.State : net.Parameters, t.Shape, t.Offset, t.Transposed), after[t.Name].Data);
            step++;
        }
        Assert.Equal(Steps, step);
        report.Print(_output, name);
        report.AssertClean(name);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Inference_after_training_matches_torch_eval_batched_and_single(string name)
    {
        var fixture = BatchNormFixture.Network(name);
        var net = BatchNormFixture.Create(name);
        var optimizer = new Sgd((float)fixture.GetProperty("optimizer").GetProperty("lr").GetDouble());
        foreach (var record in fixture.GetProperty("steps").EnumerateArray())
        {
            var inputs = Tensor.From(record.GetProperty("inputs"));
            net.ComputeGradients(inputs.Data, Tensor.From(record.GetProperty("targets")).Data, inputs.Shape[0]);
            optimizer.Step(net.Parameters, net.Gradients);
        }

        var eval = fixture.GetProperty("eval");
        var evalInputs = Tensor.From(eval.GetProperty("inputs"));
        var logits = Tensor.From(eval.GetProperty("logits"));
        int rows = evalInputs.Shape[0], outputs = net.OutputSize;
        Assert.Equal(5, rows);
        Assert.Equal(new[] { rows, outputs }, logits.Shape);
        var expected = OutputsFromLogits(net.Loss, logits.Data, rows, outputs);

        var batched = new float[rows * outputs];
        net.Predict(evalInputs.Data, batched, rows);
        var single = new float[rows * outputs];
        for (int r = 0; r < rows; r++)
            net.Predict(evalInputs.Data.AsSpan(r * net.InputSize, net.InputSize), single.AsSpan(r * outputs, outputs));
        var unfolded = UnfoldedForward(net, evalInputs.Data, rows);

        var report = new ErrorReport();
        report.Compare("eval, batched predict vs torch", "eval batched", batched, expected);
        report.Compare("eval, single predict vs torch", "eval single", single, expected);
        report.CompareSelf("batched vs single predict", "eval", batched, single.Select(v => (double)v).ToArray());
        report.CompareSelf("batched predict vs unfolded double forward", "eval", batched, unfolded);
        report.CompareSelf("single predict vs unfolded double forward", "eval", single, unfolded);
        report.Print(_output, name);
        report.AssertClean(name);
    }

    /// <summary>
    /// Keras momentum, computed independently: layer 0 of every network is batch-normalized before its
    /// activation and has no bias, so its pre-BN values are x·W of the first step's inputs and the initial
    /// kernel. After one step the moving mean is 0.9·m₀ + 0.1·μ_B and the moving variance 0.9·v₀ + 0.1·s²
    /// with the unbiased batch variance s² (PyTorch's running_var convention), both in double here.
    /// </summary>
    [Theory]
    [MemberData(nameof(Networks))]
    public void First_step_moving_statistics_use_keras_momentum_and_unbiased_variance(string name)
    {
        var fixture = BatchNormFixture.Network(name);
        var net = BatchNormFixture.Create(name);
        var layer = net.Layers[0];
        var bn = layer.BatchNorm!;
        Assert.Equal(BatchNormPlacement.BeforeActivation, bn.Placement);
        Assert.False(layer.HasBias);
        var kernel = net.Parameters.Slice(layer.KernelOffset, layer.Inputs * layer.Units).ToArray();
        var mean0 = net.State.Slice(bn.MeanOffset, layer.Units).ToArray();
        var variance0 = net.State.Slice(bn.VarianceOffset, layer.Units).ToArray();

        var record = fixture.GetProperty("steps")[0];
        var inputs = Tensor.From(record.GetProperty("inputs"));
        int batch = inputs.Shape[0];
        net.ComputeGradients(inputs.Data, Tensor.From(record.GetProperty("targets")).Data, batch);

        double momentum = fixture.GetProperty("bn_momentum_keras").GetDouble();
        Assert.Equal(0.9, momentum, 12);
        var expectedMean = new double[layer.Units];
        var expectedVariance = new double[layer.Units];
        for (int j = 0; j < layer.Units; j++)
        {
            var z = new double[batch];
            for (int r = 0; r < batch; r++)
                for (int i = 0; i < layer.Inputs; i++)
                    z[r] += (double)inputs.Data[r * layer.Inputs + i] * kernel[i * layer.Units + j];
            double mu = z.Average();
            double unbiased = z.Sum(v => (v - mu) * (v - mu)) / (batch - 1);
            expectedMean[j] = momentum * mean0[j] + (1 - momentum) * mu;
            expectedVariance[j] = momentum * variance0[j] + (1 - momentum) * unbiased;
        }
        var report = new ErrorReport();
        report.Compare("moving mean after step 0 (double reference)", "layer0 running_mean", net.State.Slice(bn.MeanOffset, layer.Units).ToArray(), expectedMean);
        report.Compare("moving variance after step 0 (double reference)", "layer0 running_var", net.State.Slice(bn.VarianceOffset, layer.Units).ToArray(), expectedVariance);
        // And the same values from torch (the fixture's state after step 0).
        var after = BatchNormFixture.Tensors(record.GetProperty("after"));
        report.Compare("moving mean after step 0 (torch)", "layer0 running_mean", net.State.Slice(bn.MeanOffset, layer.Units).ToArray(), after["layer0.bn.running_mean"].Data);
        report.Compare("moving variance after step 0 (torch)", "layer0 running_var", net.State.Slice(bn.VarianceOffset, layer.Units).ToArray(), after["layer0.bn.running_var"].Data);
        report.Print(_output, name);
        report.AssertClean(name);
    }

    private static string Quantity(string kind, string tensor)
    {
        // "layer1.bn.weight" → "gradient bn.weight"; "layer0.weight" → "gradient weight".
        string local = tensor.Substring(tensor.IndexOf('.') + 1);
        return $"{kind} {local}";
    }

    private static double[] OutputsFromLogits(Loss loss, float[] logits, int rows, int outputs)
    {
        var result = new double[logits.Length];
        for (int r = 0; r < rows; r++)
        {
            var row = logits.AsSpan(r * outputs, outputs);
            switch (loss)
            {
                case Loss.SoftmaxCrossEntropy:
                {
                    double max = double.NegativeInfinity;
                    foreach (var v in row) max = Math.Max(max, v);
                    double sum = 0;
                    for (int j = 0; j < outputs; j++) sum += result[r * outputs + j] = Math.Exp(row[j] - max);
                    for (int j = 0; j < outputs; j++) result[r * outputs + j] /= sum;
                    break;
                }
                case Loss.BinaryCrossEntropy:
                    for (int j = 0; j < outputs; j++) result[r * outputs + j] = 1.0 / (1.0 + Math.Exp(-row[j]));
                    break;
                case Loss.MeanSquaredError:
                    for (int j = 0; j < outputs; j++) result[r * outputs + j] = row[j];
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected loss {loss}.");
            }
        }
        return result;
    }

    /// <summary>
    /// Inference in double over NetGen's own parameters and moving statistics, with batch normalization
    /// applied as written, (x − μ)/√(σ² + ε)·γ + β, rather than folded into the kernel.
    /// </summary>
    private static double[] UnfoldedForward(INetwork net, float[] inputs, int rows)
    {
        var parameters = net.Parameters.ToArray();
        var state = net.State.ToArray();
        var x = inputs.Select(v => (double)v).ToArray();
        int width = net.InputSize;
        foreach (var layer in net.Layers)
        {
            var y = new double[rows * layer.Units];
            bool output = layer.Index == net.Layers.Count - 1;
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < layer.Units; j++)
                {
                    double z = layer.HasBias ? parameters[layer.BiasOffset + j] : 0.0;
                    for (int i = 0; i < width; i++) z += x[r * width + i] * parameters[layer.KernelOffset + i * layer.Units + j];
                    var bn = layer.BatchNorm;
                    if (bn is { Placement: BatchNormPlacement.BeforeActivation }) z = Normalize(z, bn, j, parameters, state);
                    double a = output ? z : Activate(layer.Activation, layer.Alpha, z);
                    if (bn is { Placement: BatchNormPlacement.AfterActivation }) a = Normalize(a, bn, j, parameters, state);
                    y[r * layer.Units + j] = a;
                }
            x = y;
            width = layer.Units;
        }
        // The output layer's x holds logits: apply the loss's output activation.
        return net.Loss == Loss.MeanSquaredError ? x : Probabilities(net.Loss, x, rows, width);
    }

    private static double[] Probabilities(Loss loss, double[] logits, int rows, int outputs)
    {
        var result = new double[logits.Length];
        for (int r = 0; r < rows; r++)
        {
            if (loss == Loss.SoftmaxCrossEntropy)
            {
                double max = double.NegativeInfinity;
                for (int j = 0; j < outputs; j++) max = Math.Max(max, logits[r * outputs + j]);
                double sum = 0;
                for (int j = 0; j < outputs; j++) sum += result[r * outputs + j] = Math.Exp(logits[r * outputs + j] - max);
                for (int j = 0; j < outputs; j++) result[r * outputs + j] /= sum;
            }
            else
            {
                for (int j = 0; j < outputs; j++) result[r * outputs + j] = 1.0 / (1.0 + Math.Exp(-logits[r * outputs + j]));
            }
        }
        return result;
    }

    private static double Normalize(double value, BatchNormInfo bn, int unit, float[] parameters, float[] state)
    {
        double gamma = bn.HasGamma ? parameters[bn.GammaOffset + unit] : 1.0;
        double beta = bn.HasBeta ? parameters[bn.BetaOffset + unit] : 0.0;
        return (value - state[bn.MeanOffset + unit]) / Math.Sqrt(state[bn.VarianceOffset + unit] + (double)bn.Epsilon) * gamma + beta;
    }

    private static double Activate(Act act, float alpha, double z) => act switch
    {
        Act.Linear => z,
        Act.Relu => Math.Max(0, z),
        Act.Tanh => Math.Tanh(z),
        Act.Sigmoid => 1.0 / (1.0 + Math.Exp(-z)),
        Act.LeakyRelu => z >= 0 ? z : alpha * z,
        Act.Elu => z > 0 ? z : alpha * (Math.Exp(z) - 1),
        Act.Selu => 1.0507009873554804934193349852946 * (z > 0 ? z : 1.6732632423543772848170429916717 * (Math.Exp(z) - 1)),
        _ => throw new InvalidOperationException($"No double reference for {act}."),
    };

    /// <summary>Worst error per quantity, and every value outside its tolerance.</summary>
    private sealed class ErrorReport
    {
        private readonly Dictionary<string, (double Error, double Ratio, string Where)> _worst = new(StringComparer.Ordinal);
        private readonly List<string> _failures = new();

        /// <summary>|ours − expected| ≤ 1e-5·max(1, |expected|) + 1e-6.</summary>
        public void Compare(string quantity, string tensor, float[] actual, float[] expected)
            => Compare(quantity, tensor, actual, expected.Select(v => (double)v).ToArray());

        public void Compare(string quantity, string tensor, float[] actual, double[] expected)
        {
            Assert.True(actual.Length == expected.Length, $"{tensor}: {actual.Length} values, expected {expected.Length}");
            for (int k = 0; k < actual.Length; k++)
                Check(quantity, $"{tensor}[{k}]", actual[k], expected[k], RelativeTolerance * Math.Max(1.0, Math.Abs(expected[k])) + AbsoluteTolerance);
        }

        /// <summary>|a − b| ≤ 1e-5·max(|a|, |b|) + 1e-7.</summary>
        public void CompareSelf(string quantity, string tensor, float[] actual, double[] other)
        {
            Assert.Equal(other.Length, actual.Length);
            for (int k = 0; k < actual.Length; k++)
                Check(quantity, $"{tensor}[{k}]", actual[k], other[k], SelfRelativeTolerance * Math.Max(Math.Abs(actual[k]), Math.Abs(other[k])) + SelfAbsoluteFloor);
        }

        /// <summary>|ours − expected| ≤ tolerance·|expected|.</summary>
        public void Relative(string quantity, string where, double actual, double expected, double tolerance)
            => Check(quantity, where, actual, expected, tolerance * Math.Abs(expected));

        private void Check(string quantity, string where, double actual, double expected, double bound)
        {
            double error = Math.Abs(actual - expected);
            double ratio = bound > 0 ? error / bound : (error == 0 ? 0 : double.PositiveInfinity);
            if (!_worst.TryGetValue(quantity, out var worst) || error > worst.Error) _worst[quantity] = (error, ratio, where);
            if (!(error <= bound)) _failures.Add($"{quantity} {where}: NetGen {actual:R}, expected {expected:R}, |diff| {error:E3} > {bound:E3}");
        }

        public void Print(ITestOutputHelper output, string name)
        {
            foreach (var (quantity, worst) in _worst.OrderBy(p => p.Key, StringComparer.Ordinal))
                output.WriteLine($"{name}: {quantity}: max |diff| {worst.Error:E2} ({worst.Ratio:P0} of tolerance) at {worst.Where}");
            foreach (var failure in _failures.Take(50)) output.WriteLine("FAIL " + failure);
        }

        public void AssertClean(string name)
            => Assert.True(_failures.Count == 0, $"{name}: {_failures.Count} values out of tolerance; first: {string.Join(" | ", _failures.Take(10))}");
    }
}
