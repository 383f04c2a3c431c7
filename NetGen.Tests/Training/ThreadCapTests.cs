using System;
using System.Threading;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>
/// <see cref="INetwork.MaxThreads"/> accepts any positive value, but the work is never cut into more
/// parts than <c>WorkerTeam.MaxParts</c>: with <c>MaxThreads = 1 &lt;&lt; 22</c> every product was cut
/// into four million parts and one training step took 134 times as long.
/// </summary>
[Collection(nameof(AllocationTests))]
public unsafe class ThreadCapTests
{
    private static int s_calls;

    private static void Count(void* arguments, int part, int parts) => Interlocked.Increment(ref s_calls);

    [Fact]
    public void A_huge_thread_count_is_cut_to_a_few_parts_per_processor()
    {
        s_calls = 0;
        WorkerTeam.Run(&Count, null, 1 << 22);
        Assert.InRange(s_calls, 1, Math.Max(4, 2 * Environment.ProcessorCount));
    }

    [Fact]
    public void A_huge_MaxThreads_trains_exactly_like_one_thread()
    {
        var one = new WideThreadingNet { MaxThreads = 1 };
        var huge = new WideThreadingNet { MaxThreads = 1 << 22 };
        var random = new NetGenRandom(9);
        var inputs = new float[64 * WideThreadingNet.InputSize];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextNormal();
        var targets = new float[64 * WideThreadingNet.TargetSize];
        for (int i = 0; i < targets.Length; i++) targets[i] = i % WideThreadingNet.OutputSize;
        var first = new Adam(1e-3f);
        var second = new Adam(1e-3f);
        for (int step = 0; step < 3; step++)
        {
            Assert.Equal(one.TrainStep(inputs, targets, 64, first), huge.TrainStep(inputs, targets, 64, second));
        }
        Assert.Equal(one.Parameters.ToArray(), huge.Parameters.ToArray());
    }
}
