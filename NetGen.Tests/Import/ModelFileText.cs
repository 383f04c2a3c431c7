using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Tests.Import;

/// <summary>An AdditionalFiles item backed by a real file, as the compiler passes one (the generator reads model files by path).</summary>
public sealed class ModelFileText : AdditionalText
{
    public ModelFileText(string path) => Path = path;

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path));

    /// <summary>A fresh temporary directory for one test's model files.</summary>
    public static string NewDirectory()
    {
        string directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "netgen-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Writes F32 tensors as a safetensors file (the runtime's writer) and returns the item for it.</summary>
    public static ModelFileText Safetensors(string directory, string name, params (string Name, long[] Shape, float[] Values)[] tensors)
    {
        string path = System.IO.Path.Combine(directory, name);
        using (var stream = File.Create(path))
            CheckpointWriter.WriteFile(stream, tensors, new Dictionary<string, string>(StringComparer.Ordinal) { ["format"] = "pt" });
        return new ModelFileText(path);
    }

    /// <summary>A linear layer's PyTorch tensors (weight [units × inputs], bias), filled from <paramref name="start"/> upwards by 0.01.</summary>
    public static (string, long[], float[])[] Linear(string prefix, int inputs, int units, float start)
    {
        var weight = new float[units * inputs];
        for (int i = 0; i < weight.Length; i++) weight[i] = start + 0.01f * i;
        var bias = new float[units];
        for (int i = 0; i < units; i++) bias[i] = -start + 0.02f * i;
        return new (string, long[], float[])[] { (prefix + ".weight", new long[] { units, inputs }, weight), (prefix + ".bias", new long[] { units }, bias) };
    }
}
