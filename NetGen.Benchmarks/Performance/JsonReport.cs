using System.IO;
using System.Text;
using System.Text.Json;

namespace NetGen.Benchmarks.Performance;

/// <summary>
/// <c>--json</c>: one line per workload × threads. The machine's figures (CPU, peaks, bandwidths) repeat on every
/// line so each line stands alone; serving and cold start, measured once per workload, ride on its 1-thread line.
/// A figure that was not measured is null. docs/PERFORMANCE.md lists the keys.
/// </summary>
internal static class JsonReport
{
    public static void Write(TextWriter output, RunResults r)
    {
        foreach (var w in r.Workloads)
            foreach (int t in r.Threads)
            {
                using var buffer = new MemoryStream();
                using (var j = new Utf8JsonWriter(buffer))
                {
                    var work = r.Work[w.Name];
                    var n = r.NetGen[(w.Name, t)];
                    j.WriteStartObject();
                    j.WriteString("workload", w.Name);
                    j.WriteNumber("threads", t);
                    j.WriteNumber("batch", w.Batch);
                    j.WriteNumber("params", work.Parameters);
                    j.WriteNumber("train_flops_per_sample", work.TrainingFlopsPerSample);
                    Number(j, "train_sgd_sps", n.TrainSgd);
                    Number(j, "train_adam_sps", n.TrainAdam);
                    Number(j, "train_sgd_gflops", n.TrainSgd * work.TrainingFlopsPerSample / 1e9);
                    Number(j, "infer_b1_us", n.InferBatch1Microseconds);
                    Number(j, "infer_b256_sps", n.InferBatch256);
                    j.WriteNumber("weight_bytes", work.WeightBytes);
                    j.WriteString("weight_level", r.WeightLevel(w.Name).Name);
                    // The bound is a 1-thread figure (one core's bandwidth and peak).
                    Number(j, "b1_bound_us", t == 1 ? r.Batch1BoundMicroseconds(w.Name) : double.NaN);
                    Number(j, "b1_over_bound", t == 1 ? n.InferBatch1Microseconds / r.Batch1BoundMicroseconds(w.Name) : double.NaN);
                    if (t == 1 && r.Aot is { } aot && aot.OneThread.TryGetValue(w.Name, out var a))
                    {
                        // The same four figures from the NativeAOT binary, and AOT speed ÷ JIT speed for each.
                        j.WriteStartObject("netgen_aot");
                        AotFigures(j, a, n);
                        j.WriteString("kernels", aot.Binary.Kernels.ToString());
                        j.WriteString("jit_kernels", aot.Jit.ToString());
                        j.WriteEndObject();
                        if (aot.Jit256.TryGetValue(w.Name, out var g))
                        {
                            // The JIT with AVX-512 off: the AOT binary's kernels under the JIT; ratios AOT ÷ this.
                            j.WriteStartObject("netgen_jit_avx512_off");
                            FourFigures(j, g);
                            Ratios(j, "aot_", a, g);
                            j.WriteString("kernels", aot.Jit256Kernels?.ToString());
                            j.WriteEndObject();
                        }
                        if (aot.OneThreadAvx512.TryGetValue(w.Name, out var v))
                        {
                            // The x86-64-v4 build (AVX-512 kernels); ratios AOT v4 speed ÷ JIT speed.
                            j.WriteStartObject("netgen_aot_v4");
                            AotFigures(j, v, n);
                            j.WriteString("kernels", aot.Avx512Binary?.Kernels.ToString());
                            j.WriteEndObject();
                        }
                    }
                    if (t == r.Threads[0] && r.Aot is { } binary)
                    {
                        j.WriteStartObject("netgen_aot_binary");
                        Number(j, "publish_s", binary.Binary.PublishSeconds);
                        j.WriteNumber("bytes", binary.Binary.Bytes);
                        j.WriteString("embedded", string.Join(",", binary.Binary.Embedded));
                        j.WriteEndObject();
                    }
                    j.WriteStartObject("peers");
                    foreach (var p in r.Peers)
                    {
                        var f = p.Of(w.Name, t);
                        j.WriteStartObject(p.Name);
                        Number(j, "train_sgd_sps", f.TrainSgd);
                        Number(j, "train_adam_sps", f.TrainAdam);
                        Number(j, "infer_b1_us", f.InferBatch1Microseconds);
                        Number(j, "infer_b256_sps", f.InferBatch256);
                        j.WriteEndObject();
                    }
                    j.WriteEndObject();
                    Number(j, "peak_gflops", r.PeakWide[t]);
                    Number(j, "peak256_gflops", r.Peak256[t]);
                    foreach (var level in r.Levels) Number(j, $"bandwidth_{level.Name.ToLowerInvariant()}_gbs", level.GigabytesPerSecond);
                    j.WriteString("cpu", r.Cpu.ModelName);
                    j.WriteNumber("cpu_family", r.Cpu.Family);
                    j.WriteNumber("cpu_model", r.Cpu.Model);
                    j.WriteString("cpu_class", r.Cpu.CoreClass);
                    if (t == r.Threads[0])
                    {
                        if (r.NetGenServing.TryGetValue(w.Name, out var serving)) Serving(j, "serving", serving);
                        foreach (var p in r.Peers)
                            if (p.Serving.TryGetValue(w.Name, out var peerServing)) Serving(j, $"serving_{p.Name}", peerServing);
                        if (r.ColdStart.TryGetValue(w.Name, out var cold))
                        {
                            j.WriteStartObject("cold_start_ms");
                            j.WriteNumber("launches", cold.Launches);
                            Number(j, "netgen_aot", cold.NetGenAotMs);
                            j.WriteString("netgen_aot_weights", cold.NetGenWeights);
                            Number(j, "netgen_aot_embedded", cold.NetGenEmbeddedMs);
                            Number(j, "netgen_aot_file", cold.NetGenFileMs);
                            Number(j, "onnxruntime_process", cold.OrtProcessMs);
                            Number(j, "onnxruntime_main_to_session", cold.OrtSessionMs);
                            Number(j, "onnxruntime_main_to_first_output", cold.OrtFirstOutputMs);
                            j.WriteEndObject();
                        }
                    }
                    j.WriteEndObject();
                }
                output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
            }
    }

    private static void Serving(Utf8JsonWriter j, string name, ServingFigures s)
    {
        j.WriteStartObject(name);
        j.WriteNumber("callers", s.Callers);
        Number(j, "seconds", s.Seconds);
        j.WriteNumber("calls", s.Calls);
        Number(j, "calls_per_s", s.CallsPerSecond);
        Number(j, "p50_us", s.P50Microseconds);
        Number(j, "p99_us", s.P99Microseconds);
        Number(j, "p999_us", s.P999Microseconds);
        Number(j, "max_us", s.MaxMicroseconds);
        j.WriteNumber("caller_alloc_bytes", s.CallerAllocatedBytes);
        j.WriteNumber("process_alloc_bytes", s.ProcessAllocatedBytes);
        j.WriteEndObject();
    }

    /// <summary>An AOT binary's four figures and each as AOT speed ÷ JIT speed (for latency, JIT µs ÷ AOT µs).</summary>
    private static void AotFigures(Utf8JsonWriter j, Figures aot, Figures jit)
    {
        FourFigures(j, aot);
        Ratios(j, "", aot, jit);
    }

    private static void FourFigures(Utf8JsonWriter j, Figures f)
    {
        Number(j, "train_sgd_sps", f.TrainSgd);
        Number(j, "train_adam_sps", f.TrainAdam);
        Number(j, "infer_b1_us", f.InferBatch1Microseconds);
        Number(j, "infer_b256_sps", f.InferBatch256);
    }

    /// <summary>Speed of <paramref name="measured"/> ÷ speed of <paramref name="reference"/> for each figure (for latency, reference µs ÷ measured µs).</summary>
    private static void Ratios(Utf8JsonWriter j, string prefix, Figures measured, Figures reference)
    {
        Number(j, prefix + "train_sgd_ratio", measured.TrainSgd / reference.TrainSgd);
        Number(j, prefix + "train_adam_ratio", measured.TrainAdam / reference.TrainAdam);
        Number(j, prefix + "infer_b1_ratio", reference.InferBatch1Microseconds / measured.InferBatch1Microseconds);
        Number(j, prefix + "infer_b256_ratio", measured.InferBatch256 / reference.InferBatch256);
    }

    private static void Number(Utf8JsonWriter j, string name, double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) j.WriteNull(name);
        else j.WriteNumber(name, System.Math.Round(value, 3));
    }
}
