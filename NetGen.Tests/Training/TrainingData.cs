using System;

namespace NetGen.Tests.Training;

/// <summary>Small synthetic data sets the training tests share, each reproducible from its seed.</summary>
internal static class TrainingData
{
    /// <summary>7 standard-normal inputs → 2 smooth targets in (0, 1), for the regression network of SmokeNetworks.</summary>
    public static (float[] Inputs, float[] Targets) Regression(int samples, int seed)
    {
        var random = new NetGenRandom(seed);
        var inputs = new float[samples * 7];
        var targets = new float[samples * 2];
        for (int s = 0; s < samples; s++)
        {
            double sum = 0;
            for (int f = 0; f < 7; f++) sum += inputs[s * 7 + f] = (float)random.NextNormal();
            targets[s * 2] = (float)(1 / (1 + Math.Exp(-sum / 3)));
            targets[s * 2 + 1] = (float)(1 / (1 + Math.Exp(-inputs[s * 7])));
        }
        return (inputs, targets);
    }

    /// <summary>
    /// Gaussian blobs: sample s has class s mod <paramref name="classes"/> and standard-normal features,
    /// the feature with its class's index shifted by <paramref name="shift"/>.
    /// </summary>
    public static (float[] Inputs, float[] Targets) Blobs(int samples, int features, int classes, float shift, int seed)
    {
        var random = new NetGenRandom(seed);
        var inputs = new float[samples * features];
        var targets = new float[samples];
        for (int s = 0; s < samples; s++)
        {
            int label = s % classes;
            targets[s] = label;
            for (int f = 0; f < features; f++) inputs[s * features + f] = (float)random.NextNormal() + (f == label ? shift : 0f);
        }
        return (inputs, targets);
    }
}
