using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using NetGen.Tests.Generator;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Numerics;

/// <summary>
/// What the README promises about reproducibility across machines: the same seed and data give the
/// same bits whatever <c>Vector&lt;float&gt;</c>'s width (4, 8 or 16 lanes) and whether the AVX-512
/// kernels run. Each network is initialized, trained a few Adam steps, and asked for batch-1 and
/// batched predictions; a SHA-256 of every parameter, statistic, gradient and output is compared with
/// Fixtures/width-fingerprints.txt. CI reruns this class at 4 and 16 lanes and with AVX-512 off, so a
/// path that rounds differently at another width fails there (.NET 10 turns AVX-512 off with
/// DOTNET_EnableAVX512=0). Rewrite the file with UPDATE_FINGERPRINTS=1 (at any width: they must all agree)
/// after an intended numerical change.
/// </summary>
public class CrossWidthReproducibilityTests
{
    private const string FileName = "width-fingerprints.txt";

    public static IEnumerable<object[]> Networks()
        => GradientNetworkCatalog.Names()
            .Concat(new[] { nameof(StageBatchNormNet), nameof(StageDropoutNet), nameof(StagePenaltyNet), nameof(WideThreadingNet) }.Select(n => new object[] { n }));

    private static INetwork Create(string name)
        => (INetwork)Activator.CreateInstance(typeof(CrossWidthReproducibilityTests).Assembly.GetTypes().Single(t => t.Name == name))!;

    [Theory]
    [MemberData(nameof(Networks))]
    public void Training_and_inference_give_the_same_bits_at_every_vector_width(string name)
    {
        string actual = Fingerprint(Create(name));
        var path = Path.Combine(GoldenFileTests.GoldenDirectory(), "..", "Fixtures", FileName);
        var expected = File.Exists(path)
            ? File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1])
            : new Dictionary<string, string>();
        if (Environment.GetEnvironmentVariable("UPDATE_FINGERPRINTS") == "1")
        {
            lock (typeof(CrossWidthReproducibilityTests))
            {
                expected = File.Exists(path)
                    ? File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1])
                    : new Dictionary<string, string>();
                expected[name] = actual;
                File.WriteAllLines(path, expected.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + " " + p.Value));
            }
            return;
        }
        Assert.True(expected.TryGetValue(name, out var recorded), $"No fingerprint for {name} in {FileName}; run with UPDATE_FINGERPRINTS=1.");
        Assert.True(recorded == actual, $"{name} computes different bits at Vector<float>.Count = {System.Numerics.Vector<float>.Count} " +
            $"(AVX-512 {(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "on" : "off")}) than recorded.");
    }

    private static string Fingerprint(INetwork network)
    {
        network.MaxThreads = 1;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(ReadOnlySpan<float> values) => hash.AppendData(MemoryMarshal.AsBytes(values));
        var optimizer = new Adam(0.01f);
        for (int step = 0; step < 4; step++)
        {
            var (inputs, targets) = GradientNetworkCatalog.Batch(network, 13, 100 + step);
            float loss = network.TrainStep(inputs, targets, 13, optimizer);
            Add(new[] { loss });
            Add(network.Gradients);
        }
        Add(network.Parameters);
        Add(network.State);
        var (x, y) = GradientNetworkCatalog.Batch(network, 9, 7);
        var outputs = new float[9 * network.OutputSize];
        network.Predict(x, outputs, 9);
        Add(outputs);
        var single = new float[network.OutputSize];
        network.Predict(x.AsSpan(0, network.InputSize), single);
        Add(single);
        var probabilities = new float[9 * network.OutputSize];
        Add(new[] { network.Evaluate(x, y, probabilities, 9) });
        Add(probabilities);
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
