using Xunit;

namespace NetGen.Tests.Prediction;

public sealed class NetworkSummaryTests
{
    // Written by hand from Keras's rules, not from the implementation:
    //   dense:   Dense(8) without bias (batch norm before the activation replaces it) 6·8 = 48,
    //            BatchNormalization(8) γ, β (16 trainable) + moving mean, variance (16 non-trainable) → 80
    //   dense_1: Dense(4) 8·4 + 4 = 36, BatchNormalization(4, center=False) γ (4) + moving stats (8) → 48
    //   dense_2: Dense(5) 4·5 + 5 = 25;  dense_3: Dense(3) 5·3 + 3 = 18
    //   total 171, non-trainable 16 + 8 = 24, trainable 147.
    // Columns: widest cell + 3 ("Layer (type)" 15+3, "Output Shape" 12+3, "Param #" 7+3, "Activation" 10+3,
    // "Batch norm" 10+3, "Dropout" 9+3 for "alpha 0.1"): 18+15+10+13+13+12 = 81 characters.
    private const string Expected =
        "Model: \"SummaryNet\"\n" +
        "_________________________________________________________________________________\n" +
        " Layer (type)      Output Shape   Param #   Activation   Batch norm   Dropout\n" +
        "=================================================================================\n" +
        " dense (Dense)     (None, 8)      80        relu         before       0.25\n" +
        "\n" +
        " dense_1 (Dense)   (None, 4)      48        tanh         after        -\n" +
        "\n" +
        " dense_2 (Dense)   (None, 5)      25        selu         -            alpha 0.1\n" +
        "\n" +
        " dense_3 (Dense)   (None, 3)      18        softmax      -            -\n" +
        "=================================================================================\n" +
        "Total params: 171\n" +
        "Trainable params: 147\n" +
        "Non-trainable params: 24\n" +
        "_________________________________________________________________________________\n";

    [Fact]
    public void Summary_prints_keras_table_with_batch_norm_and_dropout()
    {
        INetwork network = new SummaryNet();

        Assert.Equal(Expected, network.Summary());
    }

    [Fact]
    public void Summary_totals_agree_with_the_buffers()
    {
        INetwork network = new SummaryNet();

        Assert.Equal(147, network.ParameterCount);
        Assert.Equal(24, network.State.Length);
    }

    [Fact]
    public void A_frozen_layer_counts_as_non_trainable_as_in_keras()
    {
        INetwork network = new SummaryNet();
        network.SetTrainable(0, false);

        string summary = network.Summary();

        // dense's 64 parameters (kernel 48, γ 8, β 8) move from trainable to non-trainable.
        Assert.Contains("Trainable params: 83\n", summary, System.StringComparison.Ordinal);
        Assert.Contains("Non-trainable params: 88\n", summary, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Thousands_are_grouped_in_the_totals_as_keras_does()
    {
        INetwork network = new NetGen.Tests.Networks.CompactDigitsNet();

        // 64·128+128 + 128·128+128 + 128·10+10 = 8,320 + 16,512 + 1,290 = 26,122.
        Assert.Contains("Total params: 26,122\n", network.Summary(), System.StringComparison.Ordinal);
    }
}
