using System;
using System.Threading;

namespace NetGen
{
    /// <summary>
    /// The process-wide team of worker threads that the kernels split large products and optimizer
    /// updates across (fork-join): the calling thread runs part 0, workers run parts 1 … n − 1, and
    /// the call returns when every part is done. Work is handed over as a function pointer and a
    /// pointer to arguments on the caller's stack, so a parallel call allocates nothing.
    /// </summary>
    /// <remarks>
    /// Workers spin briefly after each job (a training step issues the next one within microseconds)
    /// and then sleep until the next. The team serves one call at a time: when another thread is
    /// already using it, the caller runs all parts itself. Since every kernel computes each output
    /// element the same way whatever part it falls in, results never depend on how many threads ran.
    /// </remarks>
    internal sealed unsafe class WorkerTeam
    {
        // How long an idle worker spins before it sleeps: long enough to stay awake between the
        // products of one step and between steps, short enough not to burn a core for nothing.
        private const int SpinIterations = 20_000;

        private static WorkerTeam? s_shared;

        private readonly int _size;
        private readonly object _gate = new();
        private delegate*<void*, int, int, void> _work;
        private void* _arguments;
        private int _parts;
        // The job's generation (high 32 bits) and the next unclaimed part (low 32 bits), claimed by
        // compare-and-swap, so a part runs exactly once, on whichever thread gets to it first.
        private long _claim;
        private int _done;
        private int _sleepers;
        private int _busy;
        // Bytes each worker thread has allocated in its life, refreshed after every job it joins:
        // lets the tests prove that parallel steps allocate nothing on the workers either.
        private readonly long[] _allocatedByWorker;

        private WorkerTeam(int size)
        {
            _size = size;
            _allocatedByWorker = new long[size];
            for (int index = 1; index < size; index++)
            {
                int worker = index;
                var thread = new Thread(() => WorkerLoop(worker)) { IsBackground = true, Name = $"NetGen worker {index}" };
                thread.Start();
            }
        }

        /// <summary>Threads the machine offers to one process (the calling thread included).</summary>
        public static int MaxThreads => Environment.ProcessorCount;

        /// <summary>
        /// The most parts one call is cut into: twice the processors (at least 4, so an uneven split is
        /// still exercised on a 2-core machine). More parts than that only add hand-over cost; with
        /// <c>MaxThreads = 1 &lt;&lt; 22</c> every product used to be cut into four million parts.
        /// </summary>
        public static int MaxParts { get; } = Math.Max(4, 2 * Environment.ProcessorCount);

        /// <summary>The shared team, one thread per processor, created on first use.</summary>
        public static WorkerTeam Shared
        {
            get
            {
                var team = Volatile.Read(ref s_shared);
                if (team is not null) return team;
                Interlocked.CompareExchange(ref s_shared, new WorkerTeam(MaxThreads), null);
                return s_shared!;
            }
        }

        /// <summary>
        /// Runs <paramref name="work"/>(arguments, part, parts) for part = 0 … parts − 1 and returns when
        /// all are done (<paramref name="parts"/> is first capped at <see cref="MaxParts"/>). The calling thread takes parts too, so if the workers are slow to wake (a busy
        /// machine) it simply runs them all itself. When another thread is using the team, the caller
        /// runs every part itself.
        /// </summary>
        public static void Run(delegate*<void*, int, int, void> work, void* arguments, int parts)
        {
            // Every caller computes its ranges from the parts count it is handed, so capping here is safe.
            parts = Math.Min(parts, MaxParts);
            if (parts <= 1)
            {
                work(arguments, 0, 1);
                return;
            }
            var team = Shared;
            if (team._size < 2 || Interlocked.CompareExchange(ref team._busy, 1, 0) != 0)
            {
                for (int part = 0; part < parts; part++) work(arguments, part, parts);
                return;
            }
            try
            {
                team.Dispatch(work, arguments, parts);
            }
            finally
            {
                Volatile.Write(ref team._busy, 0);
            }
        }

        /// <summary>How many calls were shared with the workers so far (tests check that splitting happens).</summary>
        internal static long Dispatches;

        private void Dispatch(delegate*<void*, int, int, void> work, void* arguments, int parts)
        {
            Dispatches++;
            // Close the last job first: a worker still inside RunParts of it could otherwise read the new
            // _parts, win a claim on the old generation and run a part with half-written job fields.
            // The closed generation has no claimable part (part = int.MaxValue), so every such claim fails.
            long closed = (Volatile.Read(ref _claim) >> 32) + 1;
            Interlocked.Exchange(ref _claim, (closed << 32) | int.MaxValue);
            _work = work;
            _arguments = arguments;
            _parts = parts;
            Volatile.Write(ref _done, 0);
            // Publishing the next generation with part 0 unclaimed opens the job to the workers.
            long generation = closed + 1;
            Interlocked.Exchange(ref _claim, generation << 32);
            if (Volatile.Read(ref _sleepers) > 0)
            {
                lock (_gate) Monitor.PulseAll(_gate);
            }
            RunParts(generation);
            var spinner = new SpinWait();
            while (Volatile.Read(ref _done) != parts) spinner.SpinOnce(sleep1Threshold: -1);
        }

        /// <summary>Claims and runs parts of job <paramref name="generation"/> until none is left.</summary>
        private void RunParts(long generation)
        {
            while (true)
            {
                long claim = Volatile.Read(ref _claim);
                if (claim >> 32 != generation) return;
                int part = (int)claim;
                if (part >= _parts) return;
                if (Interlocked.CompareExchange(ref _claim, claim + 1, claim) != claim) continue;
                _work(_arguments, part, _parts);
                Interlocked.Increment(ref _done);
            }
        }

        /// <summary>Bytes allocated so far by all worker threads (not the callers).</summary>
        internal long WorkerAllocatedBytes
        {
            get
            {
                long total = 0;
                for (int i = 0; i < _allocatedByWorker.Length; i++) total += Volatile.Read(ref _allocatedByWorker[i]);
                return total;
            }
        }

        private void WorkerLoop(int worker)
        {
            long seen = 0;
            while (true)
            {
                var spinner = new SpinWait();
                int spins = 0;
                while (Volatile.Read(ref _claim) >> 32 == seen)
                {
                    if (++spins < SpinIterations)
                    {
                        // Spins, then yields between checks: on a machine busier than its core count
                        // the worker must not take the time slice of the thread it is waiting for.
                        spinner.SpinOnce(sleep1Threshold: -1);
                        continue;
                    }
                    lock (_gate)
                    {
                        _sleepers++;
                        while (Volatile.Read(ref _claim) >> 32 == seen) Monitor.Wait(_gate);
                        _sleepers--;
                    }
                }
                seen = Volatile.Read(ref _claim) >> 32;
                RunParts(seen);
                Volatile.Write(ref _allocatedByWorker[worker], GC.GetAllocatedBytesForCurrentThread());
            }
        }

        /// <summary>
        /// The share of part <paramref name="part"/> of <paramref name="count"/> items cut into blocks of
        /// <paramref name="block"/> (the last block may be shorter): [start, end).
        /// </summary>
        public static (int Start, int End) Range(int count, int block, int part, int parts)
        {
            int blocks = (count + block - 1) / block;
            int start = (int)((long)blocks * part / parts) * block;
            int end = (int)((long)blocks * (part + 1) / parts) * block;
            return (Math.Min(start, count), Math.Min(end, count));
        }
    }
}
