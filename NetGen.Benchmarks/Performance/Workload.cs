using System;

namespace NetGen.Benchmarks.Performance;

/// <summary>One benchmark workload: its name, training batch and a factory for the NetGen network.</summary>
internal sealed record Workload(string Name, int Batch, string Description, Func<INetwork> Create)
{
    public static readonly Workload[] All =
    {
        new("S", 32, "64-128-128-10, ReLU", () => new SmallNet()),
        new("S-BN", 32, "S + BN before each hidden activation", () => new SmallBatchNormNet()),
        new("M", 64, "784-256-256-10, ReLU", () => new MediumNet()),
        new("L", 128, "784-1024-1024-1024-10, ReLU", () => new LargeNet()),
        new("D", 32, "64-(100 SELU)x20-10", () => new DeepNet()),
    };

    /// <summary>Batch of the inference throughput figure.</summary>
    public const int InferenceBatch = 256;

    /// <summary>The layer sizes, input first, as the peers need them.</summary>
    public static int[] Sizes(INetwork network)
    {
        var sizes = new int[network.Layers.Count + 1];
        sizes[0] = network.InputSize;
        for (int i = 0; i < network.Layers.Count; i++) sizes[i + 1] = network.Layers[i].Units;
        return sizes;
    }
}

/// <summary>The four figures of one workload at one thread count.</summary>
internal sealed record Figures(double TrainSgd, double TrainAdam, double InferBatch1Microseconds, double InferBatch256)
{
    public static readonly Figures Missing = new(double.NaN, double.NaN, double.NaN, double.NaN);
}
