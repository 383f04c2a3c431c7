using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tests.Numerics;

/// <summary>
/// The slow, obvious oracle: a scalar dense network in double precision, written from the textbook
/// formulas and independent of the runtime's kernels, activations and losses.
/// </summary>
public sealed class ReferenceNetwork
{
    private readonly IReadOnlyList<DenseLayerInfo> _layers;
    private readonly Loss _loss;

    public ReferenceNetwork(IReadOnlyList<DenseLayerInfo> layers, Loss loss, ReadOnlySpan<float> parameters)
    {
        _layers = layers;
        _loss = loss;
        Parameters = parameters.ToArray().Select(p => (double)p).ToArray();
    }

    public double[] Parameters { get; }

    public int InputSize => _layers[0].Inputs;

    public int OutputSize => _layers[^1].Units;

    /// <summary>Outputs as Predict returns them (probabilities for the cross-entropies).</summary>
    public double[] Predict(double[] inputs, int batch)
    {
        var (_, activations) = Forward(inputs, batch);
        var last = activations[^1];
        var result = new double[batch * OutputSize];
        for (int b = 0; b < batch; b++)
        {
            var row = last.AsSpan(b * OutputSize, OutputSize).ToArray();
            var transformed = _loss switch
            {
                NetGen.Loss.SoftmaxCrossEntropy or NetGen.Loss.CategoricalCrossEntropy => Softmax(row),
                NetGen.Loss.BinaryCrossEntropy => row.Select(Sigmoid).ToArray(),
                _ => row,
            };
            transformed.CopyTo(result, b * OutputSize);
        }
        return result;
    }

    public double Loss(double[] inputs, double[] targets, int batch) => LossAndGradients(inputs, targets, batch).Loss;

    /// <summary>Mean loss, its gradient for every parameter, and for every input.</summary>
    public (double Loss, double[] Gradients, double[] InputGradients) LossAndGradients(double[] inputs, double[] targets, int batch)
    {
        var (pre, post) = Forward(inputs, batch);
        int outputs = OutputSize;
        var logits = post[^1];
        var delta = new double[batch * outputs];
        double loss = 0;
        for (int b = 0; b < batch; b++)
        {
            var z = logits.AsSpan(b * outputs, outputs).ToArray();
            switch (_loss)
            {
                case NetGen.Loss.SoftmaxCrossEntropy:
                {
                    var p = Softmax(z);
                    int label = (int)targets[b];
                    loss -= Math.Log(p[label]);
                    for (int j = 0; j < outputs; j++) delta[b * outputs + j] = (p[j] - (j == label ? 1 : 0)) / batch;
                    break;
                }
                case NetGen.Loss.CategoricalCrossEntropy:
                {
                    var p = Softmax(z);
                    double targetSum = 0;
                    for (int j = 0; j < outputs; j++) targetSum += targets[b * outputs + j];
                    for (int j = 0; j < outputs; j++)
                    {
                        double y = targets[b * outputs + j];
                        loss -= y * Math.Log(p[j]);
                        delta[b * outputs + j] = (p[j] * targetSum - y) / batch;
                    }
                    break;
                }
                case NetGen.Loss.BinaryCrossEntropy:
                    for (int j = 0; j < outputs; j++)
                    {
                        double y = targets[b * outputs + j];
                        double p = Sigmoid(z[j]);
                        loss -= (y * Math.Log(p) + (1 - y) * Math.Log(1 - p)) / outputs;
                        delta[b * outputs + j] = (p - y) / (batch * outputs);
                    }
                    break;
                default:
                    for (int j = 0; j < outputs; j++)
                    {
                        double difference = z[j] - targets[b * outputs + j];
                        loss += difference * difference / outputs;
                        // ∂L/∂a, then through the output activation.
                        var layer = _layers[^1];
                        delta[b * outputs + j] = 2 * difference / (batch * outputs) * Derivative(layer.Activation, layer.Alpha, pre[^1][b * outputs + j]);
                    }
                    break;
            }
        }
        loss /= batch;

        var gradients = new double[Parameters.Length];
        double[] inputGradients = new double[batch * InputSize];
        for (int l = _layers.Count - 1; l >= 0; l--)
        {
            var layer = _layers[l];
            double[] below = l == 0 ? inputs : post[l - 1];
            for (int b = 0; b < batch; b++)
                for (int i = 0; i < layer.Inputs; i++)
                    for (int j = 0; j < layer.Units; j++)
                        gradients[layer.KernelOffset + i * layer.Units + j] += below[b * layer.Inputs + i] * delta[b * layer.Units + j];
            if (layer.HasBias)
                for (int b = 0; b < batch; b++)
                    for (int j = 0; j < layer.Units; j++)
                        gradients[layer.BiasOffset + j] += delta[b * layer.Units + j];
            var belowDelta = new double[batch * layer.Inputs];
            for (int b = 0; b < batch; b++)
                for (int i = 0; i < layer.Inputs; i++)
                {
                    double sum = 0;
                    for (int j = 0; j < layer.Units; j++) sum += delta[b * layer.Units + j] * Parameters[layer.KernelOffset + i * layer.Units + j];
                    belowDelta[b * layer.Inputs + i] = l == 0 ? sum : sum * Derivative(_layers[l - 1].Activation, _layers[l - 1].Alpha, pre[l - 1][b * layer.Inputs + i]);
                }
            if (l == 0) inputGradients = belowDelta;
            delta = belowDelta;
        }
        return (loss, gradients, inputGradients);
    }

    /// <summary>Pre-activations and outputs per layer; the output layer of a cross-entropy keeps its logits.</summary>
    private (double[][] Pre, double[][] Post) Forward(double[] inputs, int batch)
    {
        var pre = new double[_layers.Count][];
        var post = new double[_layers.Count][];
        double[] current = inputs;
        for (int l = 0; l < _layers.Count; l++)
        {
            var layer = _layers[l];
            bool logits = l == _layers.Count - 1 && _loss != NetGen.Loss.MeanSquaredError;
            pre[l] = new double[batch * layer.Units];
            post[l] = new double[batch * layer.Units];
            for (int b = 0; b < batch; b++)
                for (int j = 0; j < layer.Units; j++)
                {
                    double z = layer.HasBias ? Parameters[layer.BiasOffset + j] : 0;
                    for (int i = 0; i < layer.Inputs; i++)
                        z += current[b * layer.Inputs + i] * Parameters[layer.KernelOffset + i * layer.Units + j];
                    pre[l][b * layer.Units + j] = z;
                    post[l][b * layer.Units + j] = logits ? z : Activate(layer.Activation, layer.Alpha, z);
                }
            current = post[l];
        }
        return (pre, post);
    }

    private const double SeluAlpha = 1.6732632423543772848170429916717;
    private const double SeluScale = 1.0507009873554804934193349852946;

    public static double Activate(Act act, double alpha, double z) => act switch
    {
        Act.Linear => z,
        Act.Sigmoid => Sigmoid(z),
        Act.Tanh => Math.Tanh(z),
        Act.Relu => Math.Max(0, z),
        Act.LeakyRelu => z > 0 ? z : alpha * z,
        Act.Elu => z > 0 ? z : alpha * (Math.Exp(z) - 1),
        Act.Selu => SeluScale * (z > 0 ? z : SeluAlpha * (Math.Exp(z) - 1)),
        Act.Gelu => 0.5 * z * (1 + Erf(z / Math.Sqrt(2))),
        Act.Silu => z * Sigmoid(z),
        Act.Softplus => Math.Log(1 + Math.Exp(z)),
        _ => throw new ArgumentOutOfRangeException(nameof(act)),
    };

    public static double Derivative(Act act, double alpha, double z) => act switch
    {
        Act.Linear => 1,
        Act.Sigmoid => Sigmoid(z) * (1 - Sigmoid(z)),
        Act.Tanh => 1 - Math.Tanh(z) * Math.Tanh(z),
        Act.Relu => z > 0 ? 1 : 0,
        Act.LeakyRelu => z > 0 ? 1 : alpha,
        Act.Elu => z > 0 ? 1 : alpha * Math.Exp(z),
        Act.Selu => SeluScale * (z > 0 ? 1 : SeluAlpha * Math.Exp(z)),
        Act.Gelu => 0.5 * (1 + Erf(z / Math.Sqrt(2))) + z * Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI),
        Act.Silu => Sigmoid(z) + z * Sigmoid(z) * (1 - Sigmoid(z)),
        Act.Softplus => Sigmoid(z),
        _ => throw new ArgumentOutOfRangeException(nameof(act)),
    };

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    public static double[] Softmax(double[] z)
    {
        double max = z.Max();
        var e = z.Select(v => Math.Exp(v - max)).ToArray();
        double sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }

    /// <summary>erf by its Maclaurin series (|x| ≤ 3) or the Laplace continued fraction of erfc (|x| &gt; 3), both to double precision.</summary>
    public static double Erf(double x)
    {
        double ax = Math.Abs(x);
        if (ax <= 3)
        {
            double term = x, sum = x;
            for (int n = 1; n < 200; n++)
            {
                term *= -x * x / n;
                double next = term / (2 * n + 1);
                sum += next;
                if (Math.Abs(next) < 1e-17 * Math.Abs(sum)) break;
            }
            return 2 / Math.Sqrt(Math.PI) * sum;
        }
        // erfc(x) = exp(-x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))), evaluated from the tail.
        double fraction = ax;
        for (int k = 60; k >= 1; k--) fraction = ax + k / 2.0 / fraction;
        double erfc = Math.Exp(-ax * ax) / Math.Sqrt(Math.PI) / fraction;
        return Math.Sign(x) * (1 - erfc);
    }
}
