using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tests.Numerics;

/// <summary>The generated gradient-check networks (Networks/GradientNetworks.cs) and matching random batches.</summary>
public static class GradientNetworkCatalog
{
    public static IEnumerable<object[]> Names()
        => typeof(GradientNetworkCatalog).Assembly.GetTypes()
            .Where(t => t.Name.StartsWith("Grad", StringComparison.Ordinal) && typeof(INetwork).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => new object[] { t.Name });

    public static INetwork Create(string name)
    {
        var type = typeof(GradientNetworkCatalog).Assembly.GetTypes().Single(t => t.Name == name);
        return (INetwork)Activator.CreateInstance(type)!;
    }

    /// <summary>A reproducible batch: normal inputs, and targets of the right kind for the loss.</summary>
    public static (float[] Inputs, float[] Targets) Batch(INetwork network, int batch, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var inputs = Enumerable.Range(0, batch * network.InputSize).Select(_ => (float)Normal()).ToArray();
        var targets = new float[batch * network.TargetSize];
        for (int b = 0; b < batch; b++)
        {
            switch (network.Loss)
            {
                case Loss.SoftmaxCrossEntropy:
                    targets[b] = random.Next(network.OutputSize);
                    break;
                case Loss.CategoricalCrossEntropy:
                    targets[b * network.OutputSize + random.Next(network.OutputSize)] = 1f;
                    break;
                case Loss.BinaryCrossEntropy:
                    for (int j = 0; j < network.OutputSize; j++) targets[b * network.OutputSize + j] = random.Next(2);
                    break;
                default:
                    for (int j = 0; j < network.OutputSize; j++) targets[b * network.OutputSize + j] = (float)(0.5 * Normal());
                    break;
            }
        }
        return (inputs, targets);
    }

    public static double[] ToDouble(ReadOnlySpan<float> values) => values.ToArray().Select(v => (double)v).ToArray();
}
