using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Normalization;

/// <summary>INetwork.GetLayer: every part of a layer through a view, the same values the offsets name.</summary>
public class LayerViewTests
{
    [Fact]
    public void GetLayer_exposes_kernel_bias_gamma_beta_and_moving_statistics()
    {
        INetwork network = new NormBatchNormNet();
        var random = new NetGenRandom(3);
        foreach (ref float value in network.Parameters) value = (float)random.NextNormal();
        foreach (ref float value in network.State) value = (float)random.NextDouble() + 0.5f;
        foreach (var info in network.Layers)
        {
            var view = network.GetLayer(info.Index);
            Assert.Same(info, view.Info);
            Assert.Equal(network.Parameters.Slice(info.KernelOffset, info.Inputs * info.Units).ToArray(), view.Weights.ToArray());
            Assert.Equal(info.HasBias ? network.Parameters.Slice(info.BiasOffset, info.Units).ToArray() : Array.Empty<float>(), view.Bias.ToArray());
            if (info.BatchNorm is { } norm)
            {
                Assert.Equal(network.Parameters.Slice(norm.GammaOffset, info.Units).ToArray(), view.Gamma.ToArray());
                Assert.Equal(network.Parameters.Slice(norm.BetaOffset, info.Units).ToArray(), view.Beta.ToArray());
                Assert.Equal(network.State.Slice(norm.MeanOffset, info.Units).ToArray(), view.MovingMean.ToArray());
                Assert.Equal(network.State.Slice(norm.VarianceOffset, info.Units).ToArray(), view.MovingVariance.ToArray());
            }
            else
            {
                Assert.True(view.Gamma.IsEmpty && view.Beta.IsEmpty && view.MovingMean.IsEmpty && view.MovingVariance.IsEmpty);
            }
        }
        // The normalization's statistics open the state buffer, before the first moving mean.
        var normalization = network.Normalization!.Value;
        Assert.Equal(network.State.Slice(0, 3).ToArray(), normalization.Mean.ToArray());
        Assert.Equal(2 * 3 + 1, network.Layers[0].BatchNorm!.MeanOffset);
        Assert.Throws<ArgumentOutOfRangeException>(() => network.GetLayer(3));
    }

    [Fact]
    public void Writing_through_a_view_reaches_predictions()
    {
        INetwork network = new NormClassifierNet();
        var input = new float[] { 1, 2, 3, 4 };
        var before = new float[3];
        network.Predict(input, before);
        network.GetLayer(1).Bias[0] += 5f;
        var after = new float[3];
        network.Predict(input, after);
        Assert.NotEqual(before, after);
    }
}
