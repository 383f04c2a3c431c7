using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace NetGen.Benchmarks.TorchSharp;

/// <summary>
/// One of NetGen's benchmark workloads (NetGen.Benchmarks' Workload.All), built as the idiomatic PyTorch module:
/// float32, softmax cross-entropy on the logits, He normal for ReLU and LeCun normal for SELU, zero biases.
/// </summary>
internal sealed record Workload(string Name, int Batch, int[] Sizes, bool BatchNorm, bool Selu)
{
    public static readonly Workload[] All =
    {
        new("S", 32, new[] { 64, 128, 128, 10 }, BatchNorm: false, Selu: false),
        new("S-BN", 32, new[] { 64, 128, 128, 10 }, BatchNorm: true, Selu: false),
        new("M", 64, new[] { 784, 256, 256, 10 }, BatchNorm: false, Selu: false),
        new("L", 128, new[] { 784, 1024, 1024, 1024, 10 }, BatchNorm: false, Selu: false),
        new("D", 32, new[] { 64 }.Concat(Enumerable.Repeat(100, 20)).Append(10).ToArray(), BatchNorm: false, Selu: true),
    };

    /// <summary>Batch of the inference throughput figure.</summary>
    public const int InferenceBatch = 256;

    public int Inputs => Sizes[0];

    public int Outputs => Sizes[^1];

    /// <summary>
    /// Linear → [BatchNorm1d] → activation for each hidden layer, then the output Linear. Before batch
    /// normalization the Linear has no bias (BN's beta makes it redundant), as NetGen drops it.
    /// </summary>
    public nn.Module<Tensor, Tensor> Create()
    {
        var layers = new List<nn.Module<Tensor, Tensor>>();
        for (int i = 1; i < Sizes.Length; i++)
        {
            bool hidden = i < Sizes.Length - 1;
            var linear = nn.Linear(Sizes[i - 1], Sizes[i], hasBias: !(hidden && BatchNorm));
            // He normal (ReLU gain √2) or LeCun normal (linear gain 1, what SELU wants), fan-in.
            nn.init.kaiming_normal_(linear.weight, mode: nn.init.FanInOut.FanIn,
                nonlinearity: Selu ? nn.init.NonlinearityType.Linear : nn.init.NonlinearityType.ReLU);
            if (linear.bias is not null) nn.init.zeros_(linear.bias);
            layers.Add(linear);
            if (!hidden) break;
            if (BatchNorm) layers.Add(nn.BatchNorm1d(Sizes[i]));
            layers.Add(Selu ? nn.SELU() : nn.ReLU());
        }
        return nn.Sequential(layers);
    }
}

/// <summary>The four figures of one workload at one thread count.</summary>
internal sealed record Figures(double TrainSgd, double TrainAdam, double InferBatch1Microseconds, double InferBatch256);
