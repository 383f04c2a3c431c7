using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Microsoft.ML.OnnxRuntime;
using NetGen.Benchmarks.Performance;

namespace NetGen.Benchmarks.OnnxRuntime;

/// <summary>
/// One workload's exported model with its inputs and NetGen's outputs, run the fastest way the C# API offers here
/// (DESIGN.md §5): <c>RunWithBinding</c> with inputs and outputs bound once to <see cref="OrtValue"/>s over pinned,
/// preallocated arrays, so a call allocates no managed memory and copies nothing. Batch-1 calls cycle over the 256
/// rows as NetGen's do, one binding per row (all writing the same output), so no row is copied before a call.
/// </summary>
internal sealed class OrtModel
{
    /// <summary>Rows of the inputs file: the batch of the throughput figure.</summary>
    public const int Rows = 256;

    /// <summary>Outputs must agree within this, relative to the larger magnitude (values below 1e-6 compared absolutely).</summary>
    public const double Tolerance = 1e-4;

    private readonly string _modelPath;
    private readonly float[] _inputs;
    private readonly float[] _expected;
    private readonly int _inputSize;
    private readonly int _outputSize;

    private OrtModel(string modelPath, float[] inputs, float[] expected)
    {
        _modelPath = modelPath;
        _inputs = inputs;
        _expected = expected;
        _inputSize = inputs.Length / Rows;
        _outputSize = expected.Length / Rows;
    }

    /// <summary>The largest relative difference from NetGen's outputs found by <see cref="Check"/>.</summary>
    public double MaxRelativeError { get; private set; }

    public static OrtModel Load(string dir, string workload)
    {
        var model = new OrtModel(Path.Combine(dir, workload + ".onnx"), FloatFile.Read(Path.Combine(dir, workload + ".input.bin")), FloatFile.Read(Path.Combine(dir, workload + ".expected.bin")));
        if (model._inputSize * Rows != model._inputs.Length || model._outputSize * Rows != model._expected.Length || model._outputSize == 0)
            throw new InvalidDataException($"{dir}: the {workload} inputs or expected outputs are not {Rows} rows");
        return model;
    }

    /// <summary>
    /// ORT's session for <paramref name="threads"/> intra-op threads: one inter-op thread, sequential execution (a chain of
    /// Gemms has nothing to run in parallel), every graph optimization.
    /// </summary>
    public static SessionOptions Options(int threads) => new()
    {
        IntraOpNumThreads = threads,
        InterOpNumThreads = 1,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
    };

    /// <summary>Null when batch 256 and every batch-1 row match NetGen's outputs; otherwise where and by how much they differ.</summary>
    public string? Check()
    {
        using var options = Options(1);
        using var session = new InferenceSession(_modelPath, options);
        using var runOptions = new RunOptions();
        var output = new float[Rows * _outputSize];
        using (var batch = new Bound(session, _inputs, Rows, _inputSize, output, _outputSize))
            session.RunWithBinding(runOptions, batch.Binding);
        var mismatch = Compare(output, "batch 256");
        if (mismatch is not null) return mismatch;
        Array.Clear(output);
        for (int row = 0; row < Rows; row++)
        {
            using var single = new Bound(session, _inputs.AsMemory(row * _inputSize, _inputSize), 1, _inputSize, output.AsMemory(row * _outputSize, _outputSize), _outputSize);
            session.RunWithBinding(runOptions, single.Binding);
        }
        return Compare(output, "batch 1");
    }

    private string? Compare(float[] actual, string what)
    {
        for (int i = 0; i < actual.Length; i++)
        {
            double a = actual[i], e = _expected[i];
            double error = Math.Abs(a - e) / Math.Max(Math.Max(Math.Abs(a), Math.Abs(e)), 1e-6);
            if (!(error <= Tolerance)) return $"{what}, row {i / _outputSize}, output {i % _outputSize}: ONNX Runtime {a:R}, NetGen {e:R} (relative difference {error:G3}, allowed {Tolerance})";
            MaxRelativeError = Math.Max(MaxRelativeError, error);
        }
        return null;
    }

    /// <summary>Batch-1 latency (µs) and batch-256 throughput (samples/s) at <paramref name="threads"/> intra-op threads.</summary>
    public (double Batch1Microseconds, double Batch256PerSecond) Measure(int threads)
    {
        using var options = Options(threads);
        using var session = new InferenceSession(_modelPath, options);
        using var runOptions = new RunOptions();
        var output = new float[Rows * _outputSize];
        var rows = new Bound[Rows];
        for (int row = 0; row < Rows; row++) rows[row] = new Bound(session, _inputs.AsMemory(row * _inputSize, _inputSize), 1, _inputSize, output.AsMemory(0, _outputSize), _outputSize);
        try
        {
            double single = Harness.CallsPerSecond(i => session.RunWithBinding(runOptions, rows[i % Rows].Binding));
            using var batch = new Bound(session, _inputs, Rows, _inputSize, output, _outputSize);
            double batched = Harness.CallsPerSecond(_ => session.RunWithBinding(runOptions, batch.Binding)) * Rows;
            return (1e6 / single, batched);
        }
        finally
        {
            foreach (var bound in rows) bound.Dispose();
        }
    }

    /// <summary>
    /// One shared session (1 intra-op thread: the callers are the parallelism) called from <paramref name="callers"/>
    /// threads. <c>Run</c> on one session is thread-safe in ORT; an <see cref="OrtIoBinding"/> is not shared, so each
    /// caller has its own binding, input, output and <see cref="RunOptions"/>: the same zero-allocation path as above.
    /// </summary>
    public ServingFigures Serve(int callers, double seconds)
    {
        using var options = Options(1);
        using var session = new InferenceSession(_modelPath, options);
        var bound = new List<(Bound Io, RunOptions Run)>();
        try
        {
            for (int c = 0; c < callers; c++)
            {
                var input = _inputs.AsSpan((c % Rows) * _inputSize, _inputSize).ToArray();
                bound.Add((new Bound(session, input, 1, _inputSize, new float[_outputSize], _outputSize), new RunOptions()));
            }
            return ServingLoad.Run(callers, seconds, c =>
            {
                var (io, run) = bound[c];
                return () => session.RunWithBinding(run, io.Binding);
            });
        }
        finally
        {
            foreach (var (io, run) in bound)
            {
                io.Dispose();
                run.Dispose();
            }
        }
    }

    /// <summary>
    /// What a process that serves this model pays before its first answer: session creation (parsing, graph
    /// optimization, kernel selection) and the first run, in ms since <paramref name="sinceMain"/> started.
    /// </summary>
    public static (double SessionMs, double FirstOutputMs, float Output0) ColdStart(string dir, string workload, Stopwatch sinceMain)
    {
        var inputs = FloatFile.Read(Path.Combine(dir, workload + ".input.bin"));
        var expected = FloatFile.Read(Path.Combine(dir, workload + ".expected.bin"));
        int inputSize = inputs.Length / Rows, outputSize = expected.Length / Rows;
        using var options = Options(1);
        using var session = new InferenceSession(Path.Combine(dir, workload + ".onnx"), options);
        double sessionMs = sinceMain.Elapsed.TotalMilliseconds;
        var output = new float[outputSize];
        using var runOptions = new RunOptions();
        using var single = new Bound(session, inputs.AsMemory(0, inputSize), 1, inputSize, output, outputSize);
        session.RunWithBinding(runOptions, single.Binding);
        return (sessionMs, sinceMain.Elapsed.TotalMilliseconds, output[0]);
    }

    /// <summary>An input and an output <see cref="OrtValue"/> over caller-owned memory (pinned while bound), bound once.</summary>
    private sealed class Bound : IDisposable
    {
        private readonly OrtValue _input;
        private readonly OrtValue _output;

        public Bound(InferenceSession session, Memory<float> input, int rows, int inputSize, Memory<float> output, int outputSize)
        {
            _input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input, new long[] { rows, inputSize });
            _output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, output, new long[] { rows, outputSize });
            Binding = session.CreateIoBinding();
            Binding.BindInput("input", _input);
            Binding.BindOutput("output", _output);
        }

        public OrtIoBinding Binding { get; }

        public void Dispose()
        {
            Binding.Dispose();
            _input.Dispose();
            _output.Dispose();
        }
    }
}
