using System;
using System.Diagnostics;
using System.IO;
using NetGen;
using NetGen.Samples.Scale;

// Predicts the digits with the network trained elsewhere (tools/scale/train_ddp.py) and compiled in.
// The held-out rows are the training script's: every 4th row (index % 4 == 0). The graph standardizes the
// pixels itself, so the raw CSV values go in unchanged.
string path = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz");
LabeledDataset data = CsvLoader.Load(path);
if (data.FeatureCount != ScaledDigitsNet.InputSize)
{
    Console.Error.WriteLine($"{path} has {data.FeatureCount} features per row; the model takes {ScaledDigitsNet.InputSize}.");
    return 1;
}

var network = new ScaledDigitsNet();
var probabilities = new float[data.Count * ScaledDigitsNet.OutputSize];
long start = Stopwatch.GetTimestamp();
network.Predict(data.Features, probabilities, data.Count);
TimeSpan elapsed = Stopwatch.GetElapsedTime(start);

int heldOut = 0, heldOutCorrect = 0, correct = 0;
for (int row = 0; row < data.Count; row++)
{
    ReadOnlySpan<float> p = probabilities.AsSpan(row * ScaledDigitsNet.OutputSize, ScaledDigitsNet.OutputSize);
    int predicted = 0;
    for (int k = 1; k < p.Length; k++)
    {
        if (p[k] > p[predicted]) predicted = k;
    }
    bool hit = predicted == data.Labels[row];
    correct += hit ? 1 : 0;
    if (row % 4 == 0)
    {
        heldOut++;
        heldOutCorrect += hit ? 1 : 0;
    }
}

Console.WriteLine($"ScaledDigitsNet ({ScaledDigitsNet.ParameterCount} parameters, embedded from digits-ddp.onnx)");
Console.WriteLine($"held-out accuracy {heldOutCorrect / (double)heldOut:P2} ({heldOutCorrect}/{heldOut}); all rows {correct / (double)data.Count:P2}");
Console.WriteLine($"predicted {data.Count} rows in {elapsed.TotalMilliseconds:F2} ms");
return 0;
