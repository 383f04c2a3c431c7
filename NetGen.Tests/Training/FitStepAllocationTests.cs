using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>
/// A step of <see cref="Trainer.Fit"/> allocates nothing once the fit has started, with the divergence
/// guard's parameter and batch-norm state checks on: measured between two batch-end callbacks of one epoch.
/// Runs with the allocation tests, alone (see <see cref="AllocationTestsRunAlone"/>).
/// </summary>
[Collection(nameof(AllocationTests))]
public class FitStepAllocationTests
{
    [Fact]
    public void Fit_steps_with_the_state_guard_allocate_nothing()
    {
        var network = new StageBatchNormNet(9);
        var (inputs, targets) = TrainingData.Blobs(16 * 60, 7, 3, 2f, 23);
        var meter = new AllocationMeter(firstStep: 5, lastStep: 55);
        Trainer.Fit(network, inputs, targets, new FitOptions { BatchSize = 16, Optimizer = new Sgd(0.01f), Callbacks = { meter } });

        Assert.True(meter.Measured, "the epoch must reach the last measured step");
        Assert.Equal(0, meter.Allocated);
    }

    /// <summary>Reads this thread's allocation counter after two steps; allocates nothing itself.</summary>
    private sealed class AllocationMeter(long firstStep, long lastStep) : TrainingCallback
    {
        private long _before;

        public long Allocated { get; private set; }

        public bool Measured { get; private set; }

        public override void OnTrainBatchEnd(TrainingContext context, BatchMetrics batch)
        {
            if (batch.Step == firstStep)
            {
                // A blocking collection first, so no background GC started by earlier garbage runs during the measurement.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                _before = GC.GetAllocatedBytesForCurrentThread();
            }
            else if (batch.Step == lastStep)
            {
                Allocated = GC.GetAllocatedBytesForCurrentThread() - _before;
                Measured = true;
            }
        }
    }
}
