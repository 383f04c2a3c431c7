using System;
using NetGen.Generator.Import;

namespace NetGen.Tests.Import.Onnx;

/// <summary>
/// A slow, obvious forward pass over what the reader returned, in double: the oracle the reader's
/// output is checked against (exporter round trips, PyTorch fixtures).
/// </summary>
internal static class ImportedNetworkReference
{
    public static double[] Predict(ImportedNetwork network, float[] input, int batch)
    {
        var output = new double[batch * network.Layers[^1].Units];
        for (int b = 0; b < batch; b++)
        {
            var x = new double[network.Inputs];
            for (int i = 0; i < x.Length; i++) x[i] = input[b * network.Inputs + i];
            if (network.Normalization is { } norm)
                for (int i = 0; i < x.Length; i++) x[i] = (x[i] - norm.Mean[i]) / Math.Sqrt(norm.Variance[i]);
            foreach (var layer in network.Layers) x = Layer(layer, x);
            Output(network.Output, x);
            Array.Copy(x, 0, output, b * x.Length, x.Length);
        }
        return output;
    }

    private static double[] Layer(ImportedLayer layer, double[] x)
    {
        var z = new double[layer.Units];
        for (int j = 0; j < layer.Units; j++)
        {
            double sum = layer.Bias?[j] ?? 0;
            for (int i = 0; i < layer.Inputs; i++) sum += x[i] * layer.Kernel[i * layer.Units + j];
            z[j] = sum;
        }
        if (layer.BatchNorm is { Placement: BatchNormPlacement.BeforeActivation } before) Normalize(before, z);
        for (int j = 0; j < z.Length; j++) z[j] = Activate(layer.Activation, layer.Alpha, z[j]);
        if (layer.BatchNorm is { Placement: BatchNormPlacement.AfterActivation } after) Normalize(after, z);
        return z;
    }

    private static void Normalize(ImportedBatchNorm norm, double[] z)
    {
        for (int j = 0; j < z.Length; j++) z[j] = (z[j] - norm.Mean[j]) / Math.Sqrt(norm.Variance[j] + (double)norm.Epsilon) * norm.Gamma[j] + norm.Beta[j];
    }

    public static double Activate(Act activation, float alpha, double z) => activation switch
    {
        Act.Linear => z,
        Act.Relu => Math.Max(0, z),
        Act.LeakyRelu => z >= 0 ? z : alpha * z,
        Act.Elu => z > 0 ? z : alpha * (Math.Exp(z) - 1),
        // SELU constants from Klambauer et al. 2017.
        Act.Selu => 1.0507009873554805 * (z > 0 ? z : 1.6732632423543772 * (Math.Exp(z) - 1)),
        Act.Sigmoid => 1 / (1 + Math.Exp(-z)),
        Act.Tanh => Math.Tanh(z),
        Act.Softplus => Math.Log(1 + Math.Exp(z)),
        Act.Gelu => 0.5 * z * (1 + Erf(z / Math.Sqrt(2))),
        Act.Silu => z / (1 + Math.Exp(-z)),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    private static void Output(ImportedOutput output, double[] z)
    {
        if (output == ImportedOutput.Sigmoid)
        {
            for (int j = 0; j < z.Length; j++) z[j] = 1 / (1 + Math.Exp(-z[j]));
            return;
        }
        if (output == ImportedOutput.None) return;
        double max = double.NegativeInfinity, sum = 0;
        foreach (double v in z) max = Math.Max(max, v);
        foreach (double v in z) sum += Math.Exp(v - max);
        for (int j = 0; j < z.Length; j++) z[j] = output == ImportedOutput.Softmax ? Math.Exp(z[j] - max) / sum : z[j] - max - Math.Log(sum);
    }

    /// <summary>erf by its Maclaurin series (|x| ≤ 3) or continued fraction, accurate to ~1e-12 here.</summary>
    private static double Erf(double x)
    {
        double a = Math.Abs(x);
        double result;
        if (a <= 3)
        {
            double term = a, sum = a;
            for (int n = 1; n < 100; n++)
            {
                term *= -a * a / n;
                sum += term / (2 * n + 1);
            }
            result = 2 / Math.Sqrt(Math.PI) * sum;
        }
        else
        {
            // erfc(a) = e^{-a²}/√π · 1/(a + 1/2/(a + 1/(a + 3/2/(a + …)))).
            double fraction = a;
            for (int k = 60; k >= 1; k--) fraction = a + k / 2.0 / fraction;
            result = 1 - Math.Exp(-a * a) / Math.Sqrt(Math.PI) / fraction;
        }
        return x < 0 ? -result : result;
    }
}
