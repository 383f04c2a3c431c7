using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tests.Numerics;

/// <summary>
/// The slow, obvious oracle: a scalar dense network in double precision, written from the textbook
/// formulas and independent of the runtime's kernels, activations and losses. Each layer runs
/// dense → [batch norm] → activation → [batch norm] → [dropout] as its DenseLayerInfo says; batch
/// norm uses batch statistics when training and the given moving statistics otherwise; dropout
/// applies the keep flags in <see cref="DropoutKeep"/> (training only).
/// </summary>
public sealed class ReferenceNetwork
{
    private readonly IReadOnlyList<DenseLayerInfo> _layers;
    private readonly Loss _loss;
    private readonly double[] _state;

    public ReferenceNetwork(IReadOnlyList<DenseLayerInfo> layers, Loss loss, ReadOnlySpan<float> parameters, ReadOnlySpan<float> state = default)
    {
        _layers = layers;
        _loss = loss;
        Parameters = parameters.ToArray().Select(p => (double)p).ToArray();
        _state = state.ToArray().Select(v => (double)v).ToArray();
    }

    public double[] Parameters { get; }

    /// <summary>Per layer with dropout, one keep flag per [batch × units] value of the training pass; null elsewhere.</summary>
    public bool[]?[] DropoutKeep { get; set; } = Array.Empty<bool[]?>();

    /// <summary>Per layer, whether it is frozen: its batch norm then runs in inference mode in training too (Keras semantics).</summary>
    public bool[] Frozen { get; set; } = Array.Empty<bool>();

    public int InputSize => _layers[0].Inputs;

    public int OutputSize => _layers[^1].Units;

    /// <summary>Outputs as Predict returns them (probabilities for the cross-entropies), in inference mode.</summary>
    public double[] Predict(double[] inputs, int batch)
    {
        var traces = Forward(inputs, batch, training: false);
        var last = traces[^1].Output;
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

    /// <summary>Mean loss (with the kernels' L1/L2 penalties), its gradient for every parameter, and for every input, in training mode.</summary>
    public (double Loss, double[] Gradients, double[] InputGradients) LossAndGradients(double[] inputs, double[] targets, int batch)
    {
        var traces = Forward(inputs, batch, training: true);
        int outputs = OutputSize;
        var output = _layers[^1];
        var logits = traces[^1].Output;
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
                        delta[b * outputs + j] = 2 * difference / (batch * outputs) * Derivative(output.Activation, output.Alpha, traces[^1].Pre[b * outputs + j]);
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
            double[] below = l == 0 ? inputs : traces[l - 1].Output;
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
                    belowDelta[b * layer.Inputs + i] = sum;
                }
            if (l == 0) inputGradients = belowDelta;
            else delta = BackThroughStages(_layers[l - 1], traces[l - 1], belowDelta, gradients, batch, IsFrozen(l - 1));
        }

        // Keras kernel penalties: l1·Σ|w| + l2·Σw².
        foreach (var layer in _layers)
        {
            if (layer.L1 == 0 && layer.L2 == 0) continue;
            for (int k = 0; k < layer.Inputs * layer.Units; k++)
            {
                double w = Parameters[layer.KernelOffset + k];
                loss += layer.L1 * Math.Abs(w) + layer.L2 * w * w;
                gradients[layer.KernelOffset + k] += layer.L1 * Math.Sign(w) + 2 * layer.L2 * w;
            }
        }
        return (loss, gradients, inputGradients);
    }

    /// <summary>What one layer's forward pass computed, kept for backward.</summary>
    private sealed class Trace
    {
        public double[] Pre = Array.Empty<double>();          // input of the activation
        public double[] Activated = Array.Empty<double>();    // output of the activation
        public double[] Output = Array.Empty<double>();       // what the next layer reads
        public double[] NormalizedBefore = Array.Empty<double>(), InverseStdBefore = Array.Empty<double>();
        public double[] NormalizedAfter = Array.Empty<double>(), InverseStdAfter = Array.Empty<double>();
        public double[] DropoutFactor = Array.Empty<double>(); // ∂output/∂input of the dropout stage
    }

    private Trace[] Forward(double[] inputs, int batch, bool training)
    {
        var traces = new Trace[_layers.Count];
        double[] current = inputs;
        for (int l = 0; l < _layers.Count; l++)
        {
            var layer = _layers[l];
            var trace = traces[l] = new Trace();
            bool logits = l == _layers.Count - 1 && _loss != NetGen.Loss.MeanSquaredError;
            var z = new double[batch * layer.Units];
            for (int b = 0; b < batch; b++)
                for (int j = 0; j < layer.Units; j++)
                {
                    double sum = layer.HasBias ? Parameters[layer.BiasOffset + j] : 0;
                    for (int i = 0; i < layer.Inputs; i++)
                        sum += current[b * layer.Inputs + i] * Parameters[layer.KernelOffset + i * layer.Units + j];
                    z[b * layer.Units + j] = sum;
                }
            var norm = layer.BatchNorm;
            bool batchStatistics = training && !IsFrozen(l);
            trace.Pre = norm?.Placement == BatchNormPlacement.BeforeActivation
                ? Normalize(layer, z, batch, batchStatistics, out trace.NormalizedBefore, out trace.InverseStdBefore)
                : z;
            trace.Activated = trace.Pre.Select(v => logits ? v : Activate(layer.Activation, layer.Alpha, v)).ToArray();
            trace.Output = norm?.Placement == BatchNormPlacement.AfterActivation
                ? Normalize(layer, trace.Activated, batch, batchStatistics, out trace.NormalizedAfter, out trace.InverseStdAfter)
                : trace.Activated;
            if (training && layer.Dropout is { } dropout) trace.Output = Drop(dropout, DropoutKeep[l]!, trace.Output, out trace.DropoutFactor);
            current = trace.Output;
        }
        return traces;
    }

    /// <summary>y = γ·(x − μ)/√(σ² + ε) + β per unit, with batch statistics (biased variance) or the moving ones.</summary>
    private double[] Normalize(DenseLayerInfo layer, double[] x, int batch, bool training, out double[] normalized, out double[] inverseStd)
    {
        var norm = layer.BatchNorm!;
        int units = layer.Units;
        normalized = new double[x.Length];
        inverseStd = new double[units];
        var y = new double[x.Length];
        for (int j = 0; j < units; j++)
        {
            double mean, variance;
            if (training)
            {
                mean = 0;
                for (int b = 0; b < batch; b++) mean += x[b * units + j];
                mean /= batch;
                variance = 0;
                for (int b = 0; b < batch; b++) variance += (x[b * units + j] - mean) * (x[b * units + j] - mean);
                variance /= batch;
            }
            else
            {
                mean = _state[norm.MeanOffset + j];
                variance = _state[norm.VarianceOffset + j];
            }
            inverseStd[j] = 1 / Math.Sqrt(variance + norm.Epsilon);
            double gamma = norm.HasGamma ? Parameters[norm.GammaOffset + j] : 1;
            double beta = norm.HasBeta ? Parameters[norm.BetaOffset + j] : 0;
            for (int b = 0; b < batch; b++)
            {
                normalized[b * units + j] = (x[b * units + j] - mean) * inverseStd[j];
                y[b * units + j] = gamma * normalized[b * units + j] + beta;
            }
        }
        return y;
    }

    /// <summary>Inverted dropout (kept × 1/(1 − p)) or alpha dropout (a·x + b kept, a·α′ + b dropped; Klambauer et al. 2017).</summary>
    private static double[] Drop(DropoutInfo dropout, bool[] keep, double[] x, out double[] factor)
    {
        double p = dropout.Rate;
        const double alphaPrime = -1.7580993408473766;
        double a = 1 / Math.Sqrt((1 - p) * (1 + p * alphaPrime * alphaPrime));
        double shift = -a * alphaPrime * p;
        var y = new double[x.Length];
        factor = new double[x.Length];
        for (int k = 0; k < x.Length; k++)
        {
            if (dropout.IsAlpha)
            {
                factor[k] = keep[k] ? a : 0;
                y[k] = keep[k] ? a * x[k] + shift : a * alphaPrime + shift;
            }
            else
            {
                factor[k] = keep[k] ? 1 / (1 - p) : 0;
                y[k] = x[k] * factor[k];
            }
        }
        return y;
    }

    /// <summary>∂L/∂(layer output) → ∂L/∂z of the dense product: dropout, batch norm after, activation, batch norm before, in reverse.</summary>
    private double[] BackThroughStages(DenseLayerInfo layer, Trace trace, double[] delta, double[] gradients, int batch, bool frozen)
    {
        var d = (double[])delta.Clone();
        if (trace.DropoutFactor.Length > 0)
            for (int k = 0; k < d.Length; k++) d[k] *= trace.DropoutFactor[k];
        if (layer.BatchNorm?.Placement == BatchNormPlacement.AfterActivation)
            d = frozen ? InferenceBackward(layer, d, trace.InverseStdAfter) : BatchNormBackward(layer, d, trace.NormalizedAfter, trace.InverseStdAfter, gradients, batch);
        for (int k = 0; k < d.Length; k++) d[k] *= Derivative(layer.Activation, layer.Alpha, trace.Pre[k]);
        if (layer.BatchNorm?.Placement == BatchNormPlacement.BeforeActivation)
            d = frozen ? InferenceBackward(layer, d, trace.InverseStdBefore) : BatchNormBackward(layer, d, trace.NormalizedBefore, trace.InverseStdBefore, gradients, batch);
        return d;
    }

    private bool IsFrozen(int layer) => layer < Frozen.Length && Frozen[layer];

    /// <summary>Backward through inference-mode batch norm, an affine map per unit: ∂L/∂x = ∂L/∂y·γ/√(σ² + ε).</summary>
    private double[] InferenceBackward(DenseLayerInfo layer, double[] dy, double[] inverseStd)
    {
        var norm = layer.BatchNorm!;
        var dx = new double[dy.Length];
        for (int k = 0; k < dy.Length; k++)
        {
            int j = k % layer.Units;
            dx[k] = dy[k] * (norm.HasGamma ? Parameters[norm.GammaOffset + j] : 1) * inverseStd[j];
        }
        return dx;
    }

    /// <summary>The textbook batch-norm backward (Ioffe and Szegedy 2015, section 3), accumulating ∂L/∂γ and ∂L/∂β.</summary>
    private double[] BatchNormBackward(DenseLayerInfo layer, double[] dy, double[] normalized, double[] inverseStd, double[] gradients, int batch)
    {
        var norm = layer.BatchNorm!;
        int units = layer.Units;
        var dx = new double[dy.Length];
        for (int j = 0; j < units; j++)
        {
            double gamma = norm.HasGamma ? Parameters[norm.GammaOffset + j] : 1;
            double sumDy = 0, sumDyXHat = 0;
            for (int b = 0; b < batch; b++)
            {
                sumDy += dy[b * units + j];
                sumDyXHat += dy[b * units + j] * normalized[b * units + j];
            }
            if (norm.HasGamma) gradients[norm.GammaOffset + j] += sumDyXHat;
            if (norm.HasBeta) gradients[norm.BetaOffset + j] += sumDy;
            // dx̂ = dy·γ; dσ² = Σ dx̂·(x − μ)·(−½)(σ² + ε)^(−3/2); dμ = −Σ dx̂/√(σ² + ε) (+ 0 from dσ²); dx = dx̂/√ + dσ²·2(x − μ)/N + dμ/N.
            double sumDxHat = 0, sumDxHatXHat = 0;
            for (int b = 0; b < batch; b++)
            {
                sumDxHat += dy[b * units + j] * gamma;
                sumDxHatXHat += dy[b * units + j] * gamma * normalized[b * units + j];
            }
            for (int b = 0; b < batch; b++)
            {
                double dxHat = dy[b * units + j] * gamma;
                dx[b * units + j] = inverseStd[j] / batch * (batch * dxHat - sumDxHat - normalized[b * units + j] * sumDxHatXHat);
            }
        }
        return dx;
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
