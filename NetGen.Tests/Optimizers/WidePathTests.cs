using Xunit;

namespace NetGen.Tests.Optimizers;

/// <summary>
/// Adam's update runs on 16-lane vectors where AVX-512 is present and on Vector&lt;float&gt; otherwise.
/// Updating 8-value ranges (too short for the 16-lane loop) must give bit for bit what one update of
/// the whole buffer gives, so results do not depend on which path, or how many threads, ran them.
/// </summary>
public class WidePathTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Adam_in_short_ranges_matches_one_whole_update(bool amsGrad, bool decoupled)
    {
        const int n = 16 * 37 + 8;
        var random = new NetGenRandom(3);
        var start = new float[n];
        var gradients = new float[n];
        for (int i = 0; i < n; i++) { start[i] = (float)random.NextNormal(); gradients[i] = (float)random.NextNormal(); }

        IOptimizer Create() => decoupled ? new AdamW(1e-2f, weightDecay: 0.1f) : new Adam(1e-2f, weightDecay: 0.01f, amsGrad: amsGrad);
        var whole = (float[])start.Clone();
        var chunked = (float[])start.Clone();
        var a = Create();
        var b = (IPartitionedOptimizer)Create();
        for (int step = 0; step < 3; step++)
        {
            a.Step(whole, gradients);
            b.BeginStep(n);
            for (int i = 0; i < n; i += 8) b.StepRange(chunked, gradients, i, 8);
        }
        Assert.Equal(whole, chunked);
    }
}
