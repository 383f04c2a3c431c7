using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using NetGen.Generator.Import;
using NetGen.Tests.Numerics;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Import.Onnx;

/// <summary>
/// Mutated model files (bit flips, truncations, splices, varint and length corruption, duplicated and
/// deleted ranges) never make the reader throw, hang or allocate out of proportion to the file.
/// </summary>
public class OnnxReaderFuzzTests
{
    private const int Seeds = 4;
    private const int CasesPerSeed = 2600;
    // Allocation bound per case: a fixed allowance (dictionaries, lists, messages) plus a multiple of the file.
    private const long FixedAllowance = 256 * 1024;
    private const long BytesPerFileByte = 64;
    private static readonly TimeSpan PerCaseLimit = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan TotalLimit = TimeSpan.FromSeconds(50);

    private readonly ITestOutputHelper _output;

    public OnnxReaderFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Ten_thousand_mutated_models_never_throw_hang_or_allocate_beyond_a_multiple_of_their_size()
    {
        var corpus = Corpus();
        var failures = new List<string>();
        int cases = 0, imported = 0;
        double worstRatio = 0, worstMilliseconds = 0;
        string worstCase = "";
        var clock = Stopwatch.StartNew();
        // A dedicated thread, so that a hang fails the test at the total limit instead of stalling the run.
        var worker = new Thread(() =>
        {
            OnnxModelReader.ReadUnguarded(corpus[0]);    // JIT and static setup outside the measurements
            for (int seed = 1; seed <= Seeds; seed++)
            {
                var random = new Random(seed);
                for (int i = 0; i < CasesPerSeed; i++, cases++)
                {
                    var (mutation, bytes) = Mutate(random, corpus);
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    var timer = Stopwatch.StartNew();
                    try
                    {
                        var result = OnnxModelReader.ReadUnguarded(bytes);
                        if (result.Network is not null) imported++;
                        else if (result.Problems.Length == 0) failures.Add($"seed {seed} case {i} ({mutation}): neither a network nor a problem");
                    }
                    catch (Exception exception)
                    {
                        failures.Add($"seed {seed} case {i} ({mutation}, {bytes.Length} bytes): {exception.GetType().Name}: {exception.Message}");
                    }
                    timer.Stop();
                    long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                    worstRatio = Math.Max(worstRatio, (double)allocated / Math.Max(1, bytes.Length));
                    if (timer.Elapsed.TotalMilliseconds > worstMilliseconds) worstCase = $"seed {seed} case {i} ({mutation}, {bytes.Length} bytes, {allocated} allocated)";
                    worstMilliseconds = Math.Max(worstMilliseconds, timer.Elapsed.TotalMilliseconds);
                    if (allocated > FixedAllowance + BytesPerFileByte * bytes.Length)
                        failures.Add($"seed {seed} case {i} ({mutation}): {allocated} bytes allocated for a {bytes.Length}-byte file");
                    if (timer.Elapsed > PerCaseLimit) failures.Add($"seed {seed} case {i} ({mutation}): {timer.Elapsed.TotalMilliseconds:F0} ms");
                }
            }
        });
        worker.Start();
        Assert.True(worker.Join(TotalLimit), $"the fuzz run did not finish within {TotalLimit.TotalSeconds} s ({cases} cases done): a hang");
        clock.Stop();

        _output.WriteLine($"{cases} cases in {clock.Elapsed.TotalSeconds:F2} s ({cases / clock.Elapsed.TotalSeconds:F0} cases/s); {imported} still imported; " +
                          $"slowest case {worstMilliseconds:F1} ms ({worstCase}); at most {worstRatio:F0} bytes allocated per file byte");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
        Assert.Equal(Seeds * CasesPerSeed, cases);
        Assert.True(cases >= 10_000);
    }

    /// <summary>Valid models of every kind the reader handles: the PyTorch/Keras fixtures and NetGen exports.</summary>
    private static byte[][] Corpus()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Import", "Reader"), "*.onnx")
            .OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes);
        var exports = new[] { "StageBatchNormNet", "StageDropoutNet" }.Select(name => OnnxExporter.Serialize(GradientNetworkCatalog.Create(name)));
        var corpus = files.Concat(exports).ToArray();
        Assert.True(corpus.Length >= 8);
        Assert.All(corpus, model => Assert.NotNull(OnnxModelReader.ReadUnguarded(model).Network));
        return corpus;
    }

    private static (string Mutation, byte[] Bytes) Mutate(Random random, byte[][] corpus)
    {
        var source = corpus[random.Next(corpus.Length)];
        var bytes = (byte[])source.Clone();
        switch (random.Next(7))
        {
            case 0:
                for (int flips = random.Next(1, 9); flips > 0; flips--) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return ("bit flips", bytes);
            case 1:
                return ("truncation", bytes.AsSpan(0, random.Next(bytes.Length)).ToArray());
            case 2:
            {
                var other = corpus[random.Next(corpus.Length)];
                int cut = random.Next(bytes.Length), from = random.Next(other.Length);
                return ("splice", bytes.AsSpan(0, cut).ToArray().Concat(other.AsSpan(from).ToArray()).ToArray());
            }
            case 3:
            {
                // A run of continuation bytes or a huge varint where a number or length was.
                int at = random.Next(bytes.Length);
                int run = random.Next(1, 12);
                for (int i = 0; i < run && at + i < bytes.Length; i++) bytes[at + i] = random.Next(2) == 0 ? (byte)0xFF : (byte)0x80;
                return ("varint corruption", bytes);
            }
            case 4:
            {
                // Rewrite the byte after a length-delimited key (wire type 2): the length.
                for (int attempt = 0; attempt < 16; attempt++)
                {
                    int at = random.Next(bytes.Length - 1);
                    if ((bytes[at] & 7) != 2) continue;
                    bytes[at + 1] = (byte)random.Next(256);
                    break;
                }
                return ("length corruption", bytes);
            }
            case 5:
            {
                // Duplicate a range (repeated fields, repeated messages) somewhere else.
                int start = random.Next(bytes.Length), length = random.Next(1, Math.Min(256, bytes.Length - start) + 1), insert = random.Next(bytes.Length + 1);
                var copy = bytes.AsSpan(start, length).ToArray();
                return ("duplicated range", bytes.Take(insert).Concat(copy).Concat(bytes.Skip(insert)).ToArray());
            }
            default:
            {
                int start = random.Next(bytes.Length), length = random.Next(1, Math.Min(64, bytes.Length - start) + 1);
                return ("deleted range", bytes.Take(start).Concat(bytes.Skip(start + length)).ToArray());
            }
        }
    }
}
