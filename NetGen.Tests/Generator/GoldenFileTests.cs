using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetGen.Tests.Generator;

/// <summary>
/// The generated source is part of the product: each case is compared with a committed file in
/// NetGen.Tests/Golden. Run with UPDATE_GOLDEN=1 to rewrite them after an intended change, then
/// review the diff. A missing or stale file fails.
/// </summary>
public class GoldenFileTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        {
            "Normalized", """
            using NetGen;
            namespace Tabular;
            [Network(Inputs = 6, Loss = Loss.BinaryCrossEntropy, Seed = 3)]
            [Normalization]
            [Dense(8, Act.Relu)]
            [BatchNorm]
            [Dense(1)]
            public partial class NormalizedNet;
            """
        },
        {
            "CompactForm", """
            using NetGen;
            namespace Samples;
            [Network(Inputs = 64, Loss = Loss.SoftmaxCrossEntropy, Seed = 42)]
            [Layers(128, 128, 10)]
            [Initializer(Init.HeNormal)]
            [Activation(Act.Relu)]
            public partial class DigitsNet;
            """
        },
        {
            "PerLayerForm", """
            using NetGen;
            namespace Samples.Deep
            {
                public partial class Models
                {
                    [Network(Inputs = 20, Loss = Loss.BinaryCrossEntropy)]
                    [Dense(100, Act.Selu, Init.LeCunNormal)]
                    [Dense(100, Act.Selu, Init.LeCunNormal, UseBias = false)]
                    [Dense(1)]
                    internal partial class SelfNormalizingNet
                    {
                        public SelfNormalizingNet() => Initialize(7);
                    }
                }
            }
            """
        },
        {
            "Regularized", """
            using NetGen;
            namespace Regularized;
            [Network(Inputs = 12, Loss = Loss.SoftmaxCrossEntropy, Seed = 5)]
            [Dense(16, Act.Relu, Init.HeNormal)]
            [BatchNorm]
            [Dropout(0.2)]
            [Dense(8, Act.Tanh, L2 = 0.01, MaxNorm = 3)]
            [BatchNorm(Placement = BatchNormPlacement.AfterActivation, Momentum = 0.9, Center = false)]
            [Dense(8, Act.Selu, Init.LeCunNormal, L1 = 0.001)]
            [AlphaDropout(0.1)]
            [Dense(4)]
            public partial class RegularizedNet;
            """
        },
        {
            "EveryActivation", """
            using NetGen;
            [Network(Inputs = 5, Loss = Loss.MeanSquaredError, Seed = 1)]
            [Dense(4, Act.Linear)]
            [Dense(4, Act.Sigmoid, Init.RandomNormal, StdDev = 1.0)]
            [Dense(4, Act.Tanh, Init.GlorotNormal)]
            [Dense(4, Act.Relu, Init.HeUniform)]
            [Dense(4, Act.LeakyRelu, Init.HeNormal, Alpha = 0.3)]
            [Dense(4, Act.Elu, Init.VarianceScaling, Scale = 2.0, Mode = FanMode.FanAvg, Distribution = Distribution.Uniform)]
            [Dense(4, Act.Selu, Init.LeCunNormal)]
            [Dense(4, Act.Gelu, Init.LeCunUniform)]
            [Dense(4, Act.Silu, Init.Ones)]
            [Dense(4, Act.Softplus, Init.Constant, Value = 0.25, BiasInitializer = Init.Constant, BiasValue = 0.1)]
            [Dense(3, Act.Tanh, Init.Zeros)]
            public partial class EveryActivationNet;
            """
        },
        {
            "EveryLoss", """
            using NetGen;
            namespace Losses;
            [Network(Inputs = 3, Loss = Loss.SoftmaxCrossEntropy, Seed = 1)] [Layers(4, 3)] public partial class Sparse;
            [Network(Inputs = 3, Loss = Loss.CategoricalCrossEntropy, Seed = 1)] [Layers(4, 3)] public partial class OneHot;
            [Network(Inputs = 3, Loss = Loss.BinaryCrossEntropy, Seed = 1)] [Layers(4, 2)] public partial class MultiLabel;
            [Network(Inputs = 3, Loss = Loss.MeanSquaredError, Seed = 1)] [Layers(4, 2, UseBias = false)] public partial class Regression;
            """
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_source_matches_the_golden_file(string name, string source)
    {
        var run = GeneratorHarness.Run(source);
        // Design advice is allowed (EveryActivation pairs GELU with LeCun kernels on purpose, NG0023); anything else is not.
        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal("NetGen.Design", d.Descriptor.Category));
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.NotEmpty(run.Sources);

        foreach (var (hintName, text) in run.Sources)
        {
            string actual = Scrub(text);
            string path = Path.Combine(GoldenDirectory(), name + "." + hintName.Replace(".g.cs", ".txt"));
            if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
            {
                File.WriteAllText(path, actual);
                continue;
            }
            Assert.True(File.Exists(path), $"Missing golden file {path}; run the tests with UPDATE_GOLDEN=1 and review it.");
            Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
        }
    }

    [Fact]
    public void Every_golden_file_belongs_to_a_case()
    {
        var expected = Cases().Select(row => (string)row[0]).ToHashSet();
        foreach (var file in Directory.GetFiles(GoldenDirectory(), "*.txt"))
            Assert.Contains(Path.GetFileName(file).Split('.')[0], expected);
    }

    [Fact]
    public void Output_is_deterministic()
    {
        foreach (var row in Cases())
        {
            var first = GeneratorHarness.Run((string)row[1]).Sources;
            var second = GeneratorHarness.Run((string)row[1]).Sources;
            Assert.Equal(first.ToArray(), second.ToArray());
        }
    }

    /// <summary>The generator's version changes with every release; the golden files should not.</summary>
    private static string Scrub(string text)
        => Regex.Replace(text, "GeneratedCode\\(\"NetGen.Generator\", \"[^\"]*\"\\)", "GeneratedCode(\"NetGen.Generator\", \"<version>\")");

    public static string GoldenDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NetGen.sln")))
            directory = directory.Parent;
        if (directory is null) throw new InvalidOperationException("NetGen.sln not found above " + AppContext.BaseDirectory);
        return Path.Combine(directory.FullName, "NetGen.Tests", "Golden");
    }
}
