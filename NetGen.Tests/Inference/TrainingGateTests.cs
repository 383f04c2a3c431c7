using System;
using System.Threading;
using NetGen.Generated;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Inference;

/// <summary>
/// Training owns the instance: a Predict or Evaluate that starts while a training call runs throws
/// <see cref="InvalidOperationException"/>, and so does a training call that starts while a prediction
/// runs; neither touches anything first, so the training result is exactly what it is without them.
/// The overlap is made certain with an optimizer that holds the training step open, not by timing.
/// </summary>
public class TrainingGateTests
{
    [Fact]
    public void PredictDuringTrainStepThrowsAndLeavesTrainingUnchanged()
    {
        var network = new StageBatchNormNet();
        var reference = new StageBatchNormNet();
        var (inputs, targets) = SharedInferenceTests.Data(network);
        using var inStep = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holding = new HoldingOptimizer(new Sgd(0.05f), inStep, release);

        float loss = float.NaN;
        Exception? failure = null;
        var training = new Thread(() =>
        {
            try { loss = network.TrainStep(inputs, targets, 8, holding); }
            catch (Exception error) { failure = error; }
        });
        training.Start();
        Assert.True(inStep.Wait(TimeSpan.FromSeconds(30)), "the training step never reached the optimizer");
        var output = new float[StageBatchNormNet.OutputSize];
        var single = Assert.Throws<InvalidOperationException>(() => network.Predict(inputs.AsSpan(0, StageBatchNormNet.InputSize), output));
        Assert.Contains("training call", single.Message);
        Assert.Throws<InvalidOperationException>(() => network.Predict(inputs, new float[8 * StageBatchNormNet.OutputSize], 8));
        Assert.Throws<InvalidOperationException>(() => network.Evaluate(inputs, targets, default, 8));
        // A second training call is refused too: one training call at a time.
        Assert.Throws<InvalidOperationException>(() => network.ComputeGradients(inputs, targets, 8));
        Assert.Throws<InvalidOperationException>(() => network.PredictWithDropout(inputs, new float[8 * StageBatchNormNet.OutputSize], 8));
        release.Set();
        training.Join();
        Assert.Null(failure);

        float expectedLoss = reference.TrainStep(inputs, targets, 8, new Sgd(0.05f));
        Assert.Equal(BitConverter.SingleToInt32Bits(expectedLoss), BitConverter.SingleToInt32Bits(loss));
        Assert.Equal(reference.Parameters.ToArray(), network.Parameters.ToArray());
        Assert.Equal(reference.State.ToArray(), network.State.ToArray());
        // Once training has finished, predictions work again.
        var expected = new float[StageBatchNormNet.OutputSize];
        reference.Predict(inputs.AsSpan(0, StageBatchNormNet.InputSize), expected);
        network.Predict(inputs.AsSpan(0, StageBatchNormNet.InputSize), output);
        Assert.Equal(expected, output);
    }

    [Fact]
    public void TrainingWhilePredictionsRunThrowsWithoutTakingTheInstance()
    {
        // The generated calls pass their instance's two counters; an inference call in flight is a count of 1.
        int inferenceCalls = 1;
        int trainingCall = 0;
        var error = Assert.Throws<InvalidOperationException>(() => InferenceSupport.EnterTraining(ref trainingCall, ref inferenceCalls, "TrainStep"));
        Assert.Contains("Predict or Evaluate is running", error.Message);
        Assert.Equal(0, trainingCall);
        InferenceSupport.ExitInference(ref inferenceCalls);
        InferenceSupport.EnterTraining(ref trainingCall, ref inferenceCalls, "TrainStep");
        Assert.Equal(1, trainingCall);
        Assert.Throws<InvalidOperationException>(() => InferenceSupport.EnterInference(ref inferenceCalls, ref trainingCall, "Predict"));
        Assert.Equal(0, inferenceCalls);
        InferenceSupport.ExitTraining(ref trainingCall);
        InferenceSupport.EnterInference(ref inferenceCalls, ref trainingCall, "Predict");
        Assert.Equal(1, inferenceCalls);
    }

    [Fact]
    public void TrainingAndPredictingInTurnOnOneThreadIsAllowed()
    {
        INetwork network = new StageDropoutNet();
        var (inputs, targets) = SharedInferenceTests.Data(network);
        var outputs = new float[8 * network.OutputSize];
        var optimizer = new Sgd(0.05f);
        for (int step = 0; step < 3; step++)
        {
            network.TrainStep(inputs, targets, 8, optimizer);
            network.Predict(inputs, outputs, 8);
            network.Evaluate(inputs, targets, outputs, 8);
            network.PredictWithDropout(inputs, outputs, 8);
        }
    }

    /// <summary>Holds the training step inside the optimizer until the test has tried its calls.</summary>
    private sealed class HoldingOptimizer(IOptimizer inner, ManualResetEventSlim inStep, ManualResetEventSlim release) : IOptimizer
    {
        public float LearningRate { get => inner.LearningRate; set => inner.LearningRate = value; }

        public long StepCount => inner.StepCount;

        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            inStep.Set();
            Assert.True(release.Wait(TimeSpan.FromSeconds(30)), "the test never released the step");
            inner.Step(parameters, gradients);
        }

        public OptimizerState ExportState() => inner.ExportState();

        public void ImportState(OptimizerState state) => inner.ImportState(state);
    }
}
