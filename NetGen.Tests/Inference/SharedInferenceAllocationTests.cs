using System;
using System.Linq;
using System.Threading;
using NetGen.Tests.Training;
using Xunit;

namespace NetGen.Tests.Inference;

/// <summary>
/// Predict and Evaluate on a shared instance allocate nothing per call once each thread has warmed up
/// (its scratch grows once), while eight threads call them at the same time.
/// </summary>
[Collection(nameof(AllocationTests))]
public class SharedInferenceAllocationTests
{
    [Theory]
    [MemberData(nameof(Networks))]
    public void ConcurrentCallsAllocateNothingAfterWarmUp(string name)
    {
        var shared = SharedInferenceTests.Create(name);
        var (inputs, targets) = SharedInferenceTests.Data(shared);
        const int threads = 8;
        var allocated = new long[threads];
        using var warm = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(thread => new Thread(() =>
        {
            var output = new float[shared.OutputSize];
            var outputs = new float[13 * shared.OutputSize];
            void Calls()
            {
                shared.Predict(inputs.AsSpan(thread * shared.InputSize, shared.InputSize), output);
                shared.Predict(inputs, outputs, 13);
                shared.Evaluate(inputs, targets, outputs, 13);
            }
            Calls();
            warm.SignalAndWait();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int call = 0; call < 50; call++) Calls();
            allocated[thread] = GC.GetAllocatedBytesForCurrentThread() - before;
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        Assert.All(allocated, bytes => Assert.Equal(0, bytes));
    }

    public static TheoryData<string> Networks() => new(SharedInferenceTests.Names);
}
