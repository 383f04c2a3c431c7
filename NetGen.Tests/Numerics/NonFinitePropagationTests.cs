using System;
using System.Numerics;
using NetGen.Generated;
using Xunit;

namespace NetGen.Tests.Numerics;

/// <summary>
/// A NaN input must come out as NaN on every path (scalar tails, vector bodies, batch-1 and batched
/// products) and at every layer width, as in PyTorch (<c>torch.relu(nan)</c> is NaN): a layer that
/// turned NaN into 0 on its scalar tail but kept it on its vector body gave plausible probabilities
/// for 10-unit layers and NaN for 16-unit ones.
/// </summary>
public class NonFinitePropagationTests
{
    private static readonly float[] Specials =
        { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, 1e-30f, -1e-30f, 3f, -3f, 1e30f, -1e30f, 88.5f, -88.5f, -100f };

    public static TheoryData<string> ActivationNames() => new()
        { "Linear", "Sigmoid", "Tanh", "Relu", "LeakyRelu", "Elu", "Selu", "Gelu", "Silu", "Softplus" };

    /// <summary>The activation's scalar (tail) and vector (body) results for one value.</summary>
    private static (float Scalar, float Vector) Both<TActivation>(TActivation activation, float z) where TActivation : struct, IActivation
        => (activation.Forward(z), activation.Forward(new Vector<float>(z))[0]);

    private static (float Scalar, float Vector) Forward(string name, float z) => name switch
    {
        "Linear" => Both(default(LinearActivation), z),
        "Sigmoid" => Both(default(SigmoidActivation), z),
        "Tanh" => Both(default(TanhActivation), z),
        "Relu" => Both(default(ReluActivation), z),
        "LeakyRelu" => Both(new LeakyReluActivation(0.2f), z),
        "Elu" => Both(new EluActivation(1f), z),
        "Selu" => Both(default(SeluActivation), z),
        "Gelu" => Both(default(GeluActivation), z),
        "Silu" => Both(default(SiluActivation), z),
        _ => Both(default(SoftplusActivation), z),
    };

    [Theory]
    [MemberData(nameof(ActivationNames))]
    public void Scalar_and_vector_forward_agree_on_NaN_and_infinities(string name)
    {
        foreach (float special in Specials)
        {
            var (scalar, vector) = Forward(name, special);
            Assert.True(float.IsNaN(scalar) == float.IsNaN(vector), $"{name}({special}): scalar {scalar}, vector {vector}");
            if (float.IsNaN(special)) Assert.True(float.IsNaN(scalar), $"{name}(NaN) is {scalar}, not NaN");
            if (float.IsInfinity(scalar) || float.IsInfinity(vector)) Assert.Equal(scalar, vector);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(16)]
    [InlineData(37)]
    public void A_NaN_feature_makes_every_prediction_NaN(int feature)
    {
        foreach (var network in new INetwork[] { new NanRelu10Net(), new NanRelu16Net(), new NanRelu37Net(), new NanSelu10Net() })
        {
            var input = new float[network.InputSize];
            for (int i = 0; i < input.Length; i++) input[i] = 0.1f * (i % 7) - 0.3f;
            input[feature % network.InputSize] = float.NaN;
            var single = new float[network.OutputSize];
            network.Predict(input, single);
            Assert.All(single, value => Assert.True(float.IsNaN(value), $"{network.GetType().Name} batch-1: {string.Join(", ", single)}"));

            // Batched: the NaN sample in the middle of clean ones poisons only its own row.
            const int batch = 5;
            var inputs = new float[batch * network.InputSize];
            for (int b = 0; b < batch; b++) input.AsSpan().CopyTo(inputs.AsSpan(b * network.InputSize));
            for (int b = 0; b < batch; b++)
                if (b != 2) inputs[b * network.InputSize + feature % network.InputSize] = 0.5f;
            var outputs = new float[batch * network.OutputSize];
            network.Predict(inputs, outputs, batch);
            for (int b = 0; b < batch; b++)
                for (int o = 0; o < network.OutputSize; o++)
                    Assert.True(float.IsNaN(outputs[b * network.OutputSize + o]) == (b == 2),
                        $"{network.GetType().Name} batch row {b}: {outputs[b * network.OutputSize + o]}");
        }
    }
}

[Network(Inputs = 40, Loss = Loss.SoftmaxCrossEntropy, Seed = 5)]
[Layers(10, 3)]
[Initializer(Init.HeNormal)]
[Activation(Act.Relu)]
public partial class NanRelu10Net;

[Network(Inputs = 40, Loss = Loss.SoftmaxCrossEntropy, Seed = 5)]
[Layers(16, 3)]
[Initializer(Init.HeNormal)]
[Activation(Act.Relu)]
public partial class NanRelu16Net;

[Network(Inputs = 40, Loss = Loss.SoftmaxCrossEntropy, Seed = 5)]
[Layers(37, 33, 3)]
[Initializer(Init.HeNormal)]
[Activation(Act.Relu)]
public partial class NanRelu37Net;

[Network(Inputs = 40, Loss = Loss.SoftmaxCrossEntropy, Seed = 5)]
[Layers(10, 3)]
[Initializer(Init.LeCunNormal)]
[Activation(Act.Selu)]
public partial class NanSelu10Net;
