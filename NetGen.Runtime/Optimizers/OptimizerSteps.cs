using System;
using System.Runtime.CompilerServices;

namespace NetGen
{
    /// <summary>
    /// Runs an optimizer's step on up to a network's <see cref="INetwork.MaxThreads"/> threads: SGD,
    /// Adam and AdamW update disjoint ranges of the parameters in parallel (cut at multiples of 16, so
    /// results are bit-identical to one thread); the others, and small networks, step on the calling
    /// thread.
    /// </summary>
    internal static unsafe class OptimizerSteps
    {
        /// <summary>Below this many parameters the update stays on one thread (it takes ~10 µs).</summary>
        internal static int MinimumParallelParameters = 1 << 18;

        private struct Job
        {
            public IPartitionedOptimizer Optimizer;
            public float* Parameters;
            public float* Gradients;
            public int Length;
        }

        /// <summary>Applies one step of <paramref name="optimizer"/> to <paramref name="parameters"/>.</summary>
        public static void Step(IOptimizer optimizer, Span<float> parameters, ReadOnlySpan<float> gradients, int threads)
        {
            if (optimizer is null) throw new ArgumentNullException(nameof(optimizer));
            int parts = threads;
            if (parts <= 1 || parameters.Length < MinimumParallelParameters || optimizer is not IPartitionedOptimizer partitioned)
            {
                optimizer.Step(parameters, gradients);
                return;
            }
            OptimizerGuard.SameLength(parameters, gradients);
            partitioned.BeginStep(parameters.Length);
            fixed (float* p = parameters, g = gradients)
            {
                var job = new Job { Optimizer = partitioned, Parameters = p, Gradients = g, Length = parameters.Length };
                WorkerTeam.Run(&RunPart, Unsafe.AsPointer(ref job), parts);
            }
        }

        private static void RunPart(void* arguments, int part, int parts)
        {
            ref var job = ref Unsafe.AsRef<Job>(arguments);
            var (start, end) = WorkerTeam.Range(job.Length, 16, part, parts);
            job.Optimizer.StepRange(new Span<float>(job.Parameters, job.Length), new ReadOnlySpan<float>(job.Gradients, job.Length), start, end - start);
        }
    }
}
