using System;
using System.IO;
using NetGen.Samples;
using Xunit;

namespace NetGen.Tests.Samples;

/// <summary>The main job, run exactly as the README's command runs it (default settings, shipped data).</summary>
public class DigitsSampleTests
{
    // The default run: 1,347 training samples in batches of 32 is 43 steps per epoch, 2,580 in 60 epochs.
    private const int StepsPerEpoch = 43;
    private const long DefaultSteps = 60L * StepsPerEpoch;

    [Fact]
    public void The_default_run_reaches_97_percent_on_the_held_out_split()
    {
        // The full default budget takes well under two seconds, so the test runs it unabridged.
        var result = DigitsClassifier.Run(DigitsSettings.Default, TextWriter.Null);

        Assert.True(result.TestAccuracy >= 0.97, $"test accuracy {result.TestAccuracy:P2} is below the 97 % bar");
        Assert.Equal(DigitsSettings.Default.Epochs, result.History.Epochs.Count);
        Assert.Equal(1347L * DigitsSettings.Default.Epochs, result.History.SamplesSeen);
    }

    [Theory]
    [InlineData("--epochs 0")]
    [InlineData("--lr -1")]
    [InlineData("--lr NaN")]
    [InlineData("--batch")]
    [InlineData("--unknown 3")]
    [InlineData("--lr 0")]
    [InlineData("--lr Infinity")]
    [InlineData("--seed x")]
    [InlineData("--optimizer")]
    [InlineData("--optimizer foo")]
    [InlineData("--optimizer sgd-momentum")]
    [InlineData("--schedule")]
    [InlineData("--schedule linear")]
    [InlineData("--schedule 1cycle")]
    [InlineData("--early-stopping 0")]
    [InlineData("--early-stopping -3")]
    [InlineData("--early-stopping 2.5")]
    [InlineData("--early-stopping")]
    [InlineData("--clip-norm 0")]
    [InlineData("--clip-norm -1")]
    [InlineData("--clip-norm NaN")]
    [InlineData("--clip-norm Infinity")]
    [InlineData("--clip-norm x")]
    [InlineData("--optimizer adam --schedule")]
    public void Bad_arguments_are_refused(string commandLine)
    {
        string[] args = commandLine.Split(' ');
        var error = Console.Error;
        try
        {
            Console.SetError(TextWriter.Null);
            Assert.Null(DigitsSettings.Parse(args));
        }
        finally
        {
            Console.SetError(error);
        }
    }

    [Fact]
    public void A_bad_choice_names_the_valid_ones()
    {
        var error = Console.Error;
        var captured = new StringWriter();
        try
        {
            Console.SetError(captured);
            Assert.Null(DigitsSettings.Parse(new[] { "--optimizer", "lion" }));
        }
        finally
        {
            Console.SetError(error);
        }
        Assert.Contains("unknown optimizer 'lion'", captured.ToString());
        Assert.Contains("sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, adamax, nadam", captured.ToString());
    }

    [Fact]
    public void Arguments_override_the_defaults()
    {
        var settings = DigitsSettings.Parse(new[] { "--epochs", "5", "--batch", "16", "--lr", "0.1", "--seed", "3", "--data", "x.csv" });
        Assert.Equal(new DigitsSettings(5, 16, 0.1f, 3, "x.csv"), settings);
    }

    [Fact]
    public void No_arguments_keep_plain_sgd_at_0_05_with_a_constant_rate()
    {
        var settings = DigitsSettings.Parse(Array.Empty<string>());

        Assert.Equal(DigitsSettings.Default, settings);
        Assert.Equal(new DigitsSettings(60, 32, null, 42, null, OptimizerChoice.Sgd, ScheduleChoice.None, null, null), settings);
        Assert.Equal(0.05f, settings!.EffectiveLearningRate);
        var optimizer = Assert.IsType<Sgd>(OptimizerFactory.Create(settings.Optimizer, settings.EffectiveLearningRate));
        Assert.Equal((0.05f, 0f, false, 0f), (optimizer.LearningRate, optimizer.Momentum, optimizer.Nesterov, optimizer.WeightDecay));
        var schedule = ScheduleFactory.Create(settings.Schedule, settings.EffectiveLearningRate, settings.Epochs, StepsPerEpoch);
        Assert.Null(schedule.Schedule);
        Assert.Null(schedule.Plateau);
    }

    [Fact]
    public void The_new_options_are_parsed()
    {
        var settings = DigitsSettings.Parse(new[] { "--optimizer", "nadam", "--schedule", "cosine", "--lr", "0.003", "--early-stopping", "7", "--clip-norm", "1.5" });

        Assert.Equal(DigitsSettings.Default with
        {
            Optimizer = OptimizerChoice.Nadam, Schedule = ScheduleChoice.Cosine, LearningRate = 0.003f, EarlyStoppingPatience = 7, ClipNorm = 1.5f,
        }, settings);
        Assert.Equal(0.003f, settings!.EffectiveLearningRate);
    }

    [Theory]
    [InlineData("sgd", OptimizerChoice.Sgd)]
    [InlineData("SGD", OptimizerChoice.Sgd)]
    [InlineData("momentum", OptimizerChoice.Momentum)]
    [InlineData("nesterov", OptimizerChoice.Nesterov)]
    [InlineData("adagrad", OptimizerChoice.AdaGrad)]
    [InlineData("rmsprop", OptimizerChoice.RmsProp)]
    [InlineData("adam", OptimizerChoice.Adam)]
    [InlineData("AdamW", OptimizerChoice.AdamW)]
    [InlineData("adamax", OptimizerChoice.AdaMax)]
    [InlineData("nadam", OptimizerChoice.Nadam)]
    public void Every_optimizer_name_is_parsed(string name, OptimizerChoice expected)
    {
        Assert.Equal(expected, DigitsSettings.Parse(new[] { "--optimizer", name })!.Optimizer);
        Assert.Equal(name.ToLowerInvariant(), OptimizerFactory.Name(expected));
    }

    [Theory]
    [InlineData("none", ScheduleChoice.None)]
    [InlineData("exponential", ScheduleChoice.Exponential)]
    [InlineData("piecewise", ScheduleChoice.Piecewise)]
    [InlineData("power", ScheduleChoice.Power)]
    [InlineData("Cosine", ScheduleChoice.Cosine)]
    [InlineData("onecycle", ScheduleChoice.OneCycle)]
    [InlineData("plateau", ScheduleChoice.Plateau)]
    public void Every_schedule_name_is_parsed(string name, ScheduleChoice expected)
    {
        Assert.Equal(expected, DigitsSettings.Parse(new[] { "--schedule", name })!.Schedule);
        Assert.Equal(name.ToLowerInvariant(), ScheduleFactory.Name(expected));
    }

    [Theory]
    [InlineData("sgd", typeof(Sgd), 0.05f)]
    [InlineData("momentum", typeof(Sgd), 0.05f)]
    [InlineData("nesterov", typeof(Sgd), 0.05f)]
    [InlineData("adagrad", typeof(AdaGrad), 0.01f)]
    [InlineData("rmsprop", typeof(RmsProp), 0.01f)]
    [InlineData("adam", typeof(Adam), 0.001f)]
    [InlineData("adamw", typeof(AdamW), 0.001f)]
    [InlineData("adamax", typeof(AdaMax), 0.002f)]
    [InlineData("nadam", typeof(Nadam), 0.002f)]
    public void Each_optimizer_gets_its_type_and_default_rate(string name, Type type, float rate)
    {
        var settings = DigitsSettings.Parse(new[] { "--optimizer", name })!;
        var optimizer = OptimizerFactory.Create(settings.Optimizer, settings.EffectiveLearningRate);

        Assert.IsType(type, optimizer);
        Assert.Equal(rate, optimizer.LearningRate);
        if (optimizer is Sgd sgd)
        {
            Assert.Equal(name == "sgd" ? 0f : 0.9f, sgd.Momentum);
            Assert.Equal(name == "nesterov", sgd.Nesterov);
        }
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("nesterov")]
    [InlineData("adagrad")]
    [InlineData("rmsprop")]
    [InlineData("adam")]
    [InlineData("adamw")]
    [InlineData("adamax")]
    [InlineData("nadam")]
    public void An_explicit_rate_overrides_the_optimizer_default(string name)
    {
        // The order of the options does not matter.
        var settings = DigitsSettings.Parse(new[] { "--lr", "0.0123", "--optimizer", name })!;
        Assert.Equal(0.0123f, OptimizerFactory.Create(settings.Optimizer, settings.EffectiveLearningRate).LearningRate);
    }

    [Theory]
    [InlineData(ScheduleChoice.None, null)]
    [InlineData(ScheduleChoice.Exponential, typeof(ExponentialDecay))]
    [InlineData(ScheduleChoice.Piecewise, typeof(PiecewiseConstant))]
    [InlineData(ScheduleChoice.Power, typeof(InverseTimeDecay))]
    [InlineData(ScheduleChoice.Cosine, typeof(CosineDecay))]
    [InlineData(ScheduleChoice.OneCycle, typeof(OneCycle))]
    [InlineData(ScheduleChoice.Plateau, null)]
    public void Each_schedule_choice_gets_its_type(ScheduleChoice choice, Type? type)
    {
        var setup = ScheduleFactory.Create(choice, 0.05f, 60, StepsPerEpoch);

        if (type is null) Assert.Null(setup.Schedule);
        else Assert.IsType(type, setup.Schedule);
        Assert.Equal(choice == ScheduleChoice.Plateau, setup.Plateau is not null);
        Assert.False(string.IsNullOrWhiteSpace(setup.Description));
    }

    [Fact]
    public void Schedule_parameters_are_derived_from_the_run()
    {
        double rate = 0.05f;
        Assert.Equal(StepsPerEpoch, ScheduleFactory.StepsPerEpoch(1347, 32));
        Assert.Equal(1, ScheduleFactory.StepsPerEpoch(1347, 5000));

        var exponential = Assert.IsType<ExponentialDecay>(ScheduleFactory.Create(ScheduleChoice.Exponential, 0.05f, 60, StepsPerEpoch).Schedule);
        Assert.Equal((rate, DefaultSteps, 0.1, false), (exponential.InitialLearningRate, exponential.DecaySteps, exponential.DecayRate, exponential.Staircase));

        // × 0.1 from the first step of epoch 31 (50 %) and again from the first of epoch 46 (75 %).
        var piecewise = ScheduleFactory.Create(ScheduleChoice.Piecewise, 0.05f, 60, StepsPerEpoch).Schedule!;
        Assert.Equal(0.05f, piecewise.RateAt(1289));
        Assert.Equal((float)(rate * 0.1), piecewise.RateAt(1290));
        Assert.Equal((float)(rate * 0.1), piecewise.RateAt(1934));
        Assert.Equal((float)(rate * 0.01), piecewise.RateAt(1935));

        var power = Assert.IsType<InverseTimeDecay>(ScheduleFactory.Create(ScheduleChoice.Power, 0.05f, 60, StepsPerEpoch).Schedule);
        Assert.Equal((rate, 10L * StepsPerEpoch, 1.0), (power.InitialLearningRate, power.DecaySteps, power.DecayRate));

        var cosine = Assert.IsType<CosineDecay>(ScheduleFactory.Create(ScheduleChoice.Cosine, 0.05f, 60, StepsPerEpoch).Schedule);
        Assert.Equal((0.0, (double?)rate, 129L, DefaultSteps - 129L, 0.0),
            (cosine.InitialLearningRate, cosine.WarmupTarget, cosine.WarmupSteps, cosine.DecaySteps, cosine.Alpha));
        Assert.Equal(0.05f, cosine.RateAt(129));

        var cycle = Assert.IsType<OneCycle>(ScheduleFactory.Create(ScheduleChoice.OneCycle, 0.05f, 60, StepsPerEpoch).Schedule);
        Assert.Equal((rate, DefaultSteps, 0.3, 25.0, 1e4), (cycle.MaxLearningRate, cycle.TotalSteps, cycle.PctStart, cycle.DivFactor, cycle.FinalDivFactor));

        var plateau = ScheduleFactory.Create(ScheduleChoice.Plateau, 0.05f, 60, StepsPerEpoch).Plateau!;
        Assert.Equal((PlateauMode.Min, 0.5, 5), (plateau.Mode, plateau.Factor, plateau.Patience));
    }

    [Fact]
    public void A_one_cycle_too_short_for_its_phases_is_refused_clearly()
    {
        var e = Assert.Throws<ArgumentException>(() => ScheduleFactory.Create(ScheduleChoice.OneCycle, 0.05f, 1, 3));
        Assert.Contains("onecycle needs at least 4 steps", e.Message);
        Assert.IsType<OneCycle>(ScheduleFactory.Create(ScheduleChoice.OneCycle, 0.05f, 1, 4).Schedule);
    }

    [Fact]
    public void The_header_names_the_default_optimizer_and_schedule()
    {
        var log = new StringWriter();
        DigitsClassifier.Run(DigitsSettings.Default with { Epochs = 1 }, log);
        Assert.Contains("training: SGD lr 0.05, constant rate, batch 32, 1 epochs", log.ToString());
    }

    [Theory]
    [InlineData(ScheduleChoice.Exponential, "exponential decay")]
    [InlineData(ScheduleChoice.Piecewise, "piecewise")]
    [InlineData(ScheduleChoice.Power, "power decay")]
    [InlineData(ScheduleChoice.Cosine, "cosine decay")]
    [InlineData(ScheduleChoice.OneCycle, "1cycle")]
    [InlineData(ScheduleChoice.Plateau, "without a lower test loss")]
    public void A_short_run_wires_schedule_early_stopping_and_clipping(ScheduleChoice schedule, string description)
    {
        var log = new StringWriter();
        var settings = DigitsSettings.Default with
        {
            Optimizer = OptimizerChoice.Adam, Schedule = schedule, Epochs = 3, EarlyStoppingPatience = 2, ClipNorm = 1f,
        };

        var result = DigitsClassifier.Run(settings, log);

        string text = log.ToString();
        Assert.Contains("training: Adam lr 0.001, ", text);
        Assert.Contains(description, text);
        Assert.Contains("early stopping (patience 2), clip norm 1, batch 32, 3 epochs", text);
        Assert.Contains("early stopping: ", text);
        Assert.InRange(result.History.Epochs.Count, 2, 3);
        Assert.True(result.TestAccuracy > 0.5, $"test accuracy {result.TestAccuracy:P2} after 3 epochs of Adam");
    }
}

/// <summary>The sample's --save and --load: a saved network, loaded without training, evaluates identically.</summary>
public class DigitsCheckpointTests
{
    [Fact]
    public void A_saved_network_loads_and_evaluates_identically()
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"netgen-digits-{System.Guid.NewGuid():N}.safetensors");
        try
        {
            var trained = DigitsClassifier.Run(DigitsSettings.Default with { Epochs = 3, SavePath = path }, System.IO.TextWriter.Null);
            var loaded = DigitsClassifier.Run(DigitsSettings.Default with { LoadPath = path }, System.IO.TextWriter.Null);

            Assert.Equal(trained.TestAccuracy, loaded.TestAccuracy);
            Assert.Equal(trained.TestLoss, loaded.TestLoss);
            Assert.Empty(loaded.History.Epochs);
            Assert.Equal(DigitsSettings.Default with { SavePath = "a", LoadPath = "b" }, DigitsSettings.Parse(new[] { "--save", "a", "--load", "b" }));
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
