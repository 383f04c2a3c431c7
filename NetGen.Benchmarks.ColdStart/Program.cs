using System;
using System.Globalization;
using NetGen.Benchmarks.Performance;

namespace NetGen.Benchmarks.ColdStart;

/// <summary>
/// <c>NetGen.Benchmarks.ColdStart W weights.safetensors W.input.bin</c>: creates workload W's network, gives it its
/// weights, predicts the first input row and prints the first output. NetGen.Benchmarks times this process from its
/// launch to that line: the cold start of a NativeAOT app that serves one prediction.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length != 3)
        {
            Console.Error.WriteLine("usage: NetGen.Benchmarks.ColdStart S|M|L weights.safetensors input.bin");
            return 2;
        }
        INetwork? network = args[0] switch
        {
            "S" => new ColdSmallNet(),
            "M" => new ColdMediumNet(),
            "L" => new ColdLargeNet(),
            _ => null,
        };
        if (network is null)
        {
            Console.Error.WriteLine($"unknown workload '{args[0]}' (S, M or L)");
            return 2;
        }
        // The weights come from a file until embedded weights land ([Weights]/[OnnxModel], issue 15): then this line
        // goes and the network class below gains the attribute; nothing else here changes.
        Checkpoint.Load(args[1], network);
        var input = FloatFile.Read(args[2]).AsSpan(0, network.InputSize);
        var output = new float[network.OutputSize];
        network.Predict(input, output);
        Console.WriteLine(output[0].ToString("R", CultureInfo.InvariantCulture));
        return 0;
    }
}

/// <summary>S's shape (NetGen.Benchmarks' SmallNet).</summary>
[Network(Inputs = 64, Loss = Loss.SoftmaxCrossEntropy)]
[Layers(128, 128, 10)]
[Initializer(Init.HeNormal)]
[Activation(Act.Relu)]
internal partial class ColdSmallNet;

/// <summary>M's shape (MediumNet).</summary>
[Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy)]
[Layers(256, 256, 10)]
[Initializer(Init.HeNormal)]
[Activation(Act.Relu)]
internal partial class ColdMediumNet;

/// <summary>L's shape (LargeNet).</summary>
[Network(Inputs = 784, Loss = Loss.SoftmaxCrossEntropy)]
[Layers(1024, 1024, 1024, 10)]
[Initializer(Init.HeNormal)]
[Activation(Act.Relu)]
internal partial class ColdLargeNet;
