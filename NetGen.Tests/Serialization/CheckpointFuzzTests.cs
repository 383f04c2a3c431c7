using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NetGen.Tests.BatchNorm;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Serialization;

/// <summary>
/// Damaged checkpoints never half-load: every mutated file either loads to exactly the saved values
/// or is refused with <see cref="CheckpointException"/>, leaving the network and optimizer as they were.
/// </summary>
public class CheckpointFuzzTests(ITestOutputHelper output)
{
    private const int MutationsPerCase = 2500;

    [Fact]
    public void Every_mutated_checkpoint_loads_exactly_or_is_refused_without_changing_anything()
    {
        var clock = Stopwatch.StartNew();
        var problems = new List<string>();
        var totals = new SortedDictionary<string, int>(StringComparer.Ordinal);

        // A batch-normalized network with Nadam state (a [1] scalar buffer among them) and a position.
        var bn = new BnBeforeAfterNet();
        var nadam = new Nadam(0.01f);
        CheckpointTestKit.Train(bn, nadam, 1, 4);
        var bnTarget = new BnBeforeAfterNet();
        bnTarget.Initialize(4242);
        var bnOptimizer = new Nadam(0.01f);
        CheckpointTestKit.Train(bnTarget, bnOptimizer, 20, 21);
        Run("bn+nadam", bn, nadam, new TrainingPosition(1, 4), bnTarget, bnOptimizer, seed: 1, problems, totals);

        // A plain network (dropout, no batch norm) saved without optimizer.
        var plain = new CheckpointPlainNet();
        CheckpointTestKit.Train(plain, new Sgd(0.1f), 1, 3);
        var plainTarget = new CheckpointPlainNet();
        plainTarget.Initialize(99);
        Run("plain", plain, null, null, plainTarget, null, seed: 2, problems, totals);

        output.WriteLine($"all: {2 * MutationsPerCase} mutated files in {clock.Elapsed.TotalSeconds:F1} s: {Describe(totals)}");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Take(20)));
    }

    private void Run(string name, INetwork source, IOptimizer? sourceOptimizer, TrainingPosition? position,
        INetwork target, IOptimizer? targetOptimizer, int seed, List<string> problems, SortedDictionary<string, int> totals)
    {
        var original = CheckpointTestKit.Save(source, sourceOptimizer, position);
        var saved = TrainingSnapshot.Of(source, sourceOptimizer);
        var before = TrainingSnapshot.Of(target, targetOptimizer);
        Assert.False(before.Matches(source, sourceOptimizer), "the target must start from other values");
        var mutator = new CheckpointMutator(original, seed);
        var byKind = new SortedDictionary<Mutation, SortedDictionary<string, int>>();

        for (int i = 0; i < MutationsPerCase; i++)
        {
            var (kind, file) = mutator.Next();
            string outcome;
            try
            {
                var info = Checkpoint.Load(new MemoryStream(file), target, targetOptimizer);
                if (kind == Mutation.ResignedEdit)
                {
                    // A re-signed edit may describe another valid checkpoint: the load must give exactly what the file says.
                    outcome = "accepted (re-signed, as the file says)";
                    if (!Described(file, target, targetOptimizer, info))
                        problems.Add($"{name} #{i} {kind}: loaded, but the values differ from what the file describes");
                }
                else
                {
                    outcome = file.AsSpan().SequenceEqual(original) ? "accepted (bytes unchanged)" : "accepted (insignificant bytes changed)";
                    if (!saved.Matches(target, targetOptimizer) || info.Position != position)
                        problems.Add($"{name} #{i} {kind}: loaded, but the values differ from the saved ones");
                }
                before.Restore(target, targetOptimizer);
            }
            catch (CheckpointException exception)
            {
                outcome = "rejected: " + exception.Failure;
                if (!before.Matches(target, targetOptimizer))
                    problems.Add($"{name} #{i} {kind}: refused ({exception.Message}) after changing the network or optimizer");
                if (CheckpointMutator.IsInsignificant(kind))
                    problems.Add($"{name} #{i} {kind}: an insignificant change was refused: {exception.Message}");
            }
            catch (Exception exception)
            {
                outcome = "wrong exception: " + exception.GetType().Name;
                problems.Add($"{name} #{i} {kind}: {exception.GetType().FullName}: {exception.Message}");
                before.Restore(target, targetOptimizer);
            }
            CheckReadTensors(name, i, kind, file, problems);
            Count(byKind.TryGetValue(kind, out var counts) ? counts : byKind[kind] = new SortedDictionary<string, int>(StringComparer.Ordinal), outcome);
            Count(totals, outcome);
        }

        output.WriteLine($"{name}: {MutationsPerCase} mutated files of a {original.Length}-byte checkpoint");
        foreach (var (kind, counts) in byKind)
            output.WriteLine($"  {kind,-18} {counts.Values.Sum(),4}: {Describe(counts)}");
    }

    /// <summary>Whether the network and optimizer hold exactly the file's tensors and metadata, read by the independent test reader.</summary>
    private static bool Described(byte[] file, INetwork network, IOptimizer? optimizer, CheckpointInfo info)
    {
        var reader = SafetensorsTestReader.Read(file);
        var parameters = new float[network.ParameterCount];
        var state = new float[network.State.Length];
        foreach (var layer in network.Layers)
        {
            string prefix = $"layer{layer.Index}.";
            reader.Values(prefix + "kernel").CopyTo(parameters, layer.KernelOffset);
            if (layer.HasBias) reader.Values(prefix + "bias").CopyTo(parameters, layer.BiasOffset);
            if (layer.BatchNorm is not { } batchNorm) continue;
            if (batchNorm.HasGamma) reader.Values(prefix + "bn.gamma").CopyTo(parameters, batchNorm.GammaOffset);
            if (batchNorm.HasBeta) reader.Values(prefix + "bn.beta").CopyTo(parameters, batchNorm.BetaOffset);
            reader.Values(prefix + "bn.moving_mean").CopyTo(state, batchNorm.MeanOffset);
            reader.Values(prefix + "bn.moving_variance").CopyTo(state, batchNorm.VarianceOffset);
        }
        var metadata = reader.Metadata;
        OptimizerState? expectedOptimizer = null;
        if (optimizer is not null)
        {
            var buffers = reader.Tensors.Where(t => t.Name.StartsWith("optimizer.", StringComparison.Ordinal))
                .ToDictionary(t => t.Name["optimizer.".Length..], t => reader.Values(t.Name));
            expectedOptimizer = new OptimizerState(metadata["optimizer"], long.Parse(metadata["optimizer_steps"]), buffers);
        }
        var expectedPosition = metadata.ContainsKey("epoch") ? new TrainingPosition(long.Parse(metadata["epoch"]), long.Parse(metadata["step"])) : null;
        return new TrainingSnapshot(parameters, state, expectedOptimizer).Matches(network, optimizer) && info.Position == expectedPosition;
    }

    /// <summary>The format-only reader must hold to the same rule: a result or a <see cref="CheckpointException"/>.</summary>
    private static void CheckReadTensors(string name, int index, Mutation kind, byte[] file, List<string> problems)
    {
        try
        {
            Checkpoint.ReadTensors(new MemoryStream(file));
        }
        catch (CheckpointException)
        {
        }
        catch (Exception exception)
        {
            problems.Add($"{name} #{index} {kind}: ReadTensors threw {exception.GetType().FullName}: {exception.Message}");
        }
    }

    private static void Count(SortedDictionary<string, int> counts, string outcome)
        => counts[outcome] = counts.TryGetValue(outcome, out int count) ? count + 1 : 1;

    private static string Describe(SortedDictionary<string, int> counts) => string.Join(", ", counts.Select(p => $"{p.Key} {p.Value}"));
}
