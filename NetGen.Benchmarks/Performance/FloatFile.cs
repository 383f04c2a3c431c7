using System;
using System.IO;
using System.Runtime.InteropServices;

namespace NetGen.Benchmarks.Performance;

/// <summary>
/// Raw little-endian float32 arrays on disk: how the benchmark hands a peer process the inputs and NetGen's expected
/// outputs of a workload (beside the exported <c>.onnx</c> model), so both sides compute on the same numbers.
/// </summary>
internal static class FloatFile
{
    public static void Write(string path, ReadOnlySpan<float> values) => File.WriteAllBytes(path, MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>The floats of <paramref name="path"/>; an error naming the file when its length is not a whole number of floats.</summary>
    public static float[] Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length % sizeof(float) != 0) throw new InvalidDataException($"{path}: {bytes.Length} bytes is not a whole number of float32 values");
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }
}
