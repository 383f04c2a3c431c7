using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen.Benchmarks.Performance;

/// <summary>
/// What the child processes run on, written once per run into a fresh temporary folder: for each workload, the
/// network as NetGen's inference measurements use it (<c>Initialize(1)</c>), exported by <see cref="OnnxExporter"/>
/// (<c>W.onnx</c>) and saved as a checkpoint (<c>W.safetensors</c>, the cold-start binary's weights), 256
/// standard-normal input rows (<c>W.input.bin</c>) and NetGen's batch-256 outputs for them (<c>W.expected.bin</c>),
/// which the ONNX Runtime peer must reproduce before it times anything.
/// </summary>
internal static class PeerFiles
{
    public const int Rows = 256;

    /// <summary>Writes the files of <paramref name="workloads"/> into a fresh folder of this process and returns it.</summary>
    public static string Write(IEnumerable<Workload> workloads) =>
        Write(workloads, Path.Combine(Path.GetTempPath(), $"netgen-bench-{Environment.ProcessId}"));

    /// <summary>Writes the files of <paramref name="workloads"/> into <paramref name="dir"/> (created if absent).</summary>
    public static string Write(IEnumerable<Workload> workloads, string dir)
    {
        Directory.CreateDirectory(dir);
        var random = new Random(11);
        foreach (var w in workloads)
        {
            var net = w.Create();
            net.Initialize(1);
            var inputs = new float[Rows * net.InputSize];
            for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextGaussian();
            var outputs = new float[Rows * net.OutputSize];
            net.Predict(inputs, outputs, Rows);
            OnnxExporter.Save(net, Path.Combine(dir, w.Name + ".onnx"));
            Checkpoint.Save(Path.Combine(dir, w.Name + ".safetensors"), net);
            FloatFile.Write(Path.Combine(dir, w.Name + ".input.bin"), inputs);
            FloatFile.Write(Path.Combine(dir, w.Name + ".expected.bin"), outputs);
        }
        return dir;
    }

    /// <summary>Removes the folder; a failure to do so is not worth failing a finished run over.</summary>
    public static void Delete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
