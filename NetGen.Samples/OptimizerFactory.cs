using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen.Samples;

/// <summary>The optimizers the digits sample can train with, one per <c>--optimizer</c> name.</summary>
public enum OptimizerChoice
{
    /// <summary><c>sgd</c>: plain SGD (the default).</summary>
    Sgd,
    /// <summary><c>momentum</c>: SGD with momentum 0.9.</summary>
    Momentum,
    /// <summary><c>nesterov</c>: SGD with Nesterov momentum 0.9.</summary>
    Nesterov,
    /// <summary><c>adagrad</c>.</summary>
    AdaGrad,
    /// <summary><c>rmsprop</c>.</summary>
    RmsProp,
    /// <summary><c>adam</c>.</summary>
    Adam,
    /// <summary><c>adamw</c>, with the constructor's decoupled weight decay 0.01.</summary>
    AdamW,
    /// <summary><c>adamax</c>.</summary>
    AdaMax,
    /// <summary><c>nadam</c>.</summary>
    Nadam,
}

/// <summary>Turns an <see cref="OptimizerChoice"/> and a learning rate into a runtime optimizer.</summary>
public static class OptimizerFactory
{
    /// <summary>The momentum of the <c>momentum</c> and <c>nesterov</c> choices.</summary>
    public const float SgdMomentum = 0.9f;

    /// <summary>The learning rate of the SGD family when <c>--lr</c> is not given (the sample's historical default).</summary>
    public const float SgdLearningRate = 0.05f;

    private static readonly string[] NamesByChoice = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "adamax", "nadam"];

    /// <summary>The command-line names, indexed by <see cref="OptimizerChoice"/>.</summary>
    public static IReadOnlyList<string> Names => NamesByChoice;

    /// <summary>Reads a command-line name (case-insensitive).</summary>
    public static bool TryParse(string name, out OptimizerChoice choice)
    {
        int index = Array.IndexOf(NamesByChoice, name.ToLowerInvariant());
        choice = (OptimizerChoice)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>The command-line name of a choice.</summary>
    public static string Name(OptimizerChoice choice) => NamesByChoice[(int)choice];

    /// <summary>
    /// The rate used when <c>--lr</c> is not given: 0.05 for the SGD family, otherwise the
    /// constructor's own default (PyTorch's: AdaGrad 0.01, RMSprop 0.01, Adam 0.001, AdamW 0.001,
    /// AdaMax 0.002, Nadam 0.002; see docs/OPTIMIZERS.md).
    /// </summary>
    public static float DefaultLearningRate(OptimizerChoice choice) => choice switch
    {
        OptimizerChoice.Sgd or OptimizerChoice.Momentum or OptimizerChoice.Nesterov => SgdLearningRate,
        OptimizerChoice.AdaGrad => new AdaGrad().LearningRate,
        OptimizerChoice.RmsProp => new RmsProp().LearningRate,
        OptimizerChoice.Adam => new Adam().LearningRate,
        OptimizerChoice.AdamW => new AdamW().LearningRate,
        OptimizerChoice.AdaMax => new AdaMax().LearningRate,
        OptimizerChoice.Nadam => new Nadam().LearningRate,
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "Not a defined optimizer choice."),
    };

    /// <summary>A new optimizer of the chosen kind at <paramref name="learningRate"/>, every other hyperparameter at its default.</summary>
    public static IOptimizer Create(OptimizerChoice choice, float learningRate) => choice switch
    {
        OptimizerChoice.Sgd => new Sgd(learningRate),
        OptimizerChoice.Momentum => new Sgd(learningRate, SgdMomentum),
        OptimizerChoice.Nesterov => new Sgd(learningRate, SgdMomentum, nesterov: true),
        OptimizerChoice.AdaGrad => new AdaGrad(learningRate),
        OptimizerChoice.RmsProp => new RmsProp(learningRate),
        OptimizerChoice.Adam => new Adam(learningRate),
        OptimizerChoice.AdamW => new AdamW(learningRate),
        OptimizerChoice.AdaMax => new AdaMax(learningRate),
        OptimizerChoice.Nadam => new Nadam(learningRate),
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "Not a defined optimizer choice."),
    };

    /// <summary>How the header line names the optimizer, e.g. "SGD with Nesterov momentum 0.9, lr 0.05".</summary>
    public static string Describe(OptimizerChoice choice, float learningRate)
    {
        string name = choice switch
        {
            OptimizerChoice.Sgd => "SGD",
            OptimizerChoice.Momentum => "SGD with momentum 0.9,",
            OptimizerChoice.Nesterov => "SGD with Nesterov momentum 0.9,",
            OptimizerChoice.AdaGrad => "AdaGrad",
            OptimizerChoice.RmsProp => "RMSprop",
            OptimizerChoice.Adam => "Adam",
            OptimizerChoice.AdamW => "AdamW (weight decay 0.01),",
            OptimizerChoice.AdaMax => "AdaMax",
            OptimizerChoice.Nadam => "Nadam",
            _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "Not a defined optimizer choice."),
        };
        return string.Create(CultureInfo.InvariantCulture, $"{name} lr {learningRate}");
    }
}
