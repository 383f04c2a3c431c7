using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace NetGen.Tests.Optimizers;

/// <summary>
/// The PyTorch reference data written by tools/reference/optimizers.py, and a factory that builds
/// the matching NetGen optimizer from a case's torch.optim keyword arguments.
/// </summary>
internal static class OptimizerFixture
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "optimizers.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static float[] Initial => Floats(Root.GetProperty("initial"));

    public static float[][] Gradients => Root.GetProperty("gradients").EnumerateArray().Select(Floats).ToArray();

    public static IEnumerable<string> CaseNames => Root.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!);

    public static IEnumerable<string> ClippingNames => Root.GetProperty("clipping").EnumerateArray().Select(c => c.GetProperty("name").GetString()!);

    public static JsonElement Case(string name) => Find("cases", name);

    public static JsonElement Clipping(string name) => Find("clipping", name);

    public static float[] Floats(JsonElement array) => array.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    /// <summary>
    /// Builds the optimizer of a case. An option the case leaves out falls back to the NetGen
    /// default, so cases that rely on PyTorch's defaults also check that ours are the same.
    /// </summary>
    public static IOptimizer Create(string name)
    {
        var testCase = Case(name);
        var options = testCase.GetProperty("options");
        float Get(string key, float fallback) => options.TryGetProperty(key, out var v) ? (float)v.GetDouble() : fallback;
        bool Flag(string key) => options.TryGetProperty(key, out var v) && v.GetBoolean();
        float Beta(int index, float fallback) => options.TryGetProperty("betas", out var v) ? (float)v[index].GetDouble() : fallback;
        switch (testCase.GetProperty("optimizer").GetString())
        {
            case "SGD":
            {
                var d = new Sgd();
                return new Sgd(Get("lr", d.LearningRate), Get("momentum", d.Momentum), Flag("nesterov"), Get("weight_decay", d.WeightDecay));
            }
            case "Adagrad":
            {
                var d = new AdaGrad();
                return new AdaGrad(Get("lr", d.LearningRate), Get("initial_accumulator_value", d.InitialAccumulatorValue), Get("eps", d.Epsilon), Get("weight_decay", d.WeightDecay));
            }
            case "RMSprop":
            {
                var d = new RmsProp();
                return new RmsProp(Get("lr", d.LearningRate), Get("alpha", d.Alpha), Get("eps", d.Epsilon), Get("momentum", d.Momentum), Flag("centered"), Get("weight_decay", d.WeightDecay));
            }
            case "Adam":
            {
                var d = new Adam();
                return new Adam(Get("lr", d.LearningRate), Beta(0, d.Beta1), Beta(1, d.Beta2), Get("eps", d.Epsilon), Get("weight_decay", d.WeightDecay), Flag("amsgrad"));
            }
            case "Adamax":
            {
                var d = new AdaMax();
                return new AdaMax(Get("lr", d.LearningRate), Beta(0, d.Beta1), Beta(1, d.Beta2), Get("eps", d.Epsilon), Get("weight_decay", d.WeightDecay));
            }
            case "NAdam":
            {
                var d = new Nadam();
                return new Nadam(Get("lr", d.LearningRate), Beta(0, d.Beta1), Beta(1, d.Beta2), Get("eps", d.Epsilon), Get("weight_decay", d.WeightDecay), Get("momentum_decay", d.MomentumDecay));
            }
            case "AdamW":
            {
                var d = new AdamW();
                return new AdamW(Get("lr", d.LearningRate), Beta(0, d.Beta1), Beta(1, d.Beta2), Get("eps", d.Epsilon), Get("weight_decay", d.WeightDecay), Flag("amsgrad"));
            }
            default:
                throw new InvalidOperationException($"No NetGen optimizer for torch.optim.{testCase.GetProperty("optimizer").GetString()}.");
        }
    }

    private static JsonElement Find(string list, string name)
        => Root.GetProperty(list).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
}
